"""Time the learning pages on a large data set. Run by hand: `.venv/bin/python bench/pages.py`.

Builds (once) 50 programs × 5 modules × 2 lessons = 500 lessons, 200 cohorts and 5,000
trainees with lesson progress in its own database (var/bench/ SQLite, or DATABASE_URL),
then requests each page repeatedly through Django's test client and prints the median and
95th percentile times and the SQL query count per page.
"""

from benchsetup import start

start("bench")


import statistics  # noqa: E402
import time  # noqa: E402
from datetime import timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

PROGRAMS, MODULES, LESSONS, COHORTS_PER_PROGRAM, TRAINEES = 50, 5, 2, 4, 5000
REPEAT = 30


def build():
    from courses.models import Cohort, Enrollment, EnrollmentStatus, ProgramIndexPage, ProgramPage
    from lms.accounts.models import User
    from lms.home.models import HomePage
    from modules.models import LessonPage, LessonProgress, ModulePage

    if ProgramPage.objects.count() >= PROGRAMS:
        return
    started = time.perf_counter()
    index = ProgramIndexPage.objects.first() or HomePage.objects.get().add_child(
        instance=ProgramIndexPage(title="Программы", slug="programmy")
    )
    index.save_revision().publish()
    today = timezone.localdate()
    trainer = User.objects.create_user(
        email="bench-trainer@example.org", last_name="Тренер", first_name="Т"
    )
    cohorts = []
    for p in range(PROGRAMS):
        program = index.add_child(
            instance=ProgramPage(
                title=f"Программа {p}",
                slug=f"p{p}",
                code=f"B-{p}",
                audience="teachers",
                format="blended",
                total_hours=MODULES * 8,
                final_document="advanced_training",
                summary="Описание.",
                live=False,
            )
        )
        for m in range(MODULES):
            module = program.add_child(
                instance=ModulePage(
                    title=f"Модуль {m}", slug=f"m{m}", number=m + 1, contact_hours=8
                )
            )
            module.save_revision().publish()
            for n in range(LESSONS):
                lesson = module.add_child(
                    instance=LessonPage(
                        title=f"Занятие {m}.{n}",
                        slug=f"l{n}",
                        body=[
                            ("rich_text", "<p>Текст занятия.</p>"),
                            (
                                "case",
                                {
                                    "title": "Случай",
                                    "situation": "Ситуация.",
                                    "participants": [{"role": "Сторона", "description": "ученик"}],
                                    "questions": ["Вопрос?"],
                                },
                            ),
                        ],
                    )
                )
                lesson.save_revision().publish()
        program.save_revision().publish()
        for c in range(COHORTS_PER_PROGRAM):
            cohorts.append(
                Cohort.objects.create(
                    program=program,
                    name=f"Группа {p}-{c}",
                    starts_on=today - timedelta(days=10),
                    ends_on=today + timedelta(days=90),
                    delivery="centre",
                    capacity=200,
                )
            )
    cohorts[0].trainers.add(trainer)
    cohorts[0].save()
    users = User.objects.bulk_create(
        User(email=f"t{i}@example.org", last_name="Слушатель", first_name=str(i), password="!")  # noqa: S106 - unusable
        for i in range(TRAINEES)
    )
    Enrollment.objects.bulk_create(
        Enrollment(cohort=cohorts[i % len(cohorts)], user=u, status=EnrollmentStatus.APPROVED)
        for i, u in enumerate(users)
    )
    lessons_by_program = {}
    for lesson in LessonPage.objects.only("id", "path"):
        lessons_by_program.setdefault(lesson.path[: lesson.steplen * 4], []).append(lesson.pk)
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(enrollment=e, lesson_id=lesson_id, completed_at=now)
        for e in Enrollment.objects.select_related("cohort__program")
        for lesson_id in lessons_by_program[e.cohort.program.path][:3]
    )
    print(f"built the data set in {time.perf_counter() - started:.1f} s")


def measure(client, url):
    client.get(url)
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


def main():
    from django.urls import reverse

    from courses.models import Cohort, Enrollment, ProgramPage
    from lms.accounts.models import User
    from modules.models import LessonPage

    call_command("migrate", verbosity=0)
    build()
    program = ProgramPage.objects.order_by("path").first()
    cohort = Cohort.objects.filter(trainers__email="bench-trainer@example.org").get()
    trainee = Enrollment.objects.filter(cohort__program=program).select_related("user").first().user
    lesson = LessonPage.objects.descendant_of(program).order_by("path").last()
    anonymous, as_trainee, as_trainer = Client(), Client(), Client()
    as_trainee.force_login(trainee)
    as_trainer.force_login(User.objects.get(email="bench-trainer@example.org"))
    pages = [
        ("catalogue (50 programs)", anonymous, "/programmy/"),
        ("program page (5 modules, 4 cohorts)", anonymous, program.url),
        ("lesson page (trainee)", as_trainee, lesson.url),
        ("trainee dashboard", as_trainee, reverse("learning_dashboard")),
        (
            f"progress matrix ({cohort.enrollments.count()} trainees)",
            as_trainer,
            reverse("cohort_progress", args=[cohort.pk]),
        ),
    ]
    counts = f"{Enrollment.objects.count()} enrollments, {LessonPage.objects.count()} lessons"
    print(f"{connection.vendor}, {counts}")
    print(f"{'page':45} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, client, url in pages:
        median, p95, queries = measure(client, url)
        print(f"{name:45} {median:10.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
