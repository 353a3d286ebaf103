"""The world the fuzz tests of assessments share: a cohort with every kind of assignment,
work handed in and waiting for a grade, and a role-play session in which the trainee observes.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import RolePlaySession
from assessments.selectors import cast_of
from assessments.services import (
    draft_save,
    roles_assign,
    submission_get_or_create,
    submission_submit,
)
from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_quizzes import QUESTIONS
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from lms.tests.fuzzing import Fuzzer
from modules.models import ModulePage

TEXT = "Подросток (имя изменено) согласился на встречу; стороны заключили договор."
ROLES = [
    ("role", {"name": "Медиатор", "kind": "mediator", "brief": "Ведите встречу."}),
    ("role", {"name": "Сторона", "kind": "party", "brief": "Секрет стороны."}),
    ("role", {"name": "Наблюдатель", "kind": "observer", "brief": "Наблюдайте."}),
]


def hand_in(assignment, enrollment, text=TEXT):
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    draft_save(submission=submission, text=text, revision=0, by=enrollment.user)
    submission_submit(submission=submission, by=enrollment.user)
    return submission


@pytest.fixture
def world(users, make_user):
    program = build_program(modules=1, lessons=1)
    module = ModulePage.objects.child_of(program).get()
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    peers = [EnrollmentFactory(cohort=cohort) for _ in range(2)]
    make_user("trainer", last_name="Модераторова")
    written = AssignmentFactory(module=module, max_score=18, passing_score=9)
    manual = AssignmentFactory(module=module, rubric=None, max_score=10, passing_score=5)
    quiz = AssignmentFactory(
        module=module, kind="quiz", rubric=None, questions=QUESTIONS, attempts_limit=3
    )
    roleplay = AssignmentFactory(module=module, kind="role_play", rubric=None, roles=ROLES)
    skills = AssignmentFactory(module=module, kind="skills", rubric=None)
    return {
        "cohort": cohort,
        "enrollment": enrollment,
        "peers": peers,
        "written": written,
        "manual": manual,
        "quiz": quiz,
        "roleplay": roleplay,
        "skills": skills,
        # The trainee's own draft of the written work (opening the page creates it).
        "draft": submission_get_or_create(assignment=written, enrollment=enrollment),
        # Two handed-in works of the peers, waiting for a grade.
        "graded": hand_in(written, peers[0]),
        "scored": hand_in(manual, peers[1]),
    }


def future(days=30):
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def session(world, users):
    session = RolePlaySession.objects.create(
        assignment=world["roleplay"], cohort=world["cohort"], starts_at=timezone.now()
    )
    ids = list(cast_of(world["roleplay"]))
    roles_assign(
        session=session,
        roles={
            world["peers"][0].pk: ids[0],
            world["peers"][1].pk: ids[1],
            world["enrollment"].pk: ids[2],  # the trainee observes
        },
        by=users["trainer"],
    )
    return session


def signed_in(user):
    return Fuzzer(user).client()
