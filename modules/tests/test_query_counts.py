"""Page views run a fixed number of SQL queries however much data exists (small vs 10×)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import LessonPage, LessonProgress

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def complete_some(enrollment, lessons):
    for lesson in lessons[::2]:
        LessonProgress.objects.create(
            enrollment=enrollment, lesson=lesson, completed_at="2026-11-01T10:00:00Z"
        )


def test_catalogue_and_program_page(client, make_user):
    counts = []
    for scale in (1, 10):
        LessonPage.objects.all().delete()
        program = build_program(modules=2 * scale, lessons=1)
        for _ in range(scale):
            others = [build_program(modules=1, lessons=1)]
            CohortFactory(program=others[0])
            cohort = CohortFactory(program=program)
            EnrollmentFactory.create_batch(2, cohort=cohort)
        client.force_login(make_user("trainee"))
        counts.append((queries(client, "/programmy/"), queries(client, program.url)))
    assert counts[0] == counts[1], counts


def test_lesson_page_dashboard_and_matrix(client, make_user):
    counts = []
    for scale in (1, 10):
        trainer = make_user("trainer")
        program = build_program(modules=scale, lessons=3)
        lessons = list(LessonPage.objects.descendant_of(program).order_by("path"))
        cohort = CohortFactory(program=program, trainers=[trainer])
        trainee = make_user("trainee")
        mine = EnrollmentFactory(cohort=cohort, user=trainee)
        complete_some(mine, lessons)
        for _ in range(scale - 1):  # the trainee's other programs
            other = CohortFactory(program=build_program(modules=1, lessons=2))
            EnrollmentFactory(cohort=other, user=trainee)
            EnrollmentFactory(cohort=other, status=EnrollmentStatus.APPLIED)
        for _ in range(3 * scale):  # classmates with progress
            complete_some(EnrollmentFactory(cohort=cohort), lessons)
        client.force_login(trainee)
        lesson_queries = queries(client, lessons[-1].url)
        dashboard_queries = queries(client, reverse("learning_dashboard"))
        client.force_login(trainer)
        matrix_queries = queries(client, reverse("cohort_progress", args=[cohort.pk]))
        counts.append((lesson_queries, dashboard_queries, matrix_queries))
    assert counts[0] == counts[1], counts
