"""Supervision, attendance and practice requirements of a program, and each trainee's progress.

``progress_for(enrollments)`` runs a fixed number of queries for any number of enrollments;
``requirements_met(enrollment)`` is the one answer the certificates issue asks for.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.completion import RequirementResult
from courses.models import (
    AttendanceStatus,
    ClassAttendance,
    ClassSession,
    Enrollment,
    EnrollmentStatus,
)
from supervision.models import (
    EntryStatus,
    MediatorStatus,
    PracticeMediator,
    ProgramRequirements,
    SessionKind,
    SessionParticipant,
    SupervisionSession,
)

ATTENDED = AttendanceStatus.attended()


@dataclass
class Bar:
    """One progress bar: done of required, and what is still missing in words."""

    key: str
    label: str
    done: float
    required: float
    unit: str = ""
    missing: str = ""
    note: str = ""
    # Nothing to measure yet (no class held): not missing, but not shown as done either.
    pending: str = ""

    @property
    def met(self) -> bool:
        return bool(self.pending) or self.done >= self.required

    @property
    def percent(self) -> int:
        if self.pending:
            return 0
        if not self.required:
            return 100
        return min(100, int(self.done * 100 / self.required))


@dataclass
class SupervisionProgress:
    enrollment_id: int
    bars: list[Bar] = field(default_factory=list)
    hours_since: date | None = None

    @property
    def met(self) -> bool:
        return all(bar.met for bar in self.bars)

    @property
    def missing(self) -> list[str]:
        return [bar.missing for bar in self.bars if not bar.met]


def _hours_start(cohort, from_module: int, class_rows) -> date:
    """The first class of module ``from_module`` or later; the cohort's start if none."""
    dates = [
        d
        for cohort_id, d, number in class_rows
        if cohort_id == cohort.pk and number and number >= from_module
    ]
    if from_module <= 1 or not dates:
        return cohort.starts_on
    return min(dates)


def _attendance_note(attended: int, held: int, unmarked: int) -> str:
    if not held:
        return ""
    note = _("%(attended)s of %(held)s attended") % {"attended": attended, "held": held}
    if unmarked:
        note += "; " + ngettext(
            "%(n)s class not marked yet", "%(n)s classes not marked yet", unmarked
        ) % {"n": unmarked}
    return note


def practice_day(request_date, preliminary_meeting_on, joint_meeting_on) -> date:
    """The day a program was last worked on: its joint (closing) meeting, else its first
    preliminary meeting, else the request. Practice counts toward a program's requirement
    when this day falls within the training (on or after the cohort's start): a program
    finished before the training began is the mediator's earlier work, not the practice
    the training asks for (practical work is part of the training's methods)."""
    return joint_meeting_on or preliminary_meeting_on or request_date


