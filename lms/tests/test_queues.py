"""Staff see their waiting work, with counts, on the home page and the admin dashboard."""

import pytest
from django.urls import reverse

from assessments.services import draft_save, submission_get_or_create, submission_submit
from assessments.tests.factories import AssignmentFactory
from courses.models import EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage
from supervision.models import EntryStatus
from supervision.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def _queue(client, key):
    response = client.get(reverse("home"))
    return {q["key"]: q["count"] for q in response.context["queues"]}.get(key)


def test_the_registrar_sees_new_applications(client, make_user):
    EnrollmentFactory(status=EnrollmentStatus.APPLIED)
    client.force_login(make_user("registrar"))
    assert _queue(client, "applications") == 1
    assert "Заявки, ожидающие решения" in client.get(reverse("home")).content.decode()
    admin = client.get("/admin/").content.decode()
    assert 'data-testid="admin-queues"' in admin


def test_a_trainer_sees_hand_ins_of_their_cohorts_only(client, make_user, commit):
    trainer, other = make_user("trainer"), make_user("trainer")
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[trainer])
    CohortFactory(program=program, trainers=[other])
    enrollment = EnrollmentFactory(cohort=cohort)
    assignment = AssignmentFactory(module=ModulePage.objects.child_of(program).get())
    submission = submission_get_or_create(assignment=assignment, enrollment=enrollment)
    draft_save(
        submission=submission,
        text="Анализ случая: стороны и их интересы.",
        revision=0,
        by=enrollment.user,
    )
    commit(submission_submit, submission=submission, by=enrollment.user)
    assert trainer.notifications.filter(url__contains=str(submission.pk)).exists()
    assert not other.notifications.exists()
    client.force_login(trainer)
    assert _queue(client, "to_grade") == 1
    client.force_login(other)
    assert _queue(client, "to_grade") == 0


def test_a_supervisor_sees_entries_awaiting_sign_off(client, make_user):
    supervisor = make_user("supervisor")
    cohort = CohortFactory(supervisors=[supervisor])
    trainee = EnrollmentFactory(cohort=cohort).user
    EntryFactory(author=trainee, status=EntryStatus.SUBMITTED)
    client.force_login(supervisor)
    assert _queue(client, "practice_review") == 1


@pytest.mark.parametrize("role", [None, "trainee", "editor"])
def test_people_without_staff_queues_see_none_of_them(client, make_user, role):
    EnrollmentFactory(status=EnrollmentStatus.APPLIED)
    if role:
        client.force_login(make_user(role) if role != "editor" else make_user())
    queues = client.get(reverse("home")).context["queues"]
    assert "applications" not in {q["key"] for q in queues}
