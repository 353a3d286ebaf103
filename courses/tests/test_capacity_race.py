"""Capacity holds when many approvals race (row lock on the cohort). PostgreSQL only."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from courses.models import EnrollmentStatus
from courses.services import EnrollmentError, enrollment_approve
from courses.tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_approvals_never_exceed_capacity(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks (run on PostgreSQL)")
    registrar = make_user("registrar")
    cohort = CohortFactory(capacity=3)
    applications = EnrollmentFactory.create_batch(
        12, cohort=cohort, status=EnrollmentStatus.APPLIED
    )

    def approve(enrollment):
        try:
            enrollment_approve(enrollment=enrollment, by=registrar)
            return "approved"
        except EnrollmentError:
            return "full"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(approve, applications))

    assert outcomes.count("approved") == 3
    assert outcomes.count("full") == 9
    assert cohort.enrollments.approved().count() == 3
