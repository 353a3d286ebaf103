"""The trainer marks class attendance; nobody else can, and the future cannot be attended."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import ClassAttendance, ClassSession
from courses.tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(users):
    cohort = CohortFactory(trainers=[users["trainer"]], supervisors=[users["supervisor"]])
    trainees = [EnrollmentFactory(cohort=cohort, user=users["trainee"]).user]
    trainees.append(EnrollmentFactory(cohort=cohort).user)
    session = ClassSession.objects.create(
        cohort=cohort,
        date=timezone.localdate() - timedelta(days=1),
        starts_at=time(10),
        ends_at=time(13),
        topic="Позиция медиатора",
    )
    return session, trainees


def test_the_trainer_marks_everyone_present_then_corrects_one(client, users, lesson):
    session, (_first, second) = lesson
    client.force_login(users["trainer"])
    url = reverse("class_attendance", args=[session.pk])
    assert "Позиция медиатора" in client.get(url).content.decode()
    client.post(url, {"bulk": "present"})
    assert set(ClassAttendance.objects.values_list("status", flat=True)) == {"present"}
    client.post(url, {"bulk": "", f"status-{second.pk}": "excused", f"remark-{second.pk}": "болел"})
    row = ClassAttendance.objects.get(user=second)
    assert (row.status, row.remark) == ("excused", "болел")


def test_a_future_class_cannot_be_attended(client, users, lesson):
    session, _trainees = lesson
    session.date = timezone.localdate() + timedelta(days=2)
    session.save()
    client.force_login(users["trainer"])
    response = client.post(reverse("class_attendance", args=[session.pk]), {"bulk": "present"})
    assert response.status_code == 200 and "ещё не началась" in response.content.decode()
    assert not ClassAttendance.objects.exists()


def test_an_unknown_status_is_refused_in_russian(client, users, lesson):
    session, (first, _second) = lesson
    client.force_login(users["trainer"])
    response = client.post(
        reverse("class_attendance", args=[session.pk]), {f"status-{first.pk}": "asleep"}
    )
    assert "Выберите корректный вариант" in response.content.decode()
    assert not ClassAttendance.objects.exists()


@pytest.mark.parametrize(
    "role", ["trainee", "supervisor", "curator", "registrar", "editor", "nobody"]
)
def test_only_the_cohorts_trainer_marks_class_attendance(client, users, lesson, role):
    client.force_login(users[role])
    assert client.get(reverse("class_attendance", args=[lesson[0].pk])).status_code == 403


def test_the_cohort_page_links_each_class_for_the_trainer(client, users, lesson):
    client.force_login(users["trainer"])
    html = client.get(reverse("cohort_progress", args=[lesson[0].cohort_id])).content.decode()
    assert reverse("class_attendance", args=[lesson[0].pk]) in html
