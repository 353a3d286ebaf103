"""The cohort the courses fuzz tests post against: a trainee who finished, a finished
enrollment without a document, a certificate, yesterday's class, an application under review
and a minor's application in a student-volunteer camp."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from courses.certificates.services import certificate_issue
from courses.models import ClassSession, EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import LessonPage, LessonProgress


def finish(enrollment):
    for lesson in LessonPage.objects.descendant_of(enrollment.cohort.program):
        LessonProgress.objects.create(
            enrollment=enrollment, lesson=lesson, completed_at="2026-01-01T10:00Z"
        )


@pytest.fixture
def world(users):
    program = build_program(modules=1, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    enrollment = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    finish(enrollment)
    waiting = EnrollmentFactory(cohort=cohort)  # finished too, no document yet
    finish(waiting)
    holder = EnrollmentFactory(cohort=cohort)
    finish(holder)
    lesson = ClassSession.objects.create(
        cohort=cohort,
        date=timezone.localdate() - timedelta(days=1),
        starts_at=time(10),
        ends_at=time(13),
        topic="Позиция медиатора",
    )
    camp = CohortFactory(program=build_program(modules=1, lessons=1, audience="student_volunteers"))
    return {
        "cohort": cohort,
        "open": CohortFactory(program=program),
        "enrollment": enrollment,
        "waiting": waiting,
        "certificate": certificate_issue(enrollment=holder, by=users["registrar"]),
        "lesson": lesson,
        "applied": EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.APPLIED),
        "minor": EnrollmentFactory(cohort=camp, status=EnrollmentStatus.APPLIED),
    }
