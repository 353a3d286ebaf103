import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import Rubric
from assessments.scoring import criteria
from assessments.services import grade_save
from assessments.tests.factories import AssignmentFactory
from assessments.tests.test_grading_views import hand_in
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(users):
    program = build_program(modules=2, lessons=1)
    cohort = CohortFactory(program=program, trainers=[users["trainer"]])
    modules = list(ModulePage.objects.child_of(program).order_by("path"))
    first = AssignmentFactory(
        module=modules[0], title="Анализ случая", max_score=18, passing_score=9
    )
    AssignmentFactory(
        module=modules[1], title="Рефлексия", kind="reflection", max_score=18, passing_score=9
    )
    trainee = EnrollmentFactory(cohort=cohort, user=users["trainee"])
    submission = hand_in(first, trainee)
    levels = {cid: 2 for cid, _v in criteria(Rubric.objects.get())}
    grade_save(submission=submission, by=users["trainer"], choices=levels, final=True)
    EnrollmentFactory(cohort=cohort, user=users["nobody"])
    return cohort


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainer", 200), ("registrar", 200), ("trainee", 403), ("curator", 403), ("nobody", 403)],
)
def test_the_gradebook_is_for_the_cohorts_staff(client, users, cohort, role, status):
    client.force_login(users[role])
    assert client.get(reverse("gradebook", args=[cohort.pk])).status_code == status
    assert client.get(reverse("gradebook_xlsx", args=[cohort.pk])).status_code == status


def test_the_gradebook_shows_scores_statuses_and_results(client, users, cohort):
    client.force_login(users["trainer"])
    rows = client.get(reverse("gradebook", args=[cohort.pk])).context["rows"]
    anna = next(r for r in rows if r.enrollment.user == users["trainee"])
    assert [c.score for c in anna.cells] == [12, None]
    assert anna.module_results == [True, False] and not anna.overall


def test_the_xlsx_export_opens_with_the_same_figures(client, users, cohort):
    client.force_login(users["trainer"])
    response = client.get(reverse("gradebook_xlsx", args=[cohort.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="gradebook-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Слушатель", "Организация", "1. Анализ случая (/18.0)")
    trainee_row = next(r for r in rows if r[0] == users["trainee"].get_full_name())
    assert trainee_row[2] == 12.0 and trainee_row[-1] == "не зачтено"


def test_the_gradebook_runs_a_fixed_number_of_queries(client, users, cohort):
    client.force_login(users["trainer"])
    url = reverse("gradebook", args=[cohort.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    assignment = (
        cohort.program.get_descendants().type(ModulePage).first().specific.assignments.first()
    )
    for _ in range(10):
        hand_in(assignment, EnrollmentFactory(cohort=cohort))
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["rows"]) == 12
    assert len(small) == len(large)


def test_the_xlsx_export_writes_work_waiting_for_a_grade_as_its_status(client, users, cohort):
    # A handed-in, ungraded piece shows as a status word, which once crashed the export.
    reflection = cohort.program.get_children()[1].specific
    from assessments.models import Assignment
    from courses.models import Enrollment

    hand_in(
        Assignment.objects.get(module=reflection),
        Enrollment.objects.get(cohort=cohort, user=users["trainee"]),
    )
    client.force_login(users["trainer"])
    response = client.get(reverse("gradebook_xlsx", args=[cohort.pk]))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    trainee_row = next(r for r in rows if r[0] == users["trainee"].get_full_name())
    assert trainee_row[3] == "Сдано"
