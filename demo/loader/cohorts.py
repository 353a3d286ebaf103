"""Cohorts, their class sessions and enrolments (content/cohorts.yaml)."""

from datetime import time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from courses.models import (
    ClassAttendance,
    ClassSession,
    Cohort,
    Enrollment,
    EnrollmentStatus,
    GuardianConsent,
)
from demo.loader.files import read_yaml
from lms.accounts.models import User
from modules.models import LessonPage, LessonProgress, ModulePage

# A minimal PDF standing in for the scanned consent of the demo volunteer's parent.
DEMO_CONSENT_PDF = b"%PDF-1.4\n% demo consent scan for the volunteer account\n%%EOF\n"
COHORT_FIELDS = ("delivery", "venue", "capacity", "accepts_applications")


def _cohort(program, data, users, today) -> Cohort:
    cohort, created = Cohort.objects.get_or_create(
        program=program,
        name=data["name"],
        defaults={
            "starts_on": today + timedelta(days=data["starts"]),
            "ends_on": today + timedelta(days=data["ends"]),
            **{f: data[f] for f in COHORT_FIELDS if f in data},
        },
    )
    if created:
        cohort.trainers.set([users[email] for email in data.get("trainers", ())])
        cohort.supervisors.set([users[email] for email in data.get("supervisors", ())])
        cohort.save()
    return cohort


def _sessions(cohort, program, first_day, topics, settings):
    if cohort.sessions.exists():
        return
    modules = list(ModulePage.objects.child_of(program).live().order_by("path"))
    for i, topic in enumerate(topics):
        ClassSession.objects.create(
            cohort=cohort,
            date=first_day + timedelta(days=7 * i),
            starts_at=time.fromisoformat(settings["starts_at"]),
            ends_at=time.fromisoformat(settings["ends_at"]),
            place=settings["place"] if i % 2 == 0 else "",
            online_url="" if i % 2 == 0 else settings["online_url"],
            topic=topic,
            module=modules[min(i // 2, len(modules) - 1)] if modules else None,
        )


def _user(email, users, people, defaults) -> User:
    if email not in users:
        users[email], _created = User.objects.get_or_create(
            email=email, defaults={**defaults, **people[email], "password": "!"}
        )
    return users[email]


def _enroll(cohort, program, data, user, *, registrar, trainer, today):
    enrollment, _created = Enrollment.objects.get_or_create(
        cohort=cohort,
        user=user,
        defaults={
            "status": EnrollmentStatus.APPROVED,
            "organisation": user.organisation,
            "position": user.position,
            "decided_by": registrar,
            "decided_at": timezone.now(),
        },
    )
    if data.get("lessons_completed"):
        lessons = LessonPage.objects.live().descendant_of(program).order_by("path")
        for lesson in lessons[: data["lessons_completed"]]:
            LessonProgress.objects.get_or_create(
                enrollment=enrollment, lesson=lesson, defaults={"completed_at": timezone.now()}
            )
    if "attended" in data:
        ClassAttendance.objects.get_or_create(
            session=cohort.sessions.first(),
            user=user,
            defaults={
                "status": "present" if data["attended"] else "absent",
                "marked_by": trainer,
            },
        )
    consent = data.get("guardian_consent")
    if consent and not hasattr(enrollment, "guardian_consent"):
        GuardianConsent.objects.create(
            enrollment=enrollment,
            guardian_full_name=consent["guardian_full_name"],
            guardian_relation=consent["guardian_relation"],
            given_on=today + timedelta(days=consent["given"]),
            document=ContentFile(DEMO_CONSENT_PDF, name="consent-demo.pdf"),
            recorded_by=registrar,
        )


def seed(programs) -> None:
    data = read_yaml("cohorts.yaml")
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    people = {p["email"]: {k: v for k, v in p.items() if k != "email"} for p in data["people"]}
    registrar = users[data["decided_by"]]
    today = timezone.localdate()
    for cohort_data in data["cohorts"]:
        program = programs[cohort_data["program"]]
        cohort = _cohort(program, cohort_data, users, today)
        first_day = today + timedelta(days=cohort_data["sessions_from"])
        _sessions(cohort, program, first_day, cohort_data["topics"], data["class_sessions"])
        for enrollment in cohort_data["enrollments"]:
            user = _user(enrollment["user"], users, people, data["people_defaults"])
            trainer = users[cohort_data["trainers"][0]]
            _enroll(
                cohort, program, enrollment, user, registrar=registrar, trainer=trainer, today=today
            )
