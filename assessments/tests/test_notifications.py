from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import Rubric
from assessments.scoring import criteria
from assessments.services import (
    grade_save,
    grades_release,
    send_deadline_reminders,
    submission_return,
)
from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_grading_views import hand_in
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from lms.notifications.models import Notification
from modules.models import ModulePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(
        program=program, trainers=[users["trainer"]], starts_on=timezone.localdate()
    )
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    assignment = AssignmentFactory(module=ModulePage.objects.child_of(program).get(), due_days=1)
    return {"cohort": cohort, "enrollment": enrollment, "assignment": assignment}


def test_release_notifies_the_trainee_on_the_site_and_by_email(
    world, users, django_capture_on_commit_callbacks
):
    submission = hand_in(world["assignment"], world["enrollment"])
    levels = {cid: 2 for cid, _v in criteria(Rubric.objects.get())}
    grade_save(submission=submission, by=users["trainer"], choices=levels, final=True)
    with django_capture_on_commit_callbacks(execute=True):
        grades_release(assignment=world["assignment"], cohort=world["cohort"], by=users["trainer"])
    note = Notification.objects.get(user=users["trainee"])
    assert note.title == f"Работа оценена: {world['assignment'].title}"
    assert [m.to for m in mail.outbox] == [[users["trainee"].email]]
    assert reverse("assignment", args=[world["assignment"].pk]) in mail.outbox[0].body


def test_returning_notifies_with_what_to_revise(world, users):
    submission = hand_in(world["assignment"], world["enrollment"])
    submission_return(submission=submission, by=users["trainer"], comment="Опишите этапы.")
    note = Notification.objects.get(user=users["trainee"])
    assert note.title.startswith("Работа возвращена на доработку") and note.body == "Опишите этапы."


def test_the_48_hour_reminder_goes_once_and_not_for_handed_in_work(world, users, make_user):
    other = EnrollmentFactory(cohort=world["cohort"], user=make_user("trainee"))
    hand_in(world["assignment"], other)
    assert send_deadline_reminders() == 1
    assert send_deadline_reminders() == 0
    assert (
        Notification.objects.filter(
            user=users["trainee"], title__startswith="Срок через 48 часов"
        ).count()
        == 1
    )
    assert not Notification.objects.filter(user=other.user).exists()


def test_no_reminder_when_the_deadline_is_far_away(world):
    assert send_deadline_reminders(now=timezone.now() - timedelta(days=10)) == 0
    call_command("send_deadline_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_inbox_shows_ones_own_notifications_and_marks_them_read(client, users, world):
    Notification.objects.create(user=users["trainee"], title="Моё уведомление")
    Notification.objects.create(user=users["trainer"], title="Чужое уведомление")
    client.force_login(users["trainee"])
    page = client.get(reverse("notifications")).content.decode()
    assert "Моё уведомление" in page and "Чужое уведомление" not in page
    assert 'data-testid="unread-count">1' in page
    client.post(reverse("notifications_read"))
    assert 'data-testid="unread-count"' not in client.get(reverse("notifications")).content.decode()


def test_the_inbox_needs_sign_in(client):
    assert client.get(reverse("notifications")).status_code == 302
    assert client.post(reverse("notifications_read")).status_code == 302


def test_reminders_run_a_fixed_number_of_queries_and_create_no_empty_submissions(world, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessments.models import Submission

    counts = []
    for _ in range(2):
        for _ in range(5):
            EnrollmentFactory(cohort=world["cohort"], user=make_user("trainee"))
        AssignmentFactory(module=world["assignment"].module)
        with CaptureQueriesContext(connection) as queries:
            assert send_deadline_reminders(now=timezone.now() - timedelta(days=10)) == 0
        counts.append(len(queries))
    # enrollments, assignments, cohort deadlines, extensions, reminders sent, work handed in
    assert counts == [6, 6]
    assert not Submission.objects.exists()
