"""People on sessions: chosen from the cohort's (or territory's) people, never by a typed
email; late joiners put on the cohort's planned sessions; how a session's page reads."""

from datetime import time, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from courses.models import EnrollmentStatus
from courses.services import enrollment_approve, enrollment_withdraw, enrollments_import
from courses.tests.factories import CohortFactory, EnrollmentFactory
from lms.accounts.tests.factories import TerritoryFactory
from supervision.models import SessionKind, SessionParticipant, SupervisionSession
from supervision.services import session_participants_sync
from supervision.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def ru(text: str) -> str:
    with translation.override("ru"):
        return translation.gettext(text)


@pytest.fixture
def world(users, make_user):
    cohort = CohortFactory(supervisors=[users["supervisor"]], trainers=[users["trainer"]])
    trainee = EnrollmentFactory(cohort=cohort, user=users["trainee"]).user
    elsewhere = CohortFactory(supervisors=[users["supervisor"]])
    stranger = EnrollmentFactory(cohort=elsewhere).user
    return {"cohort": cohort, "trainee": trainee, "elsewhere": elsewhere, "stranger": stranger}


def _form(cohort, **overrides):
    data = {
        "kind": "intervision",
        "cohort": cohort.pk if cohort else "",
        "territory": "",
        "date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "starts_at": "16:00",
        "duration_minutes": "120",
        "format": "online",
        "place": "",
        "online_url": "https://meet.example.org/room",
        "topic": "Разбор случаев модуля 2",
        "facilitator": "",
        "presenter": "",
        "case_program_type": "",
        "case_category": "",
        "case_summary": "",
        "outcomes": "",
        "process_notes": "",
    }
    data.update(overrides)
    return data


# --- planning: people from lists


