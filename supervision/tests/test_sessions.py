"""Supervision sessions: who sees what, planning, attendance and reflections."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.tests.factories import CohortFactory, EnrollmentFactory
from lms.accounts.tests.factories import TerritoryFactory
from supervision.models import SessionKind, SessionParticipant, SupervisionSession
from supervision.services import session_participants_sync
from supervision.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

SECRET = "испорченного телефона"


@pytest.fixture
def world(users, make_user):
    """A cohort with a supervisor and two trainees, and a past intervision they attended."""
    cohort = CohortFactory(supervisors=[users["supervisor"]], trainers=[users["trainer"]])
    trainee = EnrollmentFactory(cohort=cohort, user=users["trainee"]).user
    peer = EnrollmentFactory(cohort=cohort).user
    other_supervisor = make_user("supervisor")
    session = SessionFactory(cohort=cohort, facilitator=other_supervisor)
    session_participants_sync(session=session)
    return {
        "cohort": cohort,
        "trainee": trainee,
        "peer": peer,
        "facilitator": other_supervisor,
        "session": session,
    }


@pytest.mark.parametrize(
    ("who", "status", "sees_contents"),
    [
        ("facilitator", 200, True),
        ("trainee", 200, True),  # a participant
        ("supervisor", 200, True),  # the cohort's supervisor
        ("registrar", 200, False),  # counts only
        ("curator", 404, False),  # a cohort session has no territory of theirs
        ("trainer", 404, False),
        ("editor", 404, False),
        ("nobody", 404, False),
    ],
)
def test_session_page_shows_contents_only_to_the_sessions_people(
    client, users, world, who, status, sees_contents
):
    client.force_login(world["facilitator"] if who == "facilitator" else users[who])
    response = client.get(reverse("supervision_session", args=[world["session"].pk]))
    assert response.status_code == status
    html = response.content.decode()
    assert (SECRET in html) is sees_contents
    assert ("ведущий торопил" in html) is sees_contents


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(reverse("supervision_session", args=[world["session"].pk]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_list_hides_the_topic_from_those_who_see_only_counts(client, users, world):
    client.force_login(users["registrar"])
    html = client.get(reverse("supervision_sessions")).content.decode()
    assert world["session"].topic not in html
    assert "(конфиденциально)" in html
    client.force_login(world["trainee"])
    assert world["session"].topic in client.get(reverse("supervision_sessions")).content.decode()


def test_a_curator_sees_counts_of_open_sessions_in_their_territory_only(client, make_user):
    home, elsewhere = TerritoryFactory(), TerritoryFactory()
    curator = make_user("curator", territory=home)
    mine = SessionFactory(cohort=None, territory=home, kind=SessionKind.SEMINAR)
    theirs = SessionFactory(cohort=None, territory=elsewhere, kind=SessionKind.SEMINAR)
    client.force_login(curator)
    response = client.get(reverse("supervision_session", args=[mine.pk]))
    assert response.status_code == 200 and SECRET not in response.content.decode()
    assert client.get(reverse("supervision_session", args=[theirs.pk])).status_code == 404


def _session_form(cohort, **overrides):
    data = {
        "kind": "intervision",
        "cohort": cohort.pk,
        "territory": "",
        "date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "starts_at": "16:00",
        "duration_minutes": "120",
        "format": "online",
        "place": "",
        "online_url": "https://meet.example.org/room",
        "topic": "Интервизия по случаям модуля 2",
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


def test_a_supervisor_plans_an_intervision_for_their_cohort(client, users, world):
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("supervision_session_new"),
        _session_form(world["cohort"], facilitator=world["trainee"].pk),
    )
    session = SupervisionSession.objects.latest("pk")
    assert response.status_code == 302
    assert session.facilitator == world["trainee"] and session.created_by == users["supervisor"]
    # every approved trainee of the cohort is on the list
    assert set(session.participants.values_list("user", flat=True)) == {
        world["trainee"].pk,
        world["peer"].pk,
    }


@pytest.mark.parametrize("role", ["trainee", "trainer", "curator", "editor", "nobody"])
def test_only_supervisors_and_the_registrar_plan_sessions(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("supervision_session_new")).status_code == 403


def test_a_supervisor_cannot_plan_for_someone_elses_cohort(client, make_user, world):
    outsider = make_user("supervisor")
    client.force_login(outsider)
    response = client.post(reverse("supervision_session_new"), _session_form(world["cohort"]))
    assert response.status_code == 200  # the cohort is not among their choices
    assert "Выберите корректный вариант" in response.content.decode()
    assert not SupervisionSession.objects.filter(created_by=outsider).exists()


@pytest.mark.parametrize(
    ("minutes", "message"),
    [("0", "не меньше 15 минут"), ("1500", "не больше 12 часов"), ("abc", "Введите целое число")],
)
def test_impossible_durations_are_refused_in_russian(client, users, world, minutes, message):
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("supervision_session_new"), _session_form(world["cohort"], duration_minutes=minutes)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Интервизия по случаям модуля 2" in html  # what was typed is kept
    assert SupervisionSession.objects.count() == 1


def test_a_case_summary_with_names_is_refused_and_kept_in_the_form(client, users, world):
    client.force_login(users["supervisor"])
    summary = "Иванов Петя ударил Сидорову Машу на перемене."
    response = client.post(
        reverse("supervision_session_new"), _session_form(world["cohort"], case_summary=summary)
    )
    html = response.content.decode()
    assert response.status_code == 200 and "персональные данные" in html
    assert summary in html
    assert SupervisionSession.objects.count() == 1


def test_a_session_needs_a_cohort_or_a_territory_but_not_both(client, users, world):
    client.force_login(users["supervisor"])
    territory = TerritoryFactory()
    both = client.post(
        reverse("supervision_session_new"),
        _session_form(world["cohort"], territory=territory.pk),
    )
    assert "Выберите либо группу" in both.content.decode()


def _attendance(session, marks, bulk=""):
    data = {"bulk": bulk}
    for user, status in marks.items():
        data[f"status-{user.pk}"] = status
        data[f"remark-{user.pk}"] = ""
    return data


def test_the_facilitator_marks_attendance_in_bulk_and_row_by_row(client, world):
    session = world["session"]
    client.force_login(world["facilitator"])
    url = reverse("supervision_attendance", args=[session.pk])
    assert client.get(url).status_code == 200
    client.post(url, _attendance(session, {}, bulk="present"))
    assert set(session.participants.values_list("status", flat=True)) == {"present"}
    client.post(url, _attendance(session, {world["trainee"]: "present", world["peer"]: "late"}))
    assert session.participants.get(user=world["peer"]).status == "late"


def test_nobody_can_be_marked_present_at_a_session_in_the_future(client, world):
    session = world["session"]
    session.date = timezone.localdate() + timedelta(days=5)
    session.save()
    client.force_login(world["facilitator"])
    response = client.post(
        reverse("supervision_attendance", args=[session.pk]),
        _attendance(session, {world["trainee"]: "present"}),
    )
    assert response.status_code == 200
    assert "ещё не началась" in response.content.decode()
    assert not session.participants.exclude(status="").exists()
    # "excused" ahead of time is fine
    client.post(
        reverse("supervision_attendance", args=[session.pk]),
        _attendance(session, {world["trainee"]: "excused"}),
    )
    assert session.participants.get(user=world["trainee"]).status == "excused"


@pytest.mark.parametrize("who", ["trainee", "registrar"])
def test_participants_and_the_registrar_cannot_mark_attendance(client, users, world, who):
    client.force_login(users[who])
    assert (
        client.get(reverse("supervision_attendance", args=[world["session"].pk])).status_code == 403
    )


def test_outsiders_do_not_learn_the_attendance_page_exists(client, users, world):
    client.force_login(users["trainer"])
    assert (
        client.get(reverse("supervision_attendance", args=[world["session"].pk])).status_code == 404
    )


def test_a_participant_writes_a_reflection_that_the_group_sees(client, world):
    session = world["session"]
    client.force_login(world["trainee"])
    text = "Я понял, что торопил стороны и не дал им договорить."
    response = client.post(reverse("supervision_session", args=[session.pk]), {"reflection": text})
    assert response.status_code == 302
    assert SessionParticipant.objects.get(session=session, user=world["trainee"]).reflection == text
    client.force_login(world["facilitator"])
    assert text in client.get(reverse("supervision_session", args=[session.pk])).content.decode()


def test_a_reflection_is_refused_for_a_future_session_or_an_absence(client, world):
    session = world["session"]
    SessionParticipant.objects.filter(session=session, user=world["trainee"]).update(
        status="absent"
    )
    client.force_login(world["trainee"])
    response = client.post(
        reverse("supervision_session", args=[session.pk]), {"reflection": "Текст"}
    )
    assert "отмечены как отсутствовавший" in response.content.decode()
    assert SessionParticipant.objects.get(session=session, user=world["trainee"]).reflection == ""


def test_only_participants_post_reflections(client, users, world):
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("supervision_session", args=[world["session"].pk]), {"reflection": "Текст"}
    )
    assert response.status_code == 403


def test_a_mediator_signs_up_for_an_open_session_of_their_territory(client, make_user):
    territory = TerritoryFactory()
    mediator = EnrollmentFactory(user=make_user("trainee", territory=territory)).user
    stranger = EnrollmentFactory(user=make_user("trainee", territory=TerritoryFactory())).user
    session = SessionFactory(
        cohort=None,
        territory=territory,
        kind=SessionKind.SEMINAR,
        date=timezone.localdate() + timedelta(days=7),
    )
    client.force_login(mediator)
    assert session.topic in client.get(reverse("supervision_sessions")).content.decode()
    client.post(reverse("supervision_join", args=[session.pk]))
    assert session.participants.filter(user=mediator).exists()
    client.force_login(stranger)
    assert client.post(reverse("supervision_join", args=[session.pk])).status_code == 403


def test_setting_the_territory_in_ones_profile_does_not_open_its_sessions(client, make_user):
    """The outside review joined another territory's session (and read its notes) by
    editing the profile's territory; the centre's enrollment decides it now."""
    territory = TerritoryFactory()
    session = SessionFactory(
        cohort=None, territory=territory, date=timezone.localdate() + timedelta(days=7)
    )
    newcomer = make_user(territory=TerritoryFactory())
    client.force_login(newcomer)
    client.post(
        reverse("profile"), {"last_name": "Петров", "first_name": "Пётр", "territory": territory.pk}
    )
    newcomer.refresh_from_db()
    assert newcomer.territory == territory  # nothing depends on it yet: free to edit
    assert session.topic not in client.get(reverse("supervision_sessions")).content.decode()
    assert client.post(reverse("supervision_join", args=[session.pk])).status_code == 403
    assert not session.participants.filter(user=newcomer).exists()
    # once enrolled elsewhere, the territory is locked: a forged change is ignored
    enrolled = EnrollmentFactory(user=make_user("trainee", territory=TerritoryFactory())).user
    client.force_login(enrolled)
    client.post(
        reverse("profile"), {"last_name": "Петров", "first_name": "Пётр", "territory": territory.pk}
    )
    enrolled.refresh_from_db()
    assert enrolled.territory != territory
    assert client.post(reverse("supervision_join", args=[session.pk])).status_code == 403


def test_sessions_appear_in_the_calendar_and_the_ical_feed(client, world):
    from icalendar import Calendar

    from courses.models import CalendarToken

    session = world["session"]
    session.date = timezone.localdate() + timedelta(days=1)
    session.save()
    client.force_login(world["trainee"])
    assert session.topic in client.get(reverse("calendar")).content.decode()
    token = CalendarToken.objects.get(user=world["trainee"]).token
    feed = Calendar.from_ical(client.get(reverse("calendar_feed", args=[token])).content)
    summaries = [str(e["summary"]) for e in feed.walk("VEVENT")]
    assert any(session.topic in s for s in summaries)


def test_the_session_list_runs_a_fixed_number_of_queries(
    client, users, django_assert_max_num_queries
):
    cohort = CohortFactory(supervisors=[users["supervisor"]])

    def grow(n):
        for _i in range(n):
            session = SessionFactory(cohort=cohort, facilitator=users["supervisor"])
            for _j in range(3):
                SessionParticipant.objects.create(
                    session=session, user=EnrollmentFactory(cohort=cohort).user, status="present"
                )

    client.force_login(users["supervisor"])
    grow(2)
    client.get(reverse("supervision_sessions"))  # warm up the session and role caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("supervision_sessions"))
    grow(20)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("supervision_sessions"))
    assert len(large) == len(small)
