"""Demo data: requirements, sessions and practice for the demo cohort, and a demo region
whose monitoring figures are the published 2019 Kuzbass tables."""

from datetime import time, timedelta

from django.utils import timezone

from courses.models import Cohort, EnrollmentStatus, ProgramPage
from lms.accounts.models import User
from supervision import demo_monitoring
from supervision.models import (
    EntryStatus,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
    ProgramRequirements,
    ReconciliationService,
    SessionFormat,
    SessionKind,
    SessionParticipant,
    SupervisionSession,
)
from supervision.vocab import (
    CaseCategory,
    CaseSubcategory,
    Outcome,
    ProgramType,
    ReferralSource,
    ServiceKind,
)

# (supervision hours, attendance %, signed practice entries) per program length.
REQUIREMENTS = {254: (24, 80, 3), 72: (0, 80, 0), 36: (0, 80, 0)}


def _requirements():
    for program in ProgramPage.objects.filter(total_hours__in=REQUIREMENTS):
        hours, attendance, practice = REQUIREMENTS[program.total_hours]
        ProgramRequirements.objects.get_or_create(
            program=program,
            defaults={
                "supervision_hours": hours,
                "min_attendance_percent": attendance,
                "min_practice_entries": practice,
            },
        )


def _sessions(cohort, supervisor, trainee, territory):
    today = timezone.localdate()
    if SupervisionSession.objects.filter(cohort=cohort).exists():
        return
    past = SupervisionSession.objects.create(
        kind=SessionKind.INTERVISION,
        date=today - timedelta(days=3),
        starts_at=time(16, 0),
        duration_minutes=120,
        format=SessionFormat.ONLINE,
        online_url="https://meet.example.org/intervision",
        facilitator=supervisor,
        cohort=cohort,
        topic="Интервизия: первые предварительные встречи",
        case_program_type=ProgramType.MEDIATION,
        case_category=CaseCategory.EDUCATION,
        case_summary=(
            "Двое учеников восьмого класса поссорились из-за фотографии в общем чате. "
            "Ведущая провела предварительные встречи с каждым и сомневается, готовы ли "
            "стороны к общей встрече."
        ),
        outcomes="Группа предложила вопросы для второй предварительной встречи.",
        process_notes="Ведущая заметила, что начала советовать сторонам; обсудили позицию.",
        created_by=supervisor,
    )
    SessionParticipant.objects.create(
        session=past,
        user=trainee,
        status="present",
        marked_by=supervisor,
        marked_at=timezone.now(),
        reflection="Поняла, что на предварительной встрече важнее слушать, чем объяснять.",
        reflection_at=timezone.now(),
    )
    upcoming = SupervisionSession.objects.create(
        kind=SessionKind.SUPERVISION,
        date=today + timedelta(days=10),
        starts_at=time(15, 0),
        duration_minutes=180,
        format=SessionFormat.IN_PERSON,
        place="Региональный центр, ауд. 12",
        facilitator=supervisor,
        cohort=cohort,
        topic="Супервизия случаев модуля 2",
        created_by=supervisor,
    )
    SessionParticipant.objects.create(session=upcoming, user=trainee)
    if territory is not None:
        SupervisionSession.objects.create(
            kind=SessionKind.SEMINAR,
            date=today + timedelta(days=20),
            starts_at=time(14, 0),
            duration_minutes=180,
            format=SessionFormat.IN_PERSON,
            place="г. Новокузнецк, информационно-методический центр",
            facilitator=supervisor,
            territory=territory,
            topic="Методологический семинар: круги сообщества в школе",
            created_by=supervisor,
        )


def _practice(trainee, cohort, supervisor):
    if PracticeEntry.objects.filter(author=trainee).exists() or trainee.territory_id is None:
        return
    service, _created = ReconciliationService.objects.get_or_create(
        kind=ServiceKind.SCHOOL,
        organisation=trainee.organisation or "МБОУ «СОШ № 12»",
        territory_id=trainee.territory_id,
    )
    start = cohort.starts_on
    signed = PracticeEntry.objects.create(
        author=trainee,
        service=service,
        program_type=ProgramType.MEDIATION,
        case_category=CaseCategory.SCHOOL,
        case_subcategory=CaseSubcategory.BULLYING,
        referral_source=ReferralSource.SCHOOL_ADMINISTRATION,
        request_date=start + timedelta(days=2),
        preliminary_meeting_on=start + timedelta(days=4),
        joint_meeting_on=start + timedelta(days=9),
        adults=2,
        children=3,
        outcome=Outcome.AGREEMENT,
        summary="Насмешки над учеником шестого класса в чате класса; обидчики извинились.",
        follow_up="Через месяц — встреча с классным руководителем.",
        status=EntryStatus.SIGNED,
        submitted_at=timezone.now(),
        reviewed_by=supervisor,
        reviewed_at=timezone.now(),
    )
    PracticeMediator.objects.create(entry=signed, user=trainee, status=MediatorStatus.CONFIRMED)


def seed(*, out=None) -> None:
    _requirements()
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    trainee, supervisor = users.get("trainee@example.org"), users.get("supervisor@example.org")
    curator = users.get("curator@example.org")
    cohort = (
        Cohort.objects.filter(
            program__total_hours=254,
            enrollments__user=trainee,
            enrollments__status=EnrollmentStatus.APPROVED,
        ).first()
        if trainee
        else None
    )
    if cohort and supervisor:
        _sessions(cohort, supervisor, trainee, curator.territory if curator else None)
        _practice(trainee, cohort, supervisor)
    demo_monitoring.load()
