"""Demo programs, modules, lessons and cohorts for `seed_demo` (content in modules.demo_content)."""

from datetime import time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from courses.models import (
    ClassSession,
    Cohort,
    Delivery,
    Enrollment,
    EnrollmentStatus,
    GuardianConsent,
    ProgramIndexPage,
    ProgramPage,
)
from lms.accounts.models import User
from lms.home.models import HomePage
from modules.models import LessonPage, LessonProgress, ModulePage

PROGRAM_FIELDS = (
    "code",
    "audience",
    "total_hours",
    "format",
    "final_document",
    "summary",
    "description",
    "completion_requirements",
    "hours_illustrative",
)
MODULE_FIELDS = (
    "number",
    "contact_hours",
    "self_study_hours",
    "supervision_hours",
    "requires_previous",
)
# A minimal PDF standing in for the scanned consent of the demo volunteer's parent.
DEMO_CONSENT_PDF = b"%PDF-1.4\n% demo consent scan for the volunteer account\n%%EOF\n"


def _child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    return page


def _catalogue() -> ProgramIndexPage:
    home = HomePage.objects.first()
    return _child(
        home,
        ProgramIndexPage,
        "programmy",
        title="Программы обучения",
        intro="<p>Программы дополнительного профессионального образования центра: "
        "повышение квалификации специалистов служб примирения, семинары и программа "
        "для юных медиаторов.</p>",
    )


def _program(catalogue, data) -> ProgramPage:
    program = ProgramPage.objects.filter(code=data["code"]).first()
    if program is not None:
        return program
    program = catalogue.add_child(
        instance=ProgramPage(
            title=data["title"],
            slug=data["slug"],
            live=False,
            **{f: data[f] for f in PROGRAM_FIELDS},
        )
    )
    for module_data in data["modules"]:
        module = _child(
            program,
            ModulePage,
            module_data["slug"],
            title=module_data["title"],
            outcomes="\n".join(module_data["outcomes"]),
            **{f: module_data[f] for f in MODULE_FIELDS},
        )
        for lesson in module_data["lessons"]:
            _child(
                module,
                LessonPage,
                lesson["slug"],
                title=lesson["title"],
                duration_minutes=lesson["duration_minutes"],
                body=[(kind, value) for kind, value in lesson["body"]],
            )
    # Published last, when its modules exist and their hours add up.
    program.save_revision().publish()
    return program


def _cohort(program, name, *, starts, ends, trainers=(), supervisors=(), **fields) -> Cohort:
    cohort, created = Cohort.objects.get_or_create(
        program=program, name=name, defaults={"starts_on": starts, "ends_on": ends, **fields}
    )
    if created:
        cohort.trainers.set(trainers)
        cohort.supervisors.set(supervisors)
        cohort.save()
    return cohort


