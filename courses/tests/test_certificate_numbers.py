"""Numbers under concurrent issuance (PostgreSQL row locks) and the desk's query count."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.certificates.services import certificate_issue
from courses.models import Certificate
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish


@pytest.mark.django_db(transaction=True)
def test_parallel_issuance_gives_gapless_unique_numbers(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks (run on PostgreSQL)")
    registrar = make_user("registrar")
    cohort = CohortFactory(program=build_program(modules=1, lessons=1))
    enrollments = EnrollmentFactory.create_batch(24, cohort=cohort)
    for enrollment in enrollments:
        _finish(enrollment)

    def issue(enrollment):
        try:
            return certificate_issue(enrollment=enrollment, by=registrar).sequence
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(issue, enrollments + enrollments[:6]))  # six issued twice

    assert Certificate.objects.count() == 24
    assert sorted(set(numbers)) == list(range(1, 25))
    registrations = sorted(Certificate.objects.values_list("registration_number", flat=True))
    assert len(set(registrations)) == 24


@pytest.mark.django_db
def test_the_certificate_desk_runs_a_fixed_number_of_queries(client, users):
    cohort = CohortFactory(program=build_program(modules=1, lessons=2))
    client.force_login(users["registrar"])

    def grow(n):
        for _i in range(n):
            enrollment = EnrollmentFactory(cohort=cohort)
            _finish(enrollment)
            certificate_issue(enrollment=enrollment, by=users["registrar"])
            EnrollmentFactory(cohort=cohort)

    grow(2)
    url = reverse("cohort_certificates", args=[cohort.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(10)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
