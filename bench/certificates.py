"""Issue 1,000 certificates (numbers, PDF with QR) and time the public check.

Run by hand: `.venv/bin/python bench/certificates.py` (SQLite under var/bench-certificates/,
or DATABASE_URL). Builds a past seminar with 1,000 attending participants, runs the bulk
issuance task in this process, and prints documents per second, peak memory, and the
verification page's median time and queries.
"""

from benchsetup import start

start("bench-certificates")

import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from datetime import time as clock  # noqa: E402
from datetime import timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

PEOPLE = 1_000


def build():
    from django.contrib.auth.models import Group

    from courses.models import (
        ClassAttendance,
        ClassSession,
        Cohort,
        Enrollment,
        EnrollmentStatus,
        ProgramIndexPage,
        ProgramPage,
    )
    from lms.accounts.models import User
    from lms.home.models import HomePage

    if Cohort.objects.filter(name="Bench seminar").exists():
        return Cohort.objects.get(name="Bench seminar")
    index = HomePage.objects.get().add_child(instance=ProgramIndexPage(title="П", slug="p"))
    program = index.add_child(
        instance=ProgramPage(
            title="Восстановительный подход в школе",
            slug="seminar",
            code="S-1",
            audience="principals",
            format="in_person",
            total_hours=8,
            final_document="participation",
            summary=".",
        )
    )
    day = timezone.localdate() - timedelta(days=3)
    cohort = Cohort.objects.create(
        program=program,
        name="Bench seminar",
        starts_on=day,
        ends_on=day,
        delivery="centre",
        capacity=PEOPLE,
    )
    session = ClassSession.objects.create(
        cohort=cohort, date=day, starts_at=clock(10), ends_at=clock(18), topic="Семинар"
    )
    users = User.objects.bulk_create(
        User(
            email=f"s{i}@bench.invalid",
            last_name="Участникова-Семинарская",
            first_name=f"Анна{i}",
            patronymic="Сергеевна",
            password="!",  # noqa: S106
        )
        for i in range(PEOPLE)
    )
    Enrollment.objects.bulk_create(
        Enrollment(cohort=cohort, user=u, status=EnrollmentStatus.APPROVED) for u in users
    )
    ClassAttendance.objects.bulk_create(
        ClassAttendance(session=session, user=u, status="present") for u in users
    )
    registrar = User.objects.create_user(
        email="bench-registrar@example.org", last_name="Р", first_name="Р"
    )
    registrar.groups.add(Group.objects.get(name="registrar"))
    return cohort


def main():
    from courses.certificates.eligibility import cohort_eligibility
    from courses.certificates.tasks import issue_for_cohort
    from courses.models import Certificate, CertificateBatch
    from lms.accounts.models import User

    call_command("migrate", verbosity=0)
    cohort = build()
    Certificate.objects.filter(enrollment__cohort=cohort).delete()
    registrar = User.objects.get(email="bench-registrar@example.org")
    started = time.perf_counter()
    ids = [row.enrollment.pk for row in cohort_eligibility(cohort) if row.eligible]
    eligibility = time.perf_counter() - started
    batch = CertificateBatch.objects.create(
        cohort=cohort, requested_by=registrar, enrollment_ids=ids
    )
    started = time.perf_counter()
    issue_for_cohort.call(batch.pk)
    elapsed = time.perf_counter() - started
    batch.refresh_from_db()
    # Memory on a second, smaller run: tracemalloc slows everything down several times.
    Certificate.objects.filter(enrollment__cohort=cohort).delete()
    small = CertificateBatch.objects.create(
        cohort=cohort, requested_by=registrar, enrollment_ids=ids[:100]
    )
    tracemalloc.start()
    issue_for_cohort.call(small.pk)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{connection.vendor}: eligibility of {len(ids)} in {eligibility * 1000:.0f} ms")
    print(
        f"issued {batch.done} (failed {batch.failed}) in {elapsed:.1f} s: "
        f"{batch.done / elapsed:.1f} documents/s; "
        f"peak Python memory over 100 documents {peak / 2**20:.1f} MiB"
    )
    code = Certificate.objects.filter(enrollment__cohort=cohort).first().code
    client = Client(REMOTE_ADDR="10.0.0.1")
    from django.conf import settings

    settings.LMS_VERIFY_RATE = "100000/m"
    times = []
    for _ in range(200):
        t = time.perf_counter()
        client.get(f"/verify/{code}/")
        times.append((time.perf_counter() - t) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/verify/{code}/")
    assert response.status_code == 200
    print(
        f"verification page: median {statistics.median(times):.1f} ms, "
        f"{len(queries)} queries (in-process, no network)"
    )


if __name__ == "__main__":
    main()
