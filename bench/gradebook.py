"""Time the gradebook page and its XLSX export for 300 trainees × 30 assignments.

Run by hand: `.venv/bin/python bench/gradebook.py` (SQLite under var/bench-gradebook/, or
DATABASE_URL). Builds the data once; prints median and p95 times, queries and peak memory.
"""

from benchsetup import start

start("bench-gradebook")


import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from datetime import timedelta  # noqa: E402
from decimal import Decimal  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

TRAINEES, MODULES, PER_MODULE, REPEAT = 300, 6, 5, 10


def build():
    from assessments.models import (
        Assignment,
        Grade,
        Submission,
        SubmissionStatus,
        SubmissionVersion,
    )
    from courses.models import Cohort, Enrollment, EnrollmentStatus, ProgramIndexPage, ProgramPage
    from lms.accounts.models import User
    from lms.home.models import HomePage
    from modules.models import ModulePage

    if Cohort.objects.filter(name="Bench").exists():
        return
    index = HomePage.objects.get().add_child(
        instance=ProgramIndexPage(title="Программы", slug="programmy")
    )
    program = index.add_child(
        instance=ProgramPage(
            title="Программа",
            slug="p",
            code="G-1",
            audience="teachers",
            format="blended",
            total_hours=MODULES * 10,
            final_document="advanced_training",
            summary=".",
        )
    )
    trainer = User.objects.create_user(
        email="bench-trainer@example.org", last_name="Т", first_name="Т"
    )
    cohort = Cohort.objects.create(
        program=program,
        name="Bench",
        starts_on=timezone.localdate() - timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=60),
        delivery="centre",
        capacity=TRAINEES,
    )
    cohort.trainers.add(trainer)
    cohort.save()
    assignments = []
    for m in range(MODULES):
        module = program.add_child(
            instance=ModulePage(title=f"Модуль {m}", slug=f"m{m}", number=m + 1, contact_hours=10)
        )
        for n in range(PER_MODULE):
            assignments.append(
                Assignment.objects.create(
                    module=module,
                    kind="case_analysis",
                    title=f"Задание {m}.{n}",
                    instructions="<p>.</p>",
                    due_days=7 * (n + 1),
                    max_score=Decimal(18),
                    passing_score=Decimal(9),
                )
            )
    users = User.objects.bulk_create(
        User(email=f"g{i}@example.org", last_name="Слушатель", first_name=str(i), password="!")  # noqa: S106
        for i in range(TRAINEES)
    )
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(cohort=cohort, user=u, status=EnrollmentStatus.APPROVED) for u in users
    )
    submissions = Submission.objects.bulk_create(
        Submission(assignment=a, enrollment=e, status=SubmissionStatus.GRADED, draft="текст")
        for e in enrollments
        for a in assignments
    )
    versions = SubmissionVersion.objects.bulk_create(
        SubmissionVersion(submission=s, number=1, text="текст") for s in submissions
    )
    Grade.objects.bulk_create(
        Grade(submission=s, version=v, grader=trainer, score=Decimal(9 + (s.pk % 10)), final=True)
        for s, v in zip(submissions, versions, strict=True)
    )


def measure(client, url):
    client.get(url)
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        client.get(url)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    times.sort()
    return statistics.median(times), times[-1], len(queries), peak / 2**20, len(response.content)


def main():
    from courses.models import Cohort
    from lms.accounts.models import User

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build()
    print(f"data ready in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    cohort = Cohort.objects.get(name="Bench")
    client = Client()
    client.force_login(User.objects.get(email="bench-trainer@example.org"))
    print(
        f"{'page':32} {'median ms':>10} {'max ms':>8} {'queries':>8} {'peak MiB':>9} {'bytes':>10}"
    )
    for name, url in (
        ("gradebook (300 × 30)", reverse("gradebook", args=[cohort.pk])),
        ("gradebook XLSX (300 × 30)", reverse("gradebook_xlsx", args=[cohort.pk])),
    ):
        median, worst, queries, peak, size = measure(client, url)
        print(f"{name:32} {median:10.0f} {worst:8.0f} {queries:8d} {peak:9.1f} {size:10d}")


if __name__ == "__main__":
    main()