def progress_for(enrollments) -> dict[int, SupervisionProgress]:
    """Progress per enrollment id. Enrollments need ``cohort__program`` selected."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    today = timezone.localdate()
    programs = {e.cohort.program_id for e in enrollments}
    cohorts = {e.cohort_id for e in enrollments}
    users = {e.user_id for e in enrollments}
    requirements = {
        r.program_id: r for r in ProgramRequirements.objects.filter(program__in=programs)
    }
    class_rows = list(
        ClassSession.objects.filter(cohort__in=cohorts).values_list(
            "cohort_id", "date", "module__modulepage__number"
        )
    )
    past_classes = defaultdict(set)
    for session_id, cohort_id in ClassSession.objects.filter(
        cohort__in=cohorts, date__lte=today
    ).values_list("pk", "cohort_id"):
        past_classes[cohort_id].add(session_id)
    class_marks = {
        (user_id, session_id): status
        for user_id, session_id, status in ClassAttendance.objects.filter(
            user__in=users, session__cohort__in=cohorts
        ).values_list("user_id", "session_id", "status")
    }
    seminars = defaultdict(set)
    for session_id, cohort_id in SupervisionSession.objects.filter(
        cohort__in=cohorts, kind=SessionKind.SEMINAR, date__lte=today
    ).values_list("pk", "cohort_id"):
        seminars[cohort_id].add(session_id)
    participation = list(
        SessionParticipant.objects.filter(
            user__in=users, status__in=ATTENDED, session__date__lte=today
        ).values_list(
            "user_id", "session_id", "session__kind", "session__date", "session__duration_minutes"
        )
    )
    practice = defaultdict(list)
    # Signed off, and for a co-mediator only once they confirmed they took part.
    for user_id, *days in PracticeMediator.objects.filter(
        user__in=users, entry__status__in=EntryStatus.reported(), status=MediatorStatus.CONFIRMED
    ).values_list(
        "user_id",
        F("entry__request_date"),
        F("entry__preliminary_meeting_on"),
        F("entry__joint_meeting_on"),
    ):
        practice[user_id].append(practice_day(*days))

    result = {}
    for enrollment in enrollments:
        cohort = enrollment.cohort
        rule = requirements.get(cohort.program_id)
        progress = SupervisionProgress(enrollment_id=enrollment.pk)
        result[enrollment.pk] = progress
        if rule is None:
            continue
        mine = [row for row in participation if row[0] == enrollment.user_id]
        if rule.supervision_hours:
            since = _hours_start(cohort, rule.hours_from_module, class_rows)
            progress.hours_since = since
            minutes = sum(
                row[4]
                for row in mine
                if row[2] in SessionKind.counted_as_hours() and row[3] >= since
            )
            done = Decimal(minutes) / 60
            left = max(rule.supervision_hours - done, Decimal(0))
            progress.bars.append(
                Bar(
                    key="supervision",
                    label=_("Supervision and intervision"),
                    done=float(round(done, 1)),
                    required=float(rule.supervision_hours),
                    unit=_("h"),
                    missing=_("%(hours)s more hours of supervision or intervision")
                    % {"hours": f"{left:.1f}".rstrip("0").rstrip(".")},
                    note=_("counted from %(date)s") % {"date": f"{since:%d.%m.%Y}"},
                )
            )
        if rule.min_attendance_percent:
            classes = past_classes[cohort.pk]
            attended_classes = sum(
                1 for s in classes if class_marks.get((enrollment.user_id, s)) in ATTENDED
            )
            unmarked = sum(1 for s in classes if (enrollment.user_id, s) not in class_marks)
            mine_ids = {row[1] for row in mine}
            held = len(classes) + len(seminars[cohort.pk])
            attended = attended_classes + len(seminars[cohort.pk] & mine_ids)
            share = round(attended * 100 / held) if held else 0
            progress.bars.append(
                Bar(
                    key="attendance",
                    label=_("Attendance of classes and seminars"),
                    done=share,
                    required=rule.min_attendance_percent,
                    unit="%",
                    missing=_("attendance is %(share)s%%, at least %(required)s%% is needed")
                    % {"share": share, "required": rule.min_attendance_percent},
                    note=_attendance_note(attended, held, unmarked),
                    pending="" if held else _("No classes held yet"),
                )
            )
        if rule.min_practice_entries:
            days = practice[enrollment.user_id]
            signed = sum(1 for d in days if d >= cohort.starts_on)
            earlier = len(days) - signed
            left = max(rule.min_practice_entries - signed, 0)
            progress.bars.append(
                Bar(
                    key="practice",
                    label=_("Signed practice entries"),
                    done=signed,
                    required=rule.min_practice_entries,
                    missing=ngettext(
                        "%(n)s more signed practice entry",
                        "%(n)s more signed practice entries",
                        left,
                    )
                    % {"n": left},
                    note=ngettext(
                        "%(n)s signed entry not counted: the program was conducted before "
                        "the training began (%(date)s)",
                        "%(n)s signed entries not counted: the programs were conducted "
                        "before the training began (%(date)s)",
                        earlier,
                    )
                    % {"n": earlier, "date": f"{cohort.starts_on:%d.%m.%Y}"}
                    if earlier
                    else "",
                )
            )
    return result


def requirements_met(enrollment) -> tuple[bool, list[str]]:
    """Whether the trainee meets the program's supervision, attendance and practice
    requirements, and if not, what is missing (for the certificates issue)."""
    progress = progress_for([enrollment])[enrollment.pk]
    return progress.met, progress.missing


def _result(progress: SupervisionProgress) -> RequirementResult:
    return RequirementResult(
        key="supervision",
        label=_("Supervision, attendance and practice"),
        met=progress.met,
        detail="; ".join(progress.missing),
    )


def supervision_requirement(enrollment) -> RequirementResult:
    return _result(progress_for([enrollment])[enrollment.pk])


def supervision_requirement_many(enrollments) -> dict[int, RequirementResult]:
    return {pk: _result(progress) for pk, progress in progress_for(enrollments).items()}


def practice_not_counted(entry, user) -> list[dict]:
    """The programs ``user`` is enrolled in whose practice requirement ``entry`` does not
    meet because it was conducted before their training began (see ``practice_day``)."""
    day = practice_day(entry.request_date, entry.preliminary_meeting_on, entry.joint_meeting_on)
    enrollments = Enrollment.objects.filter(
        user=user,
        status=EnrollmentStatus.APPROVED,
        cohort__starts_on__gt=day,
        cohort__program__supervision_requirements__min_practice_entries__gt=0,
    ).select_related("cohort__program")
    return [
        {"program": e.cohort.program.title, "starts_on": e.cohort.starts_on}
        for e in enrollments.order_by("cohort__starts_on")
    ]
