"""Fuzzing supervision sessions, the practice log and the monitoring report's filters:
no 500s, nothing written on a rejected request."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from courses.tests.factories import CohortFactory, EnrollmentFactory
from lms.accounts.tests.factories import TerritoryFactory
from lms.tests.fuzzing import (
    FEW,
    FUZZ,
    Fuzzer,
    button,
    encodings,
    form_data,
    junk_value,
    pick,
    prose,
)
from supervision.models import (
    CoMediatorInvitation,
    EntryStatus,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
    ReconciliationService,
    SessionParticipant,
    SupervisionSession,
)
from supervision.services import session_participants_sync
from supervision.tests.factories import EntryFactory, ServiceFactory, SessionFactory
from supervision.vocab import CaseCategory, CaseSubcategory, Outcome, ProgramType, ReferralSource

pytestmark = pytest.mark.django_db


def day(days=0):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.fixture
def world(users):
    territory = TerritoryFactory()
    for role in ("trainee", "curator", "supervisor"):
        users[role].territory = territory
        users[role].save()
    cohort = CohortFactory(supervisors=[users["supervisor"]], trainers=[users["trainer"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    EnrollmentFactory(cohort=cohort)
    past = SessionFactory(cohort=cohort, facilitator=users["supervisor"])
    session_participants_sync(session=past)
    upcoming = SessionFactory(
        cohort=None,
        territory=territory,
        facilitator=users["supervisor"],
        date=timezone.localdate() + timedelta(days=7),
    )
    service = ServiceFactory(territory=territory)
    return {
        "territory": territory,
        "cohort": cohort,
        "past": past,
        "upcoming": upcoming,
        "service": service,
        "draft": EntryFactory(author=users["trainee"], service=service, status=EntryStatus.DRAFT),
        "submitted": EntryFactory(author=users["trainee"], service=service),
    }


# --- sessions


def session_fields(world, users):
    return {
        "kind": pick("supervision", "intervision", "balint", "seminar", "x"),
        "cohort": pick(str(world["cohort"].pk), ""),
        "territory": pick("", str(world["territory"].pk)),
        "date": pick(day(-3), day(5), "9999-12-31", "0001-01-01"),
        "starts_at": pick("10:00", "23:59", "24:00"),
        "duration_minutes": pick("90", "15", "720", "721", "14", "65536"),
        "format": pick("in_person", "online"),
        "place": pick("ауд. 5", ""),
        "online_url": pick("https://meet.example.org/x", "", "javascript:alert(1)"),
        "topic": pick("Разбор случая", ""),
        "case_program_type": pick("mediation", ""),
        "case_category": pick("school", ""),
        "case_summary": pick("Конфликт учеников.", "Мама, Ольга Петровна, пришла."),
        "outcomes": pick("", "Договорились."),
        "process_notes": prose,
        "facilitator": pick(
            "", str(users["supervisor"].pk), str(users["trainee"].pk), str(users["curator"].pk)
        ),
        "presenter": pick("", str(users["trainee"].pk), "999999999"),
    }


@FUZZ
@given(data=st.data(), existing=st.booleans())
def test_session_form(users, world, data, existing):
    posted = data.draw(form_data(session_fields(world, users)))
    url = (
        reverse("supervision_session_edit", args=[world["past"].pk])
        if existing
        else reverse("supervision_session_new")
    )
    Fuzzer(users["supervisor"], watch=[SupervisionSession]).post(url, posted)


@FUZZ
@given(data=form_data({"cohort": junk_value}))
def test_session_form_initial_cohort(users, world, data):
    Fuzzer(users["supervisor"]).get(reverse("supervision_session_new"), data)


@FUZZ
@given(
    data=form_data({"reflection": st.one_of(st.just("Я понял, что торопился."), prose)}),
    encoding=encodings,
)
def test_reflection(users, world, data, encoding):
    url = reverse("supervision_session", args=[world["past"].pk])
    Fuzzer(users["trainee"], watch=[SessionParticipant]).post(url, data, content_type=encoding)


@FUZZ
@given(data=st.data())
def test_session_attendance(users, world, data):
    people = list(world["past"].participants.values_list("user_id", flat=True))
    statuses = st.sampled_from(["present", "late", "absent", "excused", ""])
    fields = {"bulk": statuses}
    for pk in people:
        fields[f"status-{pk}"] = statuses
        fields[f"remark-{pk}"] = prose
    posted = data.draw(form_data(fields))
    url = reverse("supervision_attendance", args=[world["past"].pk])
    Fuzzer(users["supervisor"], watch=[SessionParticipant]).post(url, posted)


@FUZZ
@given(data=st.data())
def test_participant_add(users, world, data):
    people = [str(users["trainer"].pk), str(users["curator"].pk), "999999999", "x"]
    posted = data.draw(form_data({"people": st.sampled_from(people)}))
    url = reverse("supervision_participant_add", args=[world["past"].pk])
    Fuzzer(users["supervisor"], success_redirects=False).post(url, posted)


@FEW
@given(data=form_data({}))
def test_session_join(users, world, data):
    url = reverse("supervision_join", args=[world["upcoming"].pk])
    Fuzzer(users["trainee"], success_redirects=False).post(url, data)


# --- the practice log


def entry_fields(world, users):
    return {
        "service": pick(str(world["service"].pk), ""),
        "program_type": pick("mediation", *ProgramType.values),
        "case_category": pick("education", *CaseCategory.values),
        "case_subcategory": pick("education_pair", "", *CaseSubcategory.values),
        "referral_source": pick("school_administration", *ReferralSource.values),
        "request_date": pick(day(-20), day(3), "0001-01-01"),
        "preliminary_meeting_on": pick(day(-15), "", day(-30)),
        "joint_meeting_on": pick(day(-10), ""),
        "adults": pick("2", "0", "1000", "1001", "-1", "32768"),
        "children": pick("3", "0", "999", "65536"),
        "outcome": pick("agreement", *Outcome.values),
        "not_completed_reason": st.one_of(st.just("Сторона отказалась."), prose),
        "summary": st.one_of(st.just("Травля в чате класса."), prose),
        "follow_up": prose,
        "co_mediators": pick(
            "",
            users["supervisor"].email,
            f"{users['trainer'].email}, x@example.org",
            ", ".join(f"p{n}@example.org" for n in range(11)),
            "not an email",
        ),
        "submit": button,
    }


@FUZZ
@given(data=st.data(), existing=st.booleans())
def test_practice_entry_form(users, world, data, existing):
    posted = data.draw(form_data(entry_fields(world, users)))
    url = (
        reverse("practice_edit", args=[world["draft"].pk]) if existing else reverse("practice_new")
    )
    watch = [PracticeEntry, PracticeMediator, CoMediatorInvitation]
    Fuzzer(users["trainee"], watch=watch).post(url, posted)


@FUZZ
@given(data=form_data({"answer": pick("took_part", "declined", "maybe")}), encoding=encodings)
def test_practice_answer(users, world, make_user, data, encoding):
    colleague = make_user("trainee")
    entry = EntryFactory(
        author=users["trainee"], mediators=[colleague], mediators__status=MediatorStatus.PENDING
    )
    url = reverse("practice_answer", args=[entry.pk])
    Fuzzer(colleague, watch=[PracticeMediator], success_redirects=False).post(
        url, data, content_type=encoding
    )


@FUZZ
@given(
    data=st.data(),
    role=st.sampled_from(["registrar", "curator"]),
)
def test_reconciliation_service_form(users, world, data, role):
    posted = data.draw(
        form_data(
            {
                "kind": pick("school", "territorial", "x"),
                "organisation": st.one_of(st.just("МБОУ «СОШ № 7»"), prose),
                "territory": pick(str(world["territory"].pk), "", "0", "9" * 30),
            }
        )
    )
    url = reverse("practice_service_new")
    Fuzzer(users[role], watch=[ReconciliationService]).post(url, posted)


@FEW
@given(data=form_data({}))
def test_practice_submit(users, world, data):
    url = reverse("practice_submit", args=[world["draft"].pk])
    Fuzzer(users["trainee"], success_redirects=False).post(url, data)


@FUZZ
@given(
    data=form_data(
        {
            "decision": pick("sign", "return", "approve"),
            "comment": st.one_of(st.just("Уточните даты встреч."), prose),
        }
    ),
    encoding=encodings,
)
def test_practice_review(users, world, data, encoding):
    url = reverse("practice_review", args=[world["submitted"].pk])
    Fuzzer(users["supervisor"], watch=[PracticeEntry], success_redirects=False).post(
        url, data, content_type=encoding
    )


# --- the monitoring report (GET)


def report_query(territory):
    year = str(timezone.localdate().year)
    return form_data(
        {
            "year": pick(year, "1999", "2101", "2025.0"),
            "territory": pick("", str(territory.pk), "0", "-1", "9" * 30),
        }
    )


@FUZZ
@given(data=st.data(), role=st.sampled_from(["registrar", "curator"]), xlsx=st.booleans())
def test_monitoring_report(users, world, data, role, xlsx):
    query = data.draw(report_query(world["territory"]))
    url = reverse("monitoring_report_xlsx" if xlsx else "monitoring_report")
    Fuzzer(users[role]).get(url, query)
