"""Mixed trainee / trainer / registrar / anonymous load against gunicorn, PostgreSQL and Redis.

Run by hand (PostgreSQL on 127.0.0.1:5432 as user postgres with trust auth, Redis on
127.0.0.1:6379, and wrk: `apt-get install -y wrk`):

    .venv/bin/python bench/load.py --small     # 600 trainees, 5 s per page: try it first
    .venv/bin/python bench/load.py             # full data set; appends to bench/RESULTS.md
    .venv/bin/python bench/load.py --rebuild   # drop the database and build it again

Data: built once into its own database, `bench_load` (`bench_load_small` with --small), and
reused by later runs. 10 programs of 5 modules × 2 lessons with 10 written assignments;
300 cohorts (in each program one starting every 24 days for two years, 40 still running);
10,000 trainees with one approved enrollment each, 60 trainers, 3 registrars; 100,000
submissions, one per trainee and assignment, graded, waiting, returned or still a draft as
the cohort's calendar says, with their versions and grades; lesson progress; certificates for
cohorts that ended over a month ago; 20,000 practice entries for the monitoring report.

Load: gunicorn with 2 sync workers (one per core) on bench/loadsettings.py (the development
settings with DEBUG off, plus a minimal view), Redis db 9 as cache and session store. Session
cookies are written to Redis beforehand (SessionStore), one per user. wrk runs bench/load.lua:
each request is the next line of a list (page, path, and the cookie of a different user per
line) and is timed by page; only 200 counts as success, so a redirect to the sign-in page is
an error. The minimal view first (the ceiling on the same server), each page alone after a
warm-up, then all pages mixed with fixed weights (PAGES below), at 16 connections and again
at 2 (one per worker). A full run takes about 11 minutes, plus 2.5 for the first build, and
notes how much CPU other processes took meanwhile (the machine is shared).

Prints Markdown tables (per page: requests/s, p50 and p95, non-200 responses, plus SQL
queries, in-process time and size of one request through Django's test client); a full run
also appends them as a new section of bench/RESULTS.md (--no-results to skip).
"""

import argparse
import http.client
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "RESULTS.md"
HOST, PORT = "127.0.0.1", 8766
BASE = f"http://{HOST}:{PORT}"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
# A Redis database of its own: the run flushes it.
REDIS_URL = "redis://127.0.0.1:6379/9"
CONNECTIONS = 16  # as bench/verify_load.py: the ceiling figures compare
# The mixed run again with one connection per worker: no queue in front of gunicorn, so each
# page's latency is its own service time on a busy server rather than the wait in line.
QUIET_CONNECTIONS = 2


@dataclass(frozen=True)
class Sizes:
    programs: int
    cohorts: int
    trainees: int
    trainers: int
    registrars: int
    practice: int
    services: int
    territories: int
    users_per_page: int  # distinct users (or cohorts, codes) in each page's request list


FULL = Sizes(10, 300, 10_000, 60, 3, 20_000, 400, 20, 1_000)
SMALL = Sizes(4, 24, 600, 6, 2, 1_000, 40, 5, 200)
MODULES, LESSONS, ASSIGNMENTS = 5, 2, 2  # per program; lessons and assignments per module
COHORT_DAYS = 90
MODULE_DAYS = COHORT_DAYS // MODULES
GRADING_DAYS = 14  # trainers grade and release within two weeks of a deadline
ISSUE_AFTER_DAYS = 30  # the registrar issues documents a month after a cohort ends

# key, label, role, requests per 100 in the mixed run (trainees make most of the traffic)
PAGES = [
    ("dashboard", "trainee dashboard `/learn/`", "trainee", 18),
    ("lesson", "lesson page", "trainee", 24),
    ("assignment", "assignment page", "trainee", 14),
    ("queue", "grading queue `/learn/grading/`", "trainer", 6),
    ("gradebook", "gradebook (one cohort)", "trainer", 5),
    ("matrix", "cohort progress matrix", "trainer", 5),
    ("register", "register `/certificates/register/`", "registrar", 3),
    ("report", "monitoring report", "registrar", 2),
    ("desk", "cohort certificates desk", "registrar", 3),
    ("catalogue", "catalogue", "anonymous", 12),
    ("verify", "`/verify/<code>/`", "anonymous", 8),
]
MINIMAL = ("minimal", "minimal Django view (the ceiling)", "anonymous")

FIRST = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Татьяна", "Светлана", "Юлия"]
LAST = ["Иванова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Лебедева", "Козлова"]
PATRONYMIC = ["Сергеевна", "Петровна", "Андреевна", "Викторовна", "Олеговна", "Ивановна"]
SENTENCES = [
    "Конфликт возник между двумя учениками седьмого класса после перемены.",
    "Классный руководитель направил случай в службу примирения.",
    "На предварительной встрече каждая сторона рассказала свою версию событий.",
    "Медиатор уточнял чувства и интересы сторон, не давая оценок.",
    "Родители одного из учеников сначала отказались от участия во встрече.",
    "На совместной встрече стороны договорились о правилах общения в классе.",
    "Через две недели проведена встреча по выполнению договора.",
    "В анализе отмечаю, где мне не удалось сохранить нейтральность.",
]
# About 1,500 characters, a short case analysis; a few variants so rows differ.
TEXTS = [" ".join(SENTENCES[(k + j) % len(SENTENCES)] for j in range(22)) for k in range(8)]


# --- database and Django ----------------------------------------------------------------


