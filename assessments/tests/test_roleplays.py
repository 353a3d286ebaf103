from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import RolePlaySession
from assessments.selectors import cast_of
from assessments.tests.factories import AssignmentFactory
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db

ROLES = [
    ("role", {"name": "Медиатор", "kind": "mediator", "brief": "Ведите общую встречу."}),
    ("role", {"name": "Пострадавший", "kind": "party", "brief": "СЕКРЕТ ПОСТРАДАВШЕГО"}),
    ("role", {"name": "Обидчик", "kind": "party", "brief": "СЕКРЕТ ОБИДЧИКА"}),
    (
        "role",
        {"name": "Наблюдатель", "kind": "observer", "brief": "Следите за позицией медиатора."},
    ),
]


@pytest.fixture
def world(users, make_user):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    names = ("Медиаторова", "Пострадавшева", "Обидчиков", "Наблюдаева")
    people = {
        name: EnrollmentFactory(cohort=cohort, user=make_user("trainee", last_name=name))
        for name in names
    }
    assignment = AssignmentFactory(
        module=ModulePage.objects.child_of(program).get(),
        kind="role_play",
        roles=ROLES,
        observation_questions="Сохранял ли медиатор нейтральность?\nКак прошли встречи?",
    )
    return {"cohort": cohort, "people": people, "assignment": assignment}


def cast_form(world):
    ids = {role["name"]: rid for rid, role in cast_of(world["assignment"]).items()}
    names = {
        "Медиаторова": "Медиатор",
        "Пострадавшева": "Пострадавший",
        "Обидчиков": "Обидчик",
        "Наблюдаева": "Наблюдатель",
    }
    return {f"role-{e.pk}": ids[names[name]] for name, e in world["people"].items()}


def set_up_session(client, users, world):
    client.force_login(users["trainer"])
    url = reverse("roleplay_new", args=[world["assignment"].pk, world["cohort"].pk])
    response = client.post(url, {"starts_at": "2027-03-01T10:00", "place": "ауд. 5"})
    session = RolePlaySession.objects.get()
    assert response["Location"] == reverse("roleplay", args=[session.pk])
    assert client.post(reverse("roleplay", args=[session.pk]), cast_form(world)).status_code == 302
    return session


@pytest.mark.parametrize(
    ("person", "sees", "hidden"),
    [
        ("Медиаторова", "Ведите общую встречу.", ["СЕКРЕТ ПОСТРАДАВШЕГО", "СЕКРЕТ ОБИДЧИКА"]),
        ("Пострадавшева", "СЕКРЕТ ПОСТРАДАВШЕГО", ["СЕКРЕТ ОБИДЧИКА", "Ведите общую встречу."]),
        (
            "Наблюдаева",
            "Следите за позицией медиатора.",
            ["СЕКРЕТ ПОСТРАДАВШЕГО", "СЕКРЕТ ОБИДЧИКА"],
        ),
    ],
)
def test_each_role_sees_its_own_brief_only(client, users, world, person, sees, hidden):
    session = set_up_session(client, users, world)
    client.force_login(world["people"][person].user)
    html = client.get(reverse("roleplay", args=[session.pk])).content.decode()
    assert sees in html
    for secret in hidden:
        assert secret not in html


def test_the_observer_fills_in_the_observation_form_and_the_trainer_reads_it(client, users, world):
    session = set_up_session(client, users, world)
    observer = world["people"]["Наблюдаева"].user
    client.force_login(observer)
    page = client.get(reverse("roleplay", args=[session.pk])).content.decode()
    assert "Сохранял ли медиатор нейтральность?" in page
    client.post(
        reverse("roleplay", args=[session.pk]), {"observation": "Медиатор не давал советов."}
    )
    client.force_login(users["trainer"])
    assert (
        "Медиатор не давал советов."
        in client.get(reverse("roleplay", args=[session.pk])).content.decode()
    )


def test_parties_cannot_post_observations(client, users, world):
    session = set_up_session(client, users, world)
    client.force_login(world["people"]["Обидчиков"].user)
    response = client.post(
        reverse("roleplay", args=[session.pk]), {"observation": "x"}, follow=True
    )
    assert "Форму наблюдения заполняют только наблюдатели." in response.content.decode()


@pytest.mark.parametrize("role", ["trainee", "registrar", "curator"])
def test_people_outside_the_session_get_404(client, users, world, role):
    session = set_up_session(client, users, world)
    client.force_login(users[role])
    assert client.get(reverse("roleplay", args=[session.pk])).status_code == 404


def test_another_trainer_cannot_create_or_cast(client, world, make_user):
    client.force_login(make_user("trainer"))
    url = reverse("roleplay_new", args=[world["assignment"].pk, world["cohort"].pk])
    assert client.get(url).status_code == 403


def test_a_session_needs_exactly_one_mediator_and_rotation_is_shown(client, users, world):
    session = set_up_session(client, users, world)
    data = cast_form(world)
    mediator_id = data[f"role-{world['people']['Медиаторова'].pk}"]
    data[f"role-{world['people']['Обидчиков'].pk}"] = mediator_id
    response = client.post(reverse("roleplay", args=[session.pk]), data)
    assert "Нужен ровно один медиатор." in response.content.decode()
    page = client.get(reverse("roleplay", args=[session.pk])).content.decode()
    rotation = page.split("Ещё не были медиатором", 1)[1]
    assert "Пострадавшева" in rotation and "Медиаторова" not in rotation.split("</p>", 1)[0]


def test_the_trainer_grades_the_mediator_on_the_rubric_once_the_session_is_held(
    client, users, world
):
    session = set_up_session(client, users, world)
    mediator = world["people"]["Медиаторова"]
    live = reverse("skills_live", args=[world["assignment"].pk, mediator.pk])
    # Planned, not held: nothing is handed in, so there is nothing to grade yet.
    response = client.post(live, follow=True)
    assert "alert-danger" in response.content.decode()
    assert not world["assignment"].submissions.exists()
    RolePlaySession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    assert client.post(reverse("roleplay_held", args=[session.pk])).status_code == 302
    response = client.post(live)
    submission = world["assignment"].submissions.get(enrollment=mediator)
    assert response["Location"] == reverse("grade_submission", args=[submission.pk])
    assert session.participants.count() == 4
