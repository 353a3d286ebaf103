"""Numbers under concurrent issuance (PostgreSQL row locks) and the desk's query count."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.certificates.numbering import number_take
from courses.certificates.services import certificate_issue
from courses.models import NumberSequence
from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
from courses.tests.test_certificates import _finish


@pytest.mark.django_db(transaction=True)
def test_parallel_issuers_get_gapless_unique_numbers_even_when_one_rolls_back():
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks (run on PostgreSQL)")

    def take(i):
        try:
            with transaction.atomic():
                number = number_take(series="ПК", year=2031)
                if i % 10 == 3:
                    raise RuntimeError("the PDF failed")  # its number goes back
                return number
        except RuntimeError:
            return None
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = [n for n in pool.map(take, range(40)) if n is not None]

    assert sorted(numbers) == list(range(1, 37))
    assert NumberSequence.objects.get(series="ПК", year=2031).last == 36


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
