"""Program requirements, supervision sessions and practice for the demo cohort
(content/supervision.yaml)."""

from datetime import time, timedelta

from django.utils import timezone

from courses.models import Cohort, EnrollmentStatus
from demo.loader.files import read_yaml
from lms.accounts.models import User
from supervision.models import (
    EntryStatus,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
    ProgramRequirements,
    ReconciliationService,
    SessionParticipant,
    SupervisionSession,
)

_DATES = ("request_date", "preliminary_meeting_on", "joint_meeting_on")
# Session keys that are not SupervisionSession fields as they stand.
_SESSION_SPECIAL = ("day", "starts_at", "trainee", "territory")


def _requirements(data, programs):
    for code, requirements in data["requirements"].items():
        if code in programs:
            ProgramRequirements.objects.get_or_create(program=programs[code], defaults=requirements)


def _sessions(data, cohort, supervisor, trainee, territory):
    if SupervisionSession.objects.filter(cohort=cohort).exists():
        return
    today = timezone.localdate()
    for item in data["sessions"]:
        fields = {k: v for k, v in item.items() if k not in _SESSION_SPECIAL}
        if item.get("territory") == "curator":
            if territory is None:
                continue
            fields["territory"] = territory
        else:
            fields["cohort"] = cohort
        session = SupervisionSession.objects.create(
            **fields,
            date=today + timedelta(days=item["day"]),
            starts_at=time.fromisoformat(item["starts_at"]),
            facilitator=supervisor,
            created_by=supervisor,
        )
        if "trainee" in item:
            participant = dict(item["trainee"])
            if participant.get("status"):
                participant.update(marked_by=supervisor, marked_at=timezone.now())
            if participant.get("reflection"):
                participant["reflection_at"] = timezone.now()
            SessionParticipant.objects.create(session=session, user=trainee, **participant)


def _practice(data, trainee, cohort, supervisor):
    if PracticeEntry.objects.filter(author=trainee).exists() or trainee.territory_id is None:
        return
    entry = dict(data["practice"])
    service_data = entry.pop("service")
    service, _created = ReconciliationService.objects.get_or_create(
        kind=service_data["kind"],
        organisation=trainee.organisation or service_data["organisation"],
        territory_id=trainee.territory_id,
    )
    for name in _DATES:
        entry[name] = cohort.starts_on + timedelta(days=entry[name])
    signed = PracticeEntry.objects.create(
        **entry,
        author=trainee,
        service=service,
        status=EntryStatus.SIGNED,
        submitted_at=timezone.now(),
        reviewed_by=supervisor,
        reviewed_at=timezone.now(),
    )
    PracticeMediator.objects.create(entry=signed, user=trainee, status=MediatorStatus.CONFIRMED)


def seed(programs) -> None:
    data = read_yaml("supervision.yaml")
    _requirements(data, programs)
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    trainee, supervisor = users.get(data["trainee"]), users.get(data["supervisor"])
    curator = users.get(data["curator"])
    program = programs.get(data["program"])
    cohort = (
        Cohort.objects.filter(
            program=program,
            enrollments__user=trainee,
            enrollments__status=EnrollmentStatus.APPROVED,
        ).first()
        if trainee and program
        else None
    )
    if cohort and supervisor:
        _sessions(data, cohort, supervisor, trainee, curator.territory if curator else None)
        _practice(data, trainee, cohort, supervisor)