def test_the_planning_form_offers_the_cohorts_people_not_an_email_field(client, users, world):
    client.force_login(users["supervisor"])
    response = client.get(reverse("supervision_session_new"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "facilitator_email" not in html and 'type="email"' not in html
    choices = dict(response.context["form"].fields["facilitator"].choices)
    mine = dict(choices[str(world["cohort"])])
    assert world["trainee"].pk in mine and users["trainer"].pk in mine
    assert world["stranger"].pk in dict(choices[str(world["elsewhere"])])
    assert 'src="/static/js/session_people.js"' in html


def test_a_trainee_of_the_cohort_presents_and_facilitates(client, users, world):
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("supervision_session_new"),
        _form(world["cohort"], facilitator=world["trainee"].pk, presenter=world["trainee"].pk),
    )
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    assert session.facilitator == session.presenter == world["trainee"]


def test_someone_of_another_cohort_is_refused_and_what_was_typed_is_kept(client, users, world):
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("supervision_session_new"),
        _form(world["cohort"], presenter=world["stranger"].pk),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert ru("Choose someone from the chosen cohort or a supervisor of the centre.") in html
    assert "Разбор случаев модуля 2" in html
    assert not SupervisionSession.objects.exists()


@pytest.mark.parametrize("value", ["999999999", "abc", "-1"])
def test_a_person_outside_the_lists_is_refused_without_saying_who_exists(
    client, users, world, value
):
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("supervision_session_new"), _form(world["cohort"], facilitator=value)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert ru("Choose someone from the list.") in html
    assert "не зарегистрирован" not in html
    assert not SupervisionSession.objects.exists()


def test_an_open_session_is_led_by_a_supervisor_of_the_centre(client, users, make_user):
    territory = TerritoryFactory()
    colleague = make_user("supervisor")
    client.force_login(users["registrar"])
    response = client.post(
        reverse("supervision_session_new"),
        _form(None, territory=territory.pk, kind="seminar", facilitator=colleague.pk),
    )
    assert response.status_code == 302
    assert SupervisionSession.objects.get().facilitator == colleague


def test_editing_keeps_the_facilitator_and_offers_who_is_on_the_session(client, users, world):
    session = SessionFactory(cohort=world["cohort"], facilitator=world["trainee"])
    client.force_login(users["supervisor"])
    form = client.get(reverse("supervision_session_edit", args=[session.pk])).context["form"]
    assert form["facilitator"].value() == world["trainee"].pk
    data = _form(world["cohort"], facilitator=world["trainee"].pk, topic=session.topic)
    response = client.post(reverse("supervision_session_edit", args=[session.pk]), data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.facilitator == world["trainee"]


def test_cohorts_that_ended_long_ago_are_not_offered_for_planning(client, users):
    today = timezone.localdate()
    old = CohortFactory(
        supervisors=[users["supervisor"]],
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=200),
    )
    client.force_login(users["supervisor"])
    form = client.get(reverse("supervision_session_new")).context["form"]
    assert old not in form.fields["cohort"].queryset
    # but a session of it can still be edited
    session = SessionFactory(cohort=old, facilitator=users["supervisor"])
    form = client.get(reverse("supervision_session_edit", args=[session.pk])).context["form"]
    assert old in form.fields["cohort"].queryset


# --- adding participants


@pytest.fixture
def session(users, world):
    session = SessionFactory(cohort=world["cohort"], facilitator=users["supervisor"])
    session_participants_sync(session=session)
    return session


def test_the_facilitator_ticks_the_cohorts_staff_to_add(client, users, world, session):
    client.force_login(users["supervisor"])
    html = client.get(reverse("supervision_session", args=[session.pk])).content.decode()
    assert 'name="people"' in html and 'type="email"' not in html
    form = client.get(reverse("supervision_session", args=[session.pk])).context["add_form"]
    offered = {pk for pk, _label in form.fields["people"].choices}
    assert offered == {users["trainer"].pk}  # not the trainees on it, not its facilitator
    response = client.post(
        reverse("supervision_participant_add", args=[session.pk]),
        {"people": [users["trainer"].pk]},
        follow=True,
    )
    assert session.participants.filter(user=users["trainer"]).exists()
    with translation.override("ru"):
        added = translation.ngettext(
            "%(n)s participant has been added.", "%(n)s participants have been added.", 1
        ) % {"n": 1}
    assert added in response.content.decode()


def test_someone_outside_the_cohort_cannot_be_added_and_nothing_is_revealed(
    client, users, world, session
):
    client.force_login(users["supervisor"])
    for value in (world["stranger"].pk, 999999999):
        response = client.post(
            reverse("supervision_participant_add", args=[session.pk]),
            {"people": [value]},
            follow=True,
        )
        html = response.content.decode()
        assert ru("Choose someone from the list.") in html
        assert "не зарегистрирован" not in html
    assert not session.participants.filter(user=world["stranger"]).exists()


def test_ticking_nobody_is_explained(client, users, session):
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("supervision_participant_add", args=[session.pk]), {}, follow=True
    )
    assert ru("Tick at least one person.") in response.content.decode()


def test_an_open_session_offers_the_territorys_mediators_only(client, users, make_user):
    territory = TerritoryFactory()
    mediator = EnrollmentFactory(user=make_user("trainee", territory=territory)).user
    outsider = EnrollmentFactory(user=make_user("trainee", territory=TerritoryFactory())).user
    unenrolled = make_user("trainee", territory=territory)  # the centre has not enrolled them
    session = SessionFactory(
        cohort=None,
        territory=territory,
        kind=SessionKind.SEMINAR,
        facilitator=users["supervisor"],
        date=timezone.localdate() + timedelta(days=7),
    )
    client.force_login(users["supervisor"])
    form = client.get(reverse("supervision_session", args=[session.pk])).context["add_form"]
    offered = {pk for pk, _label in form.fields["people"].choices}
    assert offered == {mediator.pk}
    client.post(
        reverse("supervision_participant_add", args=[session.pk]),
        {"people": [mediator.pk, outsider.pk, unenrolled.pk]},
    )
    assert not session.participants.exists()  # all or nothing: two were not on the list
    url = reverse("supervision_participant_add", args=[session.pk])
    client.post(url, {"people": [mediator.pk]})
    assert list(session.participants.values_list("user", flat=True)) == [mediator.pk]
    html = client.get(reverse("supervision_session", args=[session.pk])).content.decode()
    assert ru("Nobody else can be added: everyone who may take part is on the list.") in html


# --- late joiners


