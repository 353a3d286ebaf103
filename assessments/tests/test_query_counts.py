import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.services import submission_get_or_create
from assessments.tests.factories import AssignmentFactory
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from modules.models import ModulePage

pytestmark = pytest.mark.django_db


def test_dashboard_with_assignments_runs_a_fixed_number_of_queries(client, make_user):
    counts = []
    for scale in (1, 10):
        trainee = make_user("trainee")
        for _ in range(scale):
            program = build_program(modules=2, lessons=1)
            enrollment = EnrollmentFactory(cohort=CohortFactory(program=program), user=trainee)
            for module in ModulePage.objects.child_of(program):
                assignment = AssignmentFactory(module=module)
                submission_get_or_create(assignment=assignment, enrollment=enrollment)
        client.force_login(trainee)
        client.get(reverse("learning_dashboard"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("learning_dashboard"))
        assert response.status_code == 200
        assert response.content.decode().count(reverse("assignment", args=[assignment.pk])) == 1
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