def _sessions(cohort, program, first_day, topics):
    if cohort.sessions.exists():
        return
    modules = list(ModulePage.objects.child_of(program).live().order_by("path"))
    for i, topic in enumerate(topics):
        ClassSession.objects.create(
            cohort=cohort,
            date=first_day + timedelta(days=7 * i),
            starts_at=time(10, 0),
            ends_at=time(13, 0),
            place="Региональный центр, ауд. 12" if i % 2 == 0 else "",
            online_url="" if i % 2 == 0 else "https://meet.example.org/mediation",
            topic=topic,
            module=modules[min(i // 2, len(modules) - 1)] if modules else None,
        )


def _enrol(cohort, user, registrar):
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
    return enrollment


def seed(*, out=None) -> None:
    from modules.demo_content import PROGRAMS

    catalogue = _catalogue()
    programs = {data["code"]: _program(catalogue, data) for data in PROGRAMS}
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    trainer, supervisor = users["trainer@example.org"], users["supervisor@example.org"]
    registrar = users["registrar@example.org"]
    today = timezone.localdate()

    p254 = next(p for p in programs.values() if p.total_hours == 254)
    running = _cohort(
        p254,
        "ПСП-254, группа 2026/1 (Кемерово)",
        starts=today - timedelta(days=30),
        ends=today + timedelta(days=150),
        delivery=Delivery.CENTRE,
        venue="г. Кемерово, Региональный центр",
        capacity=24,
        trainers=[trainer],
        supervisors=[supervisor],
    )
    _sessions(
        running,
        p254,
        today + timedelta(days=2),
        [
            "Принципы восстановительного подхода",
            "Предварительная встреча со сторонами",
            "Круг сообщества: подготовка ведущего",
            "Интервизия: разбор случаев группы",
            "Навыки восстановительной коммуникации",
            "Работа со случаями правонарушений",
        ],
    )
    enrollment = _enrol(running, users["trainee@example.org"], registrar)
    first_lessons = LessonPage.objects.live().descendant_of(p254).order_by("path")[:2]
    for lesson in first_lessons:
        LessonProgress.objects.get_or_create(
            enrollment=enrollment, lesson=lesson, defaults={"completed_at": timezone.now()}
        )

    seed_seminar(programs=programs, trainer=trainer, registrar=registrar)

    p36 = next(p for p in programs.values() if p.total_hours == 36)
    camp = _cohort(
        p36,
        "ЮМ-36, профильная смена «Школа примирения» 2026",
        starts=today + timedelta(days=14),
        ends=today + timedelta(days=24),
        delivery=Delivery.ORGANISATION,
        venue="Загородный лагерь, Кемеровский МО",
        capacity=30,
        trainers=[trainer],
    )
    _sessions(camp, p36, today + timedelta(days=14), ["Кто такой медиатор", "Круг знакомства"])
    volunteer_enrollment = _enrol(camp, users["volunteer@example.org"], registrar)
    if not hasattr(volunteer_enrollment, "guardian_consent"):
        GuardianConsent.objects.create(
            enrollment=volunteer_enrollment,
            guardian_full_name="Волкова Наталья Сергеевна",
            guardian_relation="мать",
            given_on=today - timedelta(days=3),
            document=ContentFile(DEMO_CONSENT_PDF, name="consent-demo.pdf"),
            recorded_by=registrar,
        )


# A past one-day seminar whose participants can receive a certificate of participation:
# four school directors, three of whom came.
DIRECTORS = [
    ("director1@example.org", "Громова", "Светлана", "Игоревна", True),
    ("director2@example.org", "Ершов", "Павел", "Андреевич", True),
    ("director3@example.org", "Лебедева-Краснова", "Ольга", "Юрьевна", True),
    ("director4@example.org", "Никитин", "Артём", "Сергеевич", False),
]


def seed_seminar(*, programs, trainer, registrar) -> None:
    from courses.models import ClassAttendance

    p8 = next((p for p in programs.values() if p.total_hours == 8), None)
    if p8 is None:
        return
    today = timezone.localdate()
    seminar = _cohort(
        p8,
        "Семинар для директоров, Кемерово (прошедший)",
        starts=today - timedelta(days=20),
        ends=today - timedelta(days=20),
        delivery=Delivery.CENTRE,
        venue="г. Кемерово, Региональный центр",
        capacity=30,
        accepts_applications=False,
        trainers=[trainer],
    )
    _sessions(seminar, p8, today - timedelta(days=20), ["Восстановительный подход в школе"])
    session = seminar.sessions.first()
    for email, last, first, patronymic, came in DIRECTORS:
        user, _created = User.objects.get_or_create(
            email=email,
            defaults={
                "last_name": last,
                "first_name": first,
                "patronymic": patronymic,
                "organisation": "МБОУ «Средняя общеобразовательная школа № 7»",
                "position": "директор",
                "password": "!",
            },
        )
        _enrol(seminar, user, registrar)
        ClassAttendance.objects.get_or_create(
            session=session,
            user=user,
            defaults={"status": "present" if came else "absent", "marked_by": trainer},
        )