def ensure_database(name: str, rebuild: bool) -> None:
    import psycopg
    from psycopg import sql

    if not name.startswith("bench_load"):
        sys.exit("only databases named bench_load* are used by this script")
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def server_env(database: str) -> dict:
    """The environment shared by this process (seeding, sessions) and gunicorn: the same
    database, cache, secret key and settings, so the cookies made here are valid there."""
    return {
        "DATABASE_URL": POSTGRES + database,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "loadsettings",
        "LMS_VAR_DIR": str(ROOT / "var" / "bench-load"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": f"{HOST},testserver",
        # All requests come from one address: lift the public check's per-address limit.
        "LMS_VERIFY_RATE": "100000000/m",
    }


def start_django(database: str) -> None:
    os.environ.update(server_env(database))
    sys.path.insert(0, str(BENCH))
    from benchsetup import start

    start("bench-load")


def localdate() -> date:
    """Today in the centre's time zone, as the app counts days."""
    from django.utils import timezone

    return timezone.localdate()


def at(day: date, hour: int = 12) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, clock(hour)))


# --- the data set -----------------------------------------------------------------------


def built(sizes: Sizes) -> bool:
    from assessments.models import Submission
    from courses.models import Cohort

    return (
        Cohort.objects.count() == sizes.cohorts
        and Submission.objects.count() == sizes.trainees * MODULES * ASSIGNMENTS
    )


