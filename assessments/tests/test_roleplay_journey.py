"""Running role-plays: the cohort's list of sessions, holding a session (only then is the
mediator's work handed in), the rotation kept across sessions, calendar and dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from assessments.models import RolePlayParticipant, RolePlaySession, Submission, SubmissionStatus
from assessments.selectors import cast_of
from assessments.services import SubmissionError, roles_assign, session_create, session_hold
from assessments.tests.test_roleplays import ROLES
from assessments.tests.test_roleplays import world as world  # the fixture

pytestmark = pytest.mark.django_db


def role_ids(world):
    return {role["name"]: rid for rid, role in cast_of(world["assignment"]).items()}


def plan(world, trainer, *, hours_from_now=-1, cast=None):
    """A session of the world's role-play; by default it began an hour ago."""
    session = session_create(
        assignment=world["assignment"],
        cohort=world["cohort"],
        starts_at=timezone.now() + timedelta(hours=hours_from_now),
        place="ауд. 5",
        by=trainer,
    )
    ids, people = role_ids(world), world["people"]
    cast = cast or {
        "Медиаторова": "Медиатор",
        "Пострадавшева": "Пострадавший",
        "Обидчиков": "Обидчик",
        "Наблюдаева": "Наблюдатель",
    }
    roles_assign(session=session, roles={people[n].pk: ids[r] for n, r in cast.items()}, by=trainer)
    return session


ROTATED = {
    "Медиаторова": "Наблюдатель",
    "Пострадавшева": "Медиатор",
    "Обидчиков": "Пострадавший",
    "Наблюдаева": "Обидчик",
}


# --- the cohort's page of role-plays