def _upcoming(cohort, **kwargs):
    return SessionFactory(cohort=cohort, date=timezone.localdate() + timedelta(days=5), **kwargs)


def test_an_approved_late_joiner_is_put_on_the_cohorts_planned_sessions(users, world, make_user):
    cohort = world["cohort"]
    past = SessionFactory(cohort=cohort)
    planned = _upcoming(cohort)
    later_today = SessionFactory(
        cohort=cohort, date=timezone.localdate(), starts_at=time(0, 0)
    )  # already begun
    application = EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.APPLIED)
    assert not planned.participants.filter(user=application.user).exists()
    enrollment_approve(enrollment=application, by=users["registrar"])
    joiner = application.user
    assert planned.participants.filter(user=joiner).exists()
    assert not past.participants.filter(user=joiner).exists()
    assert not later_today.participants.filter(user=joiner).exists()
    entry = ModelLogEntry.objects.filter(action="supervision.participant.add").latest("pk")
    assert entry.object_id == str(planned.pk) and entry.user_id == users["registrar"].pk


def test_an_imported_staff_list_joins_the_planned_sessions_too(users, world):
    planned = _upcoming(world["cohort"])
    rows = [{"email": "late.teacher@example.org", "last_name": "Сомова", "first_name": "Нина"}]
    (enrollment,) = enrollments_import(
        cohort=world["cohort"], staff_list=SimpleNamespace(rows=rows), by=users["registrar"]
    )
    assert planned.participants.filter(user=enrollment.user).exists()


def test_who_leaves_the_cohort_leaves_its_planned_sessions_but_keeps_the_past(users, world):
    cohort = world["cohort"]
    enrollment = EnrollmentFactory(cohort=cohort)
    past = SessionFactory(cohort=cohort)
    SessionParticipant.objects.create(session=past, user=enrollment.user, status="present")
    planned = _upcoming(cohort)
    session_participants_sync(session=planned)
    presenting = _upcoming(cohort, presenter=enrollment.user)
    session_participants_sync(session=presenting)
    enrollment_withdraw(enrollment=enrollment, by=users["registrar"])
    assert past.participants.filter(user=enrollment.user).exists()
    assert not planned.participants.filter(user=enrollment.user).exists()
    assert presenting.participants.filter(user=enrollment.user).exists()
    # the cohort's staff are not touched by an enrollment of theirs
    assert planned.participants.filter(user=world["trainee"]).exists()


def test_a_late_joiner_sees_the_planned_session_in_their_calendar(client, users, world):
    planned = _upcoming(world["cohort"])
    application = EnrollmentFactory(cohort=world["cohort"], status=EnrollmentStatus.APPLIED)
    enrollment_approve(enrollment=application, by=users["registrar"])
    client.force_login(application.user)
    assert planned.topic in client.get(reverse("calendar")).content.decode()


# --- how a session's page reads


def test_the_case_summary_is_rendered_as_cleaned_html_not_as_tags(client, users, world):
    session = SessionFactory(
        cohort=world["cohort"],
        facilitator=users["supervisor"],
        case_summary="Ученик **7 класса** взял телефон.\n\n<script>alert(1)</script>",
    )
    client.force_login(users["supervisor"])
    html = client.get(reverse("supervision_session", args=[session.pk])).content.decode()
    assert "<p>Ученик <strong>7 класса</strong> взял телефон.</p>" in html
    assert "&lt;p&gt;" not in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    ("kind", "topic", "title"),
    [
        ("supervision", "Супервизия: первая общая встреча", "Супервизия: первая общая встреча"),
        ("supervision", "супервизия случаев модуля 2", "супервизия случаев модуля 2"),
        ("intervision", "Разбор случая травли", "Интервизия: Разбор случая травли"),
    ],
)
def test_the_title_does_not_repeat_the_kind(client, users, world, kind, topic, title):
    session = SessionFactory(
        cohort=world["cohort"], facilitator=users["supervisor"], kind=kind, topic=topic
    )
    with translation.override("ru"):
        assert session.title == title
    client.force_login(users["supervisor"])
    html = client.get(reverse("supervision_session", args=[session.pk])).content.decode()
    assert f'<h1 class="h3">{title}</h1>' in html
    assert "Супервизия: Супервизия" not in html