def build(sizes: Sizes) -> None:
    """Everything in one transaction: a run that dies half-way leaves an empty database."""
    from django.contrib.auth.models import Group
    from django.db import transaction

    from lms.accounts.models import Territory, User

    started = time.perf_counter()
    today = localdate()
    groups = {g.name: g for g in Group.objects.all()}
    with transaction.atomic():
        territories = Territory.objects.bulk_create(
            Territory(name=f"Территория {i + 1}", region="Бенчмарк")
            for i in range(sizes.territories)
        )

        def people(prefix, count, **extra):
            return User.objects.bulk_create(
                (
                    User(
                        email=f"{prefix}{i}@bench.invalid",
                        last_name=LAST[i % len(LAST)],
                        first_name=FIRST[(i // len(LAST)) % len(FIRST)],
                        patronymic=PATRONYMIC[(i // 63) % len(PATRONYMIC)],
                        territory=territories[i % len(territories)],
                        organisation=f"МБОУ СОШ № {1 + i % 90}",
                        password="!",  # noqa: S106 - unusable; sessions are made directly
                        **extra,
                    )
                    for i in range(count)
                ),
                batch_size=2_000,
            )

        trainers = people("load-trainer", sizes.trainers)
        registrars = people("load-registrar", sizes.registrars)
        trainees = people("load-trainee", sizes.trainees)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=groups["trainer"].pk) for u in trainers]
            + [
                User.groups.through(user_id=u.pk, group_id=groups["registrar"].pk)
                for u in registrars
            ]
            + [User.groups.through(user_id=u.pk, group_id=groups["trainee"].pk) for u in trainees],
            batch_size=5_000,
        )
        print(f"  users: {time.perf_counter() - started:.0f} s", flush=True)
        programs, modules, assignments = build_programs(sizes)
        print(f"  + Wagtail pages: {time.perf_counter() - started:.0f} s", flush=True)
        cohorts, trainer_of = build_cohorts(sizes, programs, modules, trainers, today)
        certificates = build_learning(
            sizes, cohorts, trainer_of, trainees, programs, assignments, registrars[0], today
        )
        print(f"  + cohorts, submissions: {time.perf_counter() - started:.0f} s", flush=True)
        build_certificates(certificates, registrars[0])
        build_practice(sizes, trainees, territories, today)
        print(f"  + certificates, practice: {time.perf_counter() - started:.0f} s", flush=True)


def build_programs(sizes: Sizes):
    from assessments.models import Assignment, AssignmentKind
    from courses.models import ProgramIndexPage, ProgramPage
    from lms.home.models import HomePage
    from modules.models import LessonPage, ModulePage

    index = ProgramIndexPage.objects.first() or HomePage.objects.get().add_child(
        instance=ProgramIndexPage(title="Программы", slug="programmy")
    )
    index.save_revision().publish()
    programs, modules, assignments = [], {}, {}
    for p in range(sizes.programs):
        program = index.add_child(
            instance=ProgramPage(
                title=f"Восстановительная медиация в школе, поток {p + 1}",
                slug=f"p{p + 1}",
                code=f"LOAD-{p + 1}",
                audience="school_specialists",
                format="blended",
                total_hours=72,
                final_document="completion" if p % 5 == 4 else "advanced_training",
                summary="Программа повышения квалификации для специалистов служб примирения.",
                live=False,
            )
        )
        modules[program.pk] = []
        for m in range(MODULES):
            module = program.add_child(
                instance=ModulePage(
                    title=f"Модуль {m + 1}",
                    slug=f"m{m + 1}",
                    number=m + 1,
                    contact_hours=10,
                    self_study_hours=4,
                    supervision_hours=2 if m == 0 else 0,
                )
            )
            module.save_revision().publish()
            modules[program.pk].append(module)
            for n in range(LESSONS):
                lesson = module.add_child(
                    instance=LessonPage(
                        title=f"Занятие {m + 1}.{n + 1}",
                        slug=f"l{n + 1}",
                        body=[
                            ("rich_text", "<p>" + TEXTS[n] + "</p>"),
                            (
                                "case",
                                {
                                    "title": "Случай",
                                    "situation": SENTENCES[0],
                                    "participants": [{"role": "Сторона", "description": "ученик"}],
                                    "questions": ["Что чувствует каждая сторона?"],
                                },
                            ),
                        ],
                    )
                )
                lesson.save_revision().publish()
        program.save_revision().publish()
        programs.append(program)
        assignments[program.pk] = Assignment.objects.bulk_create(
            Assignment(
                module=module,
                kind=AssignmentKind.CASE_ANALYSIS if n == 0 else AssignmentKind.REFLECTION,
                title=f"{'Анализ случая' if n == 0 else 'Рефлексия'} {m + 1}",
                instructions="<p>Опишите случай из своей практики.</p>",
                due_days=MODULE_DAYS * m + MODULE_DAYS // 2 * (n + 1),
                max_score=Decimal(18),
                passing_score=Decimal(9),
            )
            for m, module in enumerate(modules[program.pk])
            for n in range(ASSIGNMENTS)
        )
    return programs, modules, assignments


def build_cohorts(sizes: Sizes, programs, modules, trainers, today: date):
    from courses.models import ClassSession, Cohort

    per_program = sizes.cohorts // sizes.programs
    step = 730 // per_program
    # Newest first, programs interleaved, so each trainer gets cohorts of several ages.
    cohorts = Cohort.objects.bulk_create(
        Cohort(
            program=programs[p],
            name=f"Группа {p + 1}-{per_program - k:02d}",
            starts_on=today - timedelta(days=10 + k * step),
            ends_on=today - timedelta(days=10 + k * step - COHORT_DAYS + 1),
            delivery="centre",
            venue="Учебный центр",
            capacity=40,
            accepts_applications=k == 0,
        )
        for k in range(per_program)
        for p in range(sizes.programs)
    )
    trainer_of = {c.pk: trainers[g % len(trainers)] for g, c in enumerate(cohorts)}
    Cohort.trainers.through.objects.bulk_create(
        Cohort.trainers.through(cohort_id=c.pk, user_id=trainer_of[c.pk].pk) for c in cohorts
    )
    ClassSession.objects.bulk_create(
        ClassSession(
            cohort=c,
            sort_order=m,
            date=c.starts_on + timedelta(days=MODULE_DAYS * m + 1),
            starts_at=clock(10),
            ends_at=clock(17),
            place="Ауд. 12",
            topic=f"Очная сессия модуля {m + 1}",
            module=modules[c.program_id][m],
        )
        for c in cohorts
        for m in range(MODULES)
    )
    return cohorts, trainer_of


def build_learning(sizes, cohorts, trainer_of, trainees, programs, assignments, registrar, today):
    """Enrollments, submissions with versions and grades, lesson progress; returns who has
    earned a document that the registrar has issued by now."""
    from assessments.models import Grade, Submission, SubmissionStatus, SubmissionVersion
    from courses.models import Enrollment, EnrollmentStatus
    from modules.models import LessonPage, LessonProgress

    lessons = defaultdict(list)
    program_by_path = {p.path: p for p in programs}
    for lesson in LessonPage.objects.order_by("path"):
        lessons[program_by_path[lesson.path[: lesson.steplen * 4]].pk].append(lesson)
    enrollments = Enrollment.objects.bulk_create(
        (
            Enrollment(
                cohort=cohorts[i % len(cohorts)],
                user=u,
                status=EnrollmentStatus.APPROVED,
                organisation=u.organisation,
                position="педагог-психолог",
                decided_at=at(cohorts[i % len(cohorts)].starts_on - timedelta(days=5)),
                decided_by=registrar,
            )
            for i, u in enumerate(trainees)
        ),
        batch_size=5_000,
    )
    issued = []
    chunk = 1_000
    for start in range(0, len(enrollments), chunk):
        submissions, progress, failed = [], [], set()
        for i in range(start, min(start + chunk, len(enrollments))):
            enrollment = enrollments[i]
            cohort = enrollment.cohort
            elapsed = (today - cohort.starts_on).days
            finished = elapsed >= COHORT_DAYS
            for a, assignment in enumerate(assignments[cohort.program_id]):
                submission = submission_for(i, a, assignment, enrollment, elapsed, finished)
                if submission.score is not None and submission.score < assignment.passing_score:
                    failed.add(enrollment.pk)
                submissions.append(submission)
            current = min(MODULES - 1, elapsed // MODULE_DAYS)
            for m in range(MODULES):
                for n, lesson in enumerate(
                    lessons[cohort.program_id][m * LESSONS : (m + 1) * LESSONS]
                ):
                    if elapsed >= MODULE_DAYS * (m + 1):
                        done = at(cohort.starts_on + timedelta(days=MODULE_DAYS * m + 3 + n))
                        progress.append(
                            LessonProgress(enrollment=enrollment, lesson=lesson, completed_at=done)
                        )
                    elif m == current and n == 0:
                        progress.append(LessonProgress(enrollment=enrollment, lesson=lesson))
            if (
                finished
                and cohort.ends_on + timedelta(days=ISSUE_AFTER_DAYS) <= today
                and enrollment.pk not in failed
            ):
                issued.append(enrollment)
        Submission.objects.bulk_create(submissions, batch_size=5_000)
        handed = [s for s in submissions if s.status != SubmissionStatus.DRAFT]
        versions = SubmissionVersion.objects.bulk_create(
            (SubmissionVersion(submission=s, number=1, text=s.draft, late=s.late) for s in handed),
            batch_size=5_000,
        )
        Grade.objects.bulk_create(
            (
                Grade(
                    submission=s,
                    version=v,
                    grader=trainer_of[s.enrollment.cohort_id],
                    score=s.score,
                    comment="Случай разобран подробно; обратите внимание на нейтральность.",
                    final=True,
                    released_at=s.released_at,
                )
                for s, v in zip(handed, versions, strict=True)
                if s.status == SubmissionStatus.GRADED
            ),
            batch_size=5_000,
        )
        LessonProgress.objects.bulk_create(progress, batch_size=5_000)
    return issued


def submission_for(i, a, assignment, enrollment, elapsed, finished):
    """Where trainee i stands on assignment a, by the cohort's calendar (plain attributes on
    the instance carry the grade to build next)."""
    from assessments.models import Submission, SubmissionStatus

    due = assignment.due_days
    cohort = enrollment.cohort
    handed_on = cohort.starts_on + timedelta(days=due - 1 - (i + a) % 3)
    late = (i + 5 * a) % 31 == 0
    if late:
        handed_on += timedelta(days=2)
    text = TEXTS[(i + a) % len(TEXTS)]
    s = Submission(assignment=assignment, enrollment=enrollment, draft_revision=3)
    s.score = s.released_at = None
    s.late = late
    if due + GRADING_DAYS <= elapsed and not (not finished and (i + a) % 37 == 0):
        s.status = SubmissionStatus.GRADED
        s.released_at = at(cohort.starts_on + timedelta(days=due + 10))
    elif due + GRADING_DAYS <= elapsed:
        s.status = SubmissionStatus.RETURNED
        s.revision_note = "Добавьте анализ своих действий на совместной встрече."
    elif due <= elapsed and (i + a) % 3 == 0:
        s.status = SubmissionStatus.GRADED  # graded, not yet released
    elif due <= elapsed:
        s.status = SubmissionStatus.SUBMITTED
    else:
        s.status = SubmissionStatus.DRAFT
        if due <= elapsed + 9:  # working on it; later assignments only opened
            s.draft, s.draft_saved_at = text, at(cohort.starts_on + timedelta(days=elapsed))
        return s
    s.draft, s.draft_saved_at, s.submitted_at = text, at(handed_on), at(handed_on, 18)
    if s.status == SubmissionStatus.GRADED:
        fail = (i * 7 + a) % 97 == 0
        s.score = Decimal(6) if fail else Decimal(10 + (i + 3 * a) % 9)
    return s


def build_certificates(enrollments, registrar) -> None:
    from courses.certificates.numbering import (
        REGISTRATION_SERIES,
        format_number,
        format_registration,
    )
    from courses.models import Certificate, NumberSequence
    from courses.models.certificates import SERIES

    enrollments = sorted(enrollments, key=lambda e: (e.cohort.ends_on, e.pk))
    last = Counter()
    rows = []
    for k, e in enumerate(enrollments):
        program = e.cohort.program
        issued_on = e.cohort.ends_on + timedelta(days=ISSUE_AFTER_DAYS)
        series, year = SERIES[program.final_document], issued_on.year
        last[series, year] += 1
        last[REGISTRATION_SERIES, year] += 1
        revoked = k % 200 == 199
        rows.append(
            Certificate(
                enrollment=e,
                kind=program.final_document,
                series=series,
                year=year,
                sequence=last[series, year],
                number=format_number(series, year, last[series, year]),
                registration_number=format_registration(year, last[REGISTRATION_SERIES, year]),
                holder_name=e.user.get_full_name(),
                program_title=program.title,
                hours=program.total_hours,
                studied_from=e.cohort.starts_on,
                studied_to=e.cohort.ends_on,
                issued_on=issued_on,
                city="Кемерово",
                signatory_name="Директор центра",
                signatory_position="директор",
                status="revoked" if revoked else "issued",
                revoked_at=at(issued_on + timedelta(days=20)) if revoked else None,
                revoked_by=registrar if revoked else None,
                revocation_reason="Ошибка в фамилии." if revoked else "",
                issued_by=registrar,
            )
        )
    Certificate.objects.bulk_create(rows, batch_size=5_000)
    # Later issuance by the app continues the numbers given here.
    NumberSequence.objects.bulk_create(
        NumberSequence(series=series, year=year, last=n) for (series, year), n in last.items()
    )


def build_practice(sizes: Sizes, trainees, territories, today: date) -> None:
    from supervision.models import PracticeEntry, PracticeMediator, ReconciliationService
    from supervision.vocab import CATEGORY_OF, ProgramType, ReferralSource, ServiceKind

    services = ReconciliationService.objects.bulk_create(
        ReconciliationService(
            kind=ServiceKind.TERRITORIAL if i % 10 == 0 else ServiceKind.SCHOOL,
            organisation=f"Служба примирения {i + 1}",
            territory=territories[i % len(territories)],
        )
        for i in range(sizes.services)
    )
    types, subcategories, sources = list(ProgramType), list(CATEGORY_OF), list(ReferralSource)
    rows = []
    for i in range(sizes.practice):
        sub = subcategories[i % len(subcategories)]
        request = today - timedelta(days=20 + (i * 730) // sizes.practice)
        done = i % 17 != 0
        rows.append(
            PracticeEntry(
                author=trainees[(i * 13) % len(trainees)],
                service=services[(i * 7) % len(services)],
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
                status="draft" if i % 23 == 0 else "submitted" if i % 5 == 0 else "signed",
            )
        )
    entries = PracticeEntry.objects.bulk_create(rows, batch_size=5_000)
    PracticeMediator.objects.bulk_create(
        [PracticeMediator(entry=e, user_id=e.author_id, status="confirmed") for e in entries]
        + [
            PracticeMediator(
                entry=e, user_id=trainees[(k * 13 + 1) % len(trainees)].pk, status="confirmed"
            )
            for k, e in enumerate(entries)
            if k % 2 == 0
        ],
        batch_size=5_000,
    )


def data_summary() -> dict:
    from django.db.models import Count

    from assessments.models import Assignment, Grade, Submission, SubmissionVersion
    from courses.models import Certificate, Cohort, Enrollment, ProgramPage
    from lms.accounts.models import User
    from modules.models import LessonPage, LessonProgress
    from supervision.models import PracticeEntry

    today = localdate()
    statuses = Counter(
        dict(Submission.objects.values_list("status").annotate(n=Count("pk")).order_by())
    )
    return {
        "programs": ProgramPage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "assignments": Assignment.objects.count(),
        "cohorts": Cohort.objects.count(),
        "running": Cohort.objects.filter(starts_on__lte=today, ends_on__gte=today).count(),
        "users": User.objects.count(),
        "trainees": User.objects.filter(groups__name="trainee").count(),
        "trainers": User.objects.filter(groups__name="trainer").count(),
        "registrars": User.objects.filter(groups__name="registrar").count(),
        "enrollments": Enrollment.objects.count(),
        "submissions": sum(statuses.values()),
        "statuses": statuses,
        "versions": SubmissionVersion.objects.count(),
        "grades": Grade.objects.count(),
        "progress": LessonProgress.objects.count(),
        "certificates": Certificate.objects.count(),
        "practice": PracticeEntry.objects.count(),
    }


# --- sessions and request lists ---------------------------------------------------------


def cookie_for(user, cache: dict) -> str:
    """A signed-in session for ``user`` in the shared cache, as django.contrib.auth.login
    would leave it; one per user, reused across pages."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    if user.pk not in cache:
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        cache[user.pk] = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    return cache[user.pk]


def request_lists(sizes: Sizes, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Per page, (path, cookie) pairs: a different user (or cohort, or code) on each line."""
    from assessments.models import Assignment
    from courses.models import Certificate, Cohort, Enrollment, ProgramIndexPage, ProgramPage
    from courses.tree import nearest
    from lms.accounts.models import User
    from modules.models import LessonPage

    today = localdate()
    limit = sizes.users_per_page
    cookies: dict[int, str] = {}
    lessons, assignments = defaultdict(list), defaultdict(list)
    program_paths = set(ProgramPage.objects.values_list("path", flat=True))
    for lesson in LessonPage.objects.live().order_by("path"):
        lessons[nearest(lesson.path, program_paths)].append(lesson.url)
    for a in Assignment.objects.select_related("module").order_by("module__path", "due_days"):
        assignments[a.module.path[: a.module.steplen * (a.module.depth - 1)]].append(a.pk)
    active = list(
        Enrollment.objects.approved()
        .filter(cohort__starts_on__lte=today, cohort__ends_on__gte=today)
        .select_related("user", "cohort__program")
        .order_by("pk")
    )
    rng.shuffle(active)
    active = active[:limit]
    lists: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e in active:
        cookie = cookie_for(e.user, cookies)
        # The lesson and assignment the trainee is at now: the current module's.
        current = min(MODULES - 1, (today - e.cohort.starts_on).days // MODULE_DAYS)
        path = e.cohort.program.path
        lists["dashboard"].append(("/learn/", cookie))
        lists["lesson"].append((lessons[path][current * LESSONS + e.pk % LESSONS], cookie))
        assignment = assignments[path][current * ASSIGNMENTS + e.pk % ASSIGNMENTS]
        lists["assignment"].append((f"/learn/assignments/{assignment}/", cookie))
    cohorts = list(Cohort.objects.order_by("pk"))
    rng.shuffle(cohorts)
    trainer_of = dict(Cohort.trainers.through.objects.values_list("cohort_id", "user_id"))
    people = User.objects.in_bulk(set(trainer_of.values()))
    trainers = User.objects.filter(groups__name="trainer").order_by("pk")
    registrars = list(User.objects.filter(groups__name="registrar").order_by("pk"))
    for trainer in trainers[:limit]:
        lists["queue"].append(("/learn/grading/", cookie_for(trainer, cookies)))
    for k, cohort in enumerate(cohorts[:limit]):
        cookie = cookie_for(people[trainer_of[cohort.pk]], cookies)
        lists["gradebook"].append((f"/learn/cohorts/{cohort.pk}/gradebook/", cookie))
        lists["matrix"].append((f"/learn/cohorts/{cohort.pk}/progress/", cookie))
        registrar = cookie_for(registrars[k % len(registrars)], cookies)
        lists["desk"].append((f"/certificates/cohorts/{cohort.pk}/", registrar))
    for registrar in registrars:
        lists["register"].append(("/certificates/register/", cookie_for(registrar, cookies)))
        lists["report"].append(("/reports/monitoring/", cookie_for(registrar, cookies)))
    lists["catalogue"].append((ProgramIndexPage.objects.live().get().url, ""))
    codes = list(Certificate.objects.order_by("?").values_list("code", flat=True)[:limit])
    lists["verify"] = [(f"/verify/{code}/", "") for code in codes]
    return dict(lists)


def mixed_list(lists, rng: random.Random, total: int = 6_000) -> list[tuple[str, str, str]]:
    lines = []
    for key, _label, _role, weight in PAGES:
        own = lists[key]
        lines += [(key, *own[k % len(own)]) for k in range(total * weight // 100)]
    rng.shuffle(lines)
    return lines


# --- measuring --------------------------------------------------------------------------


def inspect(lists) -> dict[str, tuple[int, float, int]]:
    """SQL queries, in-process milliseconds (median of 5) and bytes of one request per page
    through Django's test client; the first request of each warms the caches."""
    from django.db import connection
    from django.test import Client

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    client = Client()
    found = {}
    for key, pairs in lists.items():
        path, cookie = pairs[0]
        extra = {"HTTP_COOKIE": cookie} if cookie else {}
        client.get(path, **extra)
        queries = []
        with connection.execute_wrapper(count):
            response = client.get(path, **extra)
        if response.status_code != 200:
            sys.exit(f"{key}: {path} answered {response.status_code} in-process")
        times = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(path, **extra)
            times.append((time.perf_counter() - started) * 1000)
        found[key] = (len(queries), sorted(times)[2], len(response.content))
    return found


def server() -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{BENCH}"}
    process = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "lms.wsgi",
            "-w",
            "2",
            "-b",
            f"{HOST}:{PORT}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    from benchsetup import wait_until_up

    wait_until_up(process, BASE + "/bench/minimal/", tries=100)
    return process


def drain() -> None:
    """Wait until both workers are idle. wrk stops with requests still queued, and sync
    workers serve them anyway, which would slow the start of the next run."""

    def minimal(_n) -> float:
        started = time.perf_counter()
        urllib.request.urlopen(BASE + "/bench/minimal/", timeout=300).read()  # noqa: S310
        return time.perf_counter() - started

    with ThreadPoolExecutor(2) as pool:
        for _ in range(100):
            # Both come back fast only when neither waited behind a left-over request.
            if max(pool.map(minimal, range(2))) < 0.1:
                return


def preflight(lists) -> None:
    """The first requests of every list, through gunicorn, without following redirects."""
    for key, pairs in lists.items():
        for path, cookie in pairs[:3]:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status != 200:
                location = response.getheader("Location", "")
                sys.exit(f"{key}: {path} answered {response.status} {location} through gunicorn")


@dataclass
class Figures:
    requests: int
    seconds: float
    p50: float
    p95: float
    non200: int
    statuses: Counter

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    return values[max(0, math.ceil(q * len(values)) - 1)] if values else float("nan")


def wrk(lines: list[tuple[str, str, str]], seconds: int, workdir: Path, connections=CONNECTIONS):
    """Runs wrk over the request list; returns figures per page, for all pages and the
    socket errors wrk counted."""
    requests = workdir / "requests.tsv"
    out = workdir / "responses.tsv"
    requests.write_text("".join(f"{k}\t{p}\t{c}\n" for k, p, c in lines), encoding="utf-8")
    subprocess.run(  # noqa: S603
        [
            shutil.which("wrk"),
            f"-t{connections}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "60s",
            "-s",
            str(BENCH / "load.lua"),
            BASE + "/",
        ],
        env={**os.environ, "LOAD_REQUESTS": str(requests), "LOAD_OUT": str(out)},
        capture_output=True,
        text=True,
        check=True,
    )
    drain()
    samples = defaultdict(list)
    statuses = defaultdict(Counter)
    with out.open(encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        duration = int(header[1]) / 1e6
        socket_errors = dict(
            zip(
                ("connect", "read", "write", "status", "timeout"), map(int, header[3:]), strict=True
            )
        )
        for line in f:
            page, status, micros = line.rstrip("\n").split("\t")
            samples[page].append(int(micros) / 1000)
            statuses[page][int(status)] += 1
    samples["all"] = [ms for page in list(samples) for ms in samples[page]]
    statuses["all"] = sum(statuses.values(), Counter())
    figures = {}
    for page, values in samples.items():
        values.sort()
        figures[page] = Figures(
            requests=len(values),
            seconds=duration,
            p50=percentile(values, 0.50),
            p95=percentile(values, 0.95),
            non200=sum(n for s, n in statuses[page].items() if s != 200),
            statuses=statuses[page],
        )
    return figures, {k: v for k, v in socket_errors.items() if v}


def program(label: str) -> str:
    """A short name for a process: the script a Python interpreter runs (pytest, manage.py),
    else the executable."""
    name, cmdline = label.split("|", 1)
    args = cmdline.split()
    if not args:
        return name
    if Path(args[0]).name.startswith("python") and len(args) > 1:
        return Path(args[2] if args[1] == "-m" and len(args) > 2 else args[1]).name
    return Path(args[0]).name


class CpuWatch(threading.Thread):
    """CPU seconds by kind of process while the load runs, sampled every second from /proc,
    to tell how much of the two cores other people's work took."""

    def __init__(self):
        super().__init__(daemon=True)
        self.halt = threading.Event()
        self.used = Counter()
        self.others = Counter()
        self.wall = 0.0
        self.tick = os.sysconf("SC_CLK_TCK")

    @staticmethod
    def snapshot() -> dict[int, tuple[int, str]]:
        found = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_text()
                cmdline = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat.rsplit(")", 1)[1]
            values = fields.split()
            found[int(entry.name)] = (int(values[11]) + int(values[12]), f"{name}|{cmdline}")
        return found

    def kind(self, pid: int, label: str) -> str:
        name, cmdline = label.split("|", 1)
        if pid == os.getpid():
            return "this script"
        if "gunicorn" in cmdline and f"{HOST}:{PORT}" in cmdline:
            return "gunicorn"
        if name in ("postgres", "redis-server", "wrk"):
            return name
        return "other"

    def run(self):
        before, started = self.snapshot(), time.monotonic()
        while not self.halt.wait(1):
            now = self.snapshot()
            for pid, (ticks, label) in now.items():
                if pid in before and before[pid][1] == label:
                    seconds = (ticks - before[pid][0]) / self.tick
                    kind = self.kind(pid, label)
                    self.used[kind] += seconds
                    if kind == "other":
                        self.others[program(label)] += seconds
            before = now
        self.wall = time.monotonic() - started

    def cores(self, kind: str) -> float:
        return self.used[kind] / self.wall if self.wall else 0.0


# --- reporting --------------------------------------------------------------------------


def reflow(text: str, width: int = 92) -> str:
    """Wraps the prose paragraphs (the figures make line lengths vary); keeps headings and
    tables as they are."""
    blocks = []
    for block in text.strip("\n").split("\n\n"):
        if block.startswith(("|", "#")):
            blocks.append(block)
        else:
            blocks.append(textwrap.fill(" ".join(block.split()), width, break_on_hyphens=False))
    return "\n\n".join(blocks)


def ms(value: float) -> str:
    if math.isnan(value):
        return "–"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def tables(alone, mixed, inspected, lists, ceiling) -> str:
    labels = {key: (label, role) for key, label, role, _w in PAGES}
    rows = [
        "| page | who | users / objects | requests/s | p50 ms | p95 ms | non-200 "
        "| SQL queries | in-process ms | KiB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {MINIMAL[1]} | anonymous | – | {ceiling.rps:,.0f} | {ms(ceiling.p50)} "
        f"| {ms(ceiling.p95)} | {ceiling.non200} | 0 | – | 0 |",
    ]
    for key, f in alone.items():
        label, role = labels[key]
        queries, in_process, size = inspected[key]
        distinct = len(set(lists[key]))
        rows.append(
            f"| {label} | {role} | {distinct:,} | {f.rps:,.1f} | {ms(f.p50)} | {ms(f.p95)} "
            f"| {f.non200} | {queries} | {ms(in_process)} | {size / 1024:,.0f} |"
        )
    busy, quiet = mixed
    mixed_rows = [
        f"| page | who | share | requests/s ({CONNECTIONS}) | p50 ms | p95 ms "
        f"| requests/s ({QUIET_CONNECTIONS}) | p50 ms | p95 ms | non-200 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]

    def cells(run, key):
        f = run.get(key) or Figures(0, run["all"].seconds, math.nan, math.nan, 0, Counter())
        return f, f"{f.rps:,.1f} | {ms(f.p50)} | {ms(f.p95)}"

    for key, label, role, _weight in [*PAGES, ("all", "**all pages**", "", 100)]:
        f, first = cells(busy, key)
        g, second = cells(quiet, key)
        share = f.requests / busy["all"].requests
        mixed_rows.append(
            f"| {label} | {role} | {share:.0%} | {first} | {second} | {f.non200 + g.non200} |"
        )
    return "\n".join(rows), "\n".join(mixed_rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="small data set, short runs")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data")
    parser.add_argument("--duration", type=int, help="seconds per page (default 30; small 5)")
    parser.add_argument("--mixed", type=int, help="seconds of the mixed run (90; small 10)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds before each page")
    parser.add_argument("--pages", help="comma-separated page keys (default: all)")
    parser.add_argument("--no-results", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk)")
    sizes = SMALL if args.small else FULL
    duration = args.duration or (5 if args.small else 30)
    mixed_seconds = args.mixed or (10 if args.small else 90)
    database = "bench_load_small" if sizes is SMALL else "bench_load"
    ensure_database(database, args.rebuild)
    start_django(database)

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    seeded = None
    if not built(sizes):
        from courses.models import Cohort

        if Cohort.objects.exists():
            sys.exit(f"{database} holds a partial or different data set: run with --rebuild")
        print(f"building the data set in {database}…", flush=True)
        started = time.perf_counter()
        build(sizes)
        # Fresh bulk loads have no planner statistics; autovacuum would add them later.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        seeded = time.perf_counter() - started
        print(f"built in {seeded:.0f} s", flush=True)
        with connection.cursor() as cursor:
            # Remembered with the data, for the runs that reuse it.
            cursor.execute(
                f"COMMENT ON DATABASE {database} IS 'built in {seeded:.0f} s on {localdate()}'"
            )
    summary = data_summary()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0].split()[0]
    print(
        f"{summary['programs']} programs, {summary['cohorts']} cohorts "
        f"({summary['running']} running), {summary['trainees']:,} trainees, "
        f"{summary['submissions']:,} submissions {dict(summary['statuses'])}, "
        f"{summary['grades']:,} grades, {summary['certificates']:,} certificates, "
        f"{summary['practice']:,} practice entries",
        flush=True,
    )
    cache.clear()  # Redis db 9 is this script's own: no sessions or counters from a past run
    rng = random.Random(20261121)  # noqa: S311 - a repeatable shuffle, not a secret
    lists = request_lists(sizes, rng)
    keys = [key for key, *_rest in PAGES]
    if args.pages:
        keys = [key for key in keys if key in args.pages.split(",")]
        lists = {key: lists[key] for key in keys}
    inspected = inspect(lists)
    connection.close()
    load = os.getloadavg()
    watch = CpuWatch()
    process = server()
    alone = {}
    try:
        preflight(lists)
        watch.start()
        with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
            workdir = Path(tmp)
            minimal = [(MINIMAL[0], "/bench/minimal/", "")]
            if args.warmup:
                wrk(minimal, args.warmup, workdir)
            ceiling = wrk(minimal, duration, workdir)[0]["all"]
            print(f"{MINIMAL[1]}: {ceiling.rps:,.0f} req/s", flush=True)
            for key in keys:
                lines = [(key, path, cookie) for path, cookie in lists[key]]
                rng.shuffle(lines)
                if args.warmup:
                    wrk(lines, args.warmup, workdir)
                figures, errors = wrk(lines, duration, workdir)
                alone[key] = figures["all"]
                f = alone[key]
                print(
                    f"{key:10} {f.rps:8.1f} req/s  p50 {ms(f.p50):>6} ms  p95 {ms(f.p95):>6} ms"
                    f"  non-200 {f.non200} {dict(f.statuses) if f.non200 else ''}"
                    f"{' socket errors ' + str(errors) if errors else ''}",
                    flush=True,
                )
            mixed_lines = (
                mixed_list(lists, rng)
                if not args.pages
                else [(key, path, cookie) for key in keys for path, cookie in lists[key]]
            )
            busy, mixed_errors = wrk(mixed_lines, mixed_seconds, workdir)
            quiet, quiet_errors = wrk(mixed_lines, mixed_seconds, workdir, QUIET_CONNECTIONS)
            mixed_errors.update({f"{k} ({QUIET_CONNECTIONS})": v for k, v in quiet_errors.items()})
    finally:
        watch.halt.set()
        process.terminate()
        process.wait()
    watch.join()
    alone_table, mixed_table = tables(alone, (busy, quiet), inspected, lists, ceiling)
    cpu = (
        f"CPU over the load runs ({watch.wall:.0f} s, in cores of 2): gunicorn "
        f"{watch.cores('gunicorn'):.2f}, PostgreSQL {watch.cores('postgres'):.2f} (all "
        f"databases on the server), wrk {watch.cores('wrk'):.2f}, Redis "
        f"{watch.cores('redis-server'):.2f}, other processes {watch.cores('other'):.2f}"
    )
    top = ", ".join(
        f"{name.strip()} {seconds / watch.wall:.2f}"
        for name, seconds in watch.others.most_common(3)
        if seconds / watch.wall >= 0.02
    )
    if top:
        cpu += f" (largest: {top})"
    print()
    print(alone_table)
    print()
    print(mixed_table)
    print()
    print(cpu)
    if mixed_errors:
        print(f"socket errors in the mixed run: {mixed_errors}")
    if args.small or args.no_results or args.pages:
        return
    statuses = summary["statuses"]
    per_trainer = summary["cohorts"] // max(summary["trainers"], 1)
    command = "`.venv/bin/python bench/load.py`" + (" --rebuild" if args.rebuild else "")
    if seeded:
        seeding = f"built in {seeded:.0f} s"
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = current_database()"
            )
            seeding = f"{cursor.fetchone()[0] or 'built'} by an earlier run and reused"
    seeding += " (bulk inserts in one transaction, then `VACUUM ANALYZE`)"
    section = f"""
## Mixed load against gunicorn (`bench/load.py`), {localdate():%Y-%m-%d}

Data set in its own PostgreSQL {pg_version} database `{database}`, {seeding}:
{summary["programs"]} programs × {MODULES} modules × {LESSONS} lessons
({summary["lessons"]} lessons, {summary["assignments"]} written assignments);
{summary["cohorts"]} cohorts ({summary["running"]} running), {summary["trainees"]:,} trainees
with one approved enrollment each, {summary["trainers"]} trainers (one per cohort,
{per_trainer} cohorts each over two years), {summary["registrars"]} registrars;
{summary["submissions"]:,} submissions ({statuses["graded"]:,} graded,
{statuses["submitted"]:,} waiting for a grade, {statuses["returned"]:,} returned,
{statuses["draft"]:,} drafts), {summary["versions"]:,} versions, {summary["grades"]:,} grades,
{summary["progress"]:,} lesson-progress rows, {summary["certificates"]:,} certificates,
{summary["practice"]:,} practice entries.

Command: {command}. gunicorn with 2 sync workers (`bench/loadsettings.py`: development
settings, DEBUG off), Redis db 9 for cache and sessions, `CONN_MAX_AGE` 60; wrk 4.1
(`bench/load.lua`, one thread per connection) on the same 2-core machine.
Every request carries the session of a different real user where the page is personal
(trainees, the cohort's own trainer, the registrars), made beforehand in Redis; only 200
counts as success. Each page alone for {duration} s after a {args.warmup} s warm-up; then
all pages mixed for {mixed_seconds} s in the shares shown, with {CONNECTIONS} connections and
again with {QUIET_CONNECTIONS} (one per worker: no queue, so latency is the page's own time
on a server kept busy). "SQL queries", "in-process ms" (median of 5, test client, no
network) and "KiB" are for one request of the page.

Each page alone, {CONNECTIONS} connections:

{alone_table}

All pages mixed, {CONNECTIONS} and {QUIET_CONNECTIONS} connections:

{mixed_table}

{cpu}. Load average before the run: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}.
"""
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write("\n" + reflow(section) + "\n")
    print("appended to bench/RESULTS.md")


if __name__ == "__main__":
    main()