def test_the_cohorts_trainer_sees_planned_held_and_graded_sessions(client, users, world):
    trainer = users["trainer"]
    held = plan(world, trainer)
    session_hold(session=held, by=trainer)
    planned = plan(world, trainer, hours_from_now=48, cast=ROTATED)
    client.force_login(trainer)
    response = client.get(reverse("cohort_roleplays", args=[world["cohort"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("roleplay", args=[held.pk]) in html
    assert reverse("roleplay", args=[planned.pk]) in html
    assert 'data-state="held"' in html and 'data-state="planned"' in html
    assert reverse("roleplay_new", args=[world["assignment"].pk, world["cohort"].pk]) in html
    submission = Submission.objects.get(enrollment=world["people"]["Медиаторова"])
    assert reverse("grade_submission", args=[submission.pk]) in html
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.GRADED)
    html = client.get(reverse("cohort_roleplays", args=[world["cohort"].pk])).content.decode()
    assert 'data-state="graded"' in html


@pytest.mark.parametrize(("who", "status"), [("trainee", 403), ("other_trainer", 403)])
def test_only_the_cohorts_trainers_open_its_role_plays(client, world, make_user, who, status):
    person = world["people"]["Медиаторова"].user if who == "trainee" else make_user("trainer")
    client.force_login(person)
    response = client.get(reverse("cohort_roleplays", args=[world["cohort"].pk]))
    assert response.status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(reverse("cohort_roleplays", args=[world["cohort"].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_gradebook_and_the_cohort_page_link_to_the_role_plays(client, users, world):
    client.force_login(users["trainer"])
    url = reverse("cohort_roleplays", args=[world["cohort"].pk])
    gradebook = client.get(reverse("gradebook", args=[world["cohort"].pk])).content.decode()
    progress = client.get(reverse("cohort_progress", args=[world["cohort"].pk])).content.decode()
    assert url in gradebook and url in progress


def test_the_registrar_sees_the_gradebook_without_the_trainers_role_play_link(client, users, world):
    client.force_login(users["registrar"])
    page = client.get(reverse("gradebook", args=[world["cohort"].pk])).content.decode()
    assert reverse("cohort_roleplays", args=[world["cohort"].pk]) not in page


# --- holding a session


def test_creating_a_session_hands_nothing_in_and_holding_it_hands_in_the_mediators_work(
    client, users, world
):
    session = plan(world, users["trainer"])
    assert not Submission.objects.exists()
    client.force_login(users["trainer"])
    page = client.get(reverse("roleplay", args=[session.pk])).content.decode()
    assert 'data-testid="session-state"' in page
    assert reverse("roleplay_held", args=[session.pk]) in page
    response = client.post(reverse("roleplay_held", args=[session.pk]))
    assert response["Location"] == reverse("roleplay", args=[session.pk])
    session.refresh_from_db()
    assert session.held_at is not None
    submission = Submission.objects.get()  # the mediator's only
    assert submission.enrollment == world["people"]["Медиаторова"]
    assert submission.status == SubmissionStatus.SUBMITTED and submission.versions.count() == 1
    page = client.get(reverse("roleplay", args=[session.pk])).content.decode()
    assert reverse("grade_submission", args=[submission.pk]) in page
    assert ModelLogEntry.objects.filter(action="assessments.roleplay.hold").count() == 1


def test_a_session_is_not_held_before_it_begins_nor_twice_nor_without_a_mediator(users, world):
    trainer = users["trainer"]
    future = plan(world, trainer, hours_from_now=24)
    with pytest.raises(SubmissionError):
        session_hold(session=future, by=trainer)
    empty = session_create(
        assignment=world["assignment"],
        cohort=world["cohort"],
        starts_at=timezone.now() - timedelta(hours=1),
        place="",
        by=trainer,
    )
    with pytest.raises(SubmissionError):
        session_hold(session=empty, by=trainer)
    held = plan(world, trainer, cast=ROTATED)
    session_hold(session=held, by=trainer)
    with pytest.raises(SubmissionError):
        session_hold(session=held, by=trainer)
    assert Submission.objects.count() == 1
    assert RolePlaySession.objects.filter(held_at__isnull=False).count() == 1


def test_a_premature_hold_is_explained_in_russian(client, users, world):
    session = plan(world, users["trainer"], hours_from_now=24)
    client.force_login(users["trainer"])
    response = client.post(reverse("roleplay_held", args=[session.pk]), follow=True)
    assert "alert-danger" in response.content.decode()
    session.refresh_from_db()
    assert session.held_at is None and not Submission.objects.exists()


@pytest.mark.parametrize("who", ["trainee", "other_trainer"])
def test_others_cannot_hold_a_session(client, users, world, make_user, who):
    session = plan(world, users["trainer"])
    person = world["people"]["Медиаторова"].user if who == "trainee" else make_user("trainer")
    client.force_login(person)
    assert client.post(reverse("roleplay_held", args=[session.pk])).status_code == 404
    assert client.get(reverse("roleplay_held", args=[session.pk])).status_code == 405
    session.refresh_from_db()
    assert session.held_at is None


def test_holding_needs_sign_in(client, users, world):
    session = plan(world, users["trainer"])
    response = client.post(reverse("roleplay_held", args=[session.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- the rotation


def test_the_roles_of_a_held_session_are_kept_when_the_next_round_is_cast(client, users, world):
    trainer = users["trainer"]
    first = plan(world, trainer)
    session_hold(session=first, by=trainer)
    before = dict(first.participants.values_list("enrollment_id", "role_id"))
    client.force_login(trainer)
    ids, people = role_ids(world), world["people"]
    rotated = {f"role-{people[n].pk}": ids[r] for n, r in ROTATED.items()}
    response = client.post(reverse("roleplay", args=[first.pk]), rotated)
    assert response.status_code == 200 and "alert-danger" in response.content.decode()
    assert dict(first.participants.values_list("enrollment_id", "role_id")) == before
    second = plan(world, trainer, hours_from_now=24, cast=ROTATED)
    assert dict(first.participants.values_list("enrollment_id", "role_id")) == before
    html = client.get(reverse("cohort_roleplays", args=[world["cohort"].pk])).content.decode()
    rotation = html.split('data-testid="rotation"', 1)[1].split("</table>", 1)[0]
    row = rotation.split("Пострадавшева", 1)[1].split("</tr>", 1)[0]
    # First session: the one harmed; the next: the mediator, in the order of the sessions.
    assert row.index("Пострадавший") < row.index("Медиатор")
    assert second.participants.get(enrollment=people["Пострадавшева"]).role_id == ids["Медиатор"]
    assert "Наблюдаева" in html.split("Ещё не были медиатором", 1)[1]


def test_casting_is_in_the_audit_log(users, world):
    plan(world, users["trainer"])
    assert ModelLogEntry.objects.filter(action="assessments.roleplay.plan").count() == 1
    assert ModelLogEntry.objects.filter(action="assessments.roleplay.cast").count() == 1


# --- what the trainer's page hands out


def test_the_trainers_page_shows_the_scenario_and_every_brief(client, users, world):
    session = plan(world, users["trainer"], hours_from_now=24)
    client.force_login(users["trainer"])
    html = client.get(reverse("roleplay", args=[session.pk])).content.decode()
    scenario = html.split('data-testid="scenario"', 1)[1]
    assert "Проанализируйте случай." in scenario
    assert "Сохранял ли медиатор нейтральность?" in scenario
    briefs = html.split('data-testid="briefs"', 1)[1]
    for _kind, role in ROLES:
        assert role["name"] in briefs and role["brief"] in briefs


def test_a_bad_session_form_is_explained_and_what_was_typed_is_kept(client, users, world):
    client.force_login(users["trainer"])
    url = reverse("roleplay_new", args=[world["assignment"].pk, world["cohort"].pk])
    response = client.post(
        url, {"starts_at": "2027-02-30T10:00", "duration": "5", "place": "ауд. 7"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Укажите дату и время сессии." in html
    assert "Убедитесь, что это значение больше либо равно 15." in html
    assert 'value="ауд. 7"' in html
    assert not RolePlaySession.objects.exists()
    response = client.post(
        url, {"starts_at": "2027-03-01T10:00", "duration": "120", "place": "ауд. 7"}
    )
    session = RolePlaySession.objects.get()
    assert response["Location"] == reverse("roleplay", args=[session.pk])
    assert session.duration == 120 and session.ends_at - session.starts_at == timedelta(hours=2)


# --- the trainees' calendar and dashboard


def test_sessions_are_in_the_calendars_of_the_cast_and_the_trainer_only(
    client, users, world, make_user
):
    session = plan(world, users["trainer"], hours_from_now=48)
    uncast = world["people"]["Наблюдаева"]
    RolePlayParticipant.objects.filter(session=session, enrollment=uncast).delete()
    url = reverse("roleplay", args=[session.pk])
    for person, sees in [
        (world["people"]["Медиаторова"].user, True),
        (users["trainer"], True),
        (uncast.user, False),
        (make_user("trainer"), False),
    ]:
        client.force_login(person)
        page = client.get(reverse("calendar")).content.decode()
        assert (url in page) is sees, person
    from courses.calendar import ical_for

    feed = ical_for(world["people"]["Медиаторова"].user, host="lms.example.org").decode()
    assert f"roleplay-session-{session.pk}@lms.example.org" in feed
    assert world["assignment"].title in feed.replace("\r\n ", "")


def test_the_trainees_dashboard_lists_the_role_play_and_their_next_session(client, users, world):
    mediator = world["people"]["Медиаторова"].user
    client.force_login(mediator)
    tasks = client.get(reverse("learning_dashboard")).content.decode()
    assert reverse("assignment", args=[world["assignment"].pk]) in tasks
    session = plan(world, users["trainer"], hours_from_now=48)
    html = client.get(reverse("learning_dashboard")).content.decode()
    row = html.split('data-kind="role_play"', 1)[1].split("</tr>", 1)[0]
    assert reverse("roleplay", args=[session.pk]) in row and "Медиатор" in row
    assert reverse("roleplay", args=[session.pk]) in html.split("my-roleplay-sessions", 1)[1]
    RolePlaySession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    session_hold(session=session, by=users["trainer"])
    row = (
        client.get(reverse("learning_dashboard"))
        .content.decode()
        .split('data-kind="role_play"', 1)[1]
        .split("</tr>", 1)[0]
    )
    assert reverse("roleplay", args=[session.pk]) not in row  # held: waiting for the grade


def test_observers_notes_are_on_the_mediators_grading_page(client, users, world):
    session = plan(world, users["trainer"])
    RolePlayParticipant.objects.filter(
        session=session, enrollment=world["people"]["Наблюдаева"]
    ).update(observation="Медиатор не давал советов.")
    session_hold(session=session, by=users["trainer"])
    submission = Submission.objects.get()
    client.force_login(users["trainer"])
    html = client.get(reverse("grade_submission", args=[submission.pk])).content.decode()
    notes = html.split('data-testid="observers-notes"', 1)[1].split("</section>", 1)[0]
    assert "Медиатор не давал советов." in notes and "Наблюдаева" in notes
    assert 'name="level-' in html  # beside the rubric
