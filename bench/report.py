"""Time the monitoring report over 100,000 practice entries.

Run by hand: `.venv/bin/python bench/report.py` (SQLite under var/bench-report/, or
DATABASE_URL for PostgreSQL). Builds the data once: 20 territories, 2,000 services,
6,000 mediators and 100,000 entries over two years. Prints median and worst times,
queries and peak memory for the report page (region and one territory) and its XLSX.
"""

from benchsetup import start

start("bench-report")

import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from datetime import date, timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ENTRIES, SERVICES, MEDIATORS, TERRITORIES, REPEAT = 100_000, 2_000, 6_000, 20, 7
YEAR = 2025


def build():
    from django.contrib.auth.models import Group

    from lms.accounts.models import Territory, User
    from supervision.models import PracticeEntry, PracticeMediator, ReconciliationService
    from supervision.vocab import CATEGORY_OF, ProgramType, ReferralSource, ServiceKind

    if PracticeEntry.objects.count() >= ENTRIES:
        return
    territories = Territory.objects.bulk_create(
        Territory(name=f"Территория {i}", region="Бенчмарк") for i in range(TERRITORIES)
    )
    services = ReconciliationService.objects.bulk_create(
        ReconciliationService(
            kind=ServiceKind.TERRITORIAL if i % 10 == 0 else ServiceKind.SCHOOL,
            organisation=f"Организация {i}",
            territory=territories[i % TERRITORIES],
        )
        for i in range(SERVICES)
    )
    mediators = User.objects.bulk_create(
        User(email=f"m{i}@bench.invalid", last_name="Медиатор", first_name=str(i), password="!")  # noqa: S106
        for i in range(MEDIATORS)
    )
    registrar = User.objects.create_user(
        email="bench-registrar@example.org", last_name="Р", first_name="Р"
    )
    registrar.groups.add(Group.objects.get(name="registrar"))
    types = list(ProgramType)
    subcategories = list(CATEGORY_OF)
    sources = list(ReferralSource)
    batch = 10_000
    for offset in range(0, ENTRIES, batch):
        rows = []
        for i in range(offset, offset + batch):
            sub = subcategories[i % len(subcategories)]
            request = date(YEAR - 1 + i % 2, 1 + i % 12, 1 + i % 27)
            done = i % 17 != 0
            rows.append(
                PracticeEntry(
                    author=mediators[i % MEDIATORS],
                    service=services[(i * 7) % SERVICES],
                    program_type=types[i % len(types)],
                    case_category=CATEGORY_OF[sub],
                    case_subcategory=sub,
                    referral_source=sources[i % len(sources)],
                    request_date=request,
                    preliminary_meeting_on=request + timedelta(days=2),
                    joint_meeting_on=request + timedelta(days=9) if done else None,
                    adults=2 + i % 3,
                    children=1 + i % 4,
                    outcome="agreement" if done else "not_completed",
                    not_completed_reason="" if done else "Сторона отказалась.",
                    status="signed" if i % 5 else "submitted",
                )
            )
        entries = PracticeEntry.objects.bulk_create(rows)
        PracticeMediator.objects.bulk_create(
            PracticeMediator(
                entry=e,
                user_id=mediators[(offset + k) % MEDIATORS].pk,
                student=False,
                status="confirmed",
            )
            for k, e in enumerate(entries)
        )
        PracticeMediator.objects.bulk_create(
            PracticeMediator(
                entry=e,
                user_id=mediators[(offset + k + 1) % MEDIATORS].pk,
                student=k % 3 == 0,
                status="confirmed",
            )
            for k, e in enumerate(entries)
            if k % 2 == 0
        )


def measure(client, url):
    client.get(url)
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        client.get(url)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return statistics.median(times), max(times), len(queries), peak / 2**20


def main():
    from lms.accounts.models import Territory, User
    from supervision.models import PracticeEntry
    from supervision.report import monitoring_report

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build()
    if connection.vendor == "postgresql":
        # Freshly bulk-loaded tables have no statistics yet; autovacuum would add them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"data ready in {time.perf_counter() - started:.1f} s ({connection.vendor}, "
        f"{PracticeEntry.objects.count():,} entries)"
    )
    started = time.perf_counter()
    monitoring_report(year=YEAR)
    elapsed = (time.perf_counter() - started) * 1000
    print(f"monitoring_report(year={YEAR}) alone, first call: {elapsed:.0f} ms")
    client = Client()
    client.force_login(User.objects.get(email="bench-registrar@example.org"))
    territory = Territory.objects.get(name="Территория 3")
    print(f"{'page':36} {'median ms':>10} {'max ms':>8} {'queries':>8} {'peak MiB':>9}")
    for name, url in (
        ("report, whole region", f"/reports/monitoring/?year={YEAR}"),
        ("report, one territory", f"/reports/monitoring/?year={YEAR}&territory={territory.pk}"),
        ("report XLSX, whole region", f"/reports/monitoring.xlsx?year={YEAR}"),
    ):
        median, worst, queries, peak = measure(client, url)
        print(f"{name:36} {median:10.0f} {worst:8.0f} {queries:8d} {peak:9.1f}")


if __name__ == "__main__":
    main()
