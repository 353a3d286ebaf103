from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.models import EnrollmentStatus
from courses.permissions import cohort_policy
from courses.services import attendance_check
from lms.notifications.services import notify
from lms.permissions import REGISTRAR, allowed
from lms.text.guard import find_personal_data
from supervision.models import SessionParticipant, SupervisionSession
from supervision.models.sessions import MAX_TEXT
from supervision.permissions import joinable_territory_ids, session_policy

MAX_REFLECTION = 4000


class SessionError(ValidationError):
    """A rule of sessions was broken; the message is for the user."""


def guard_fields(obj, fields: tuple[str, ...]) -> dict[str, list]:
    """Findings of the confidentiality guard per field, for texts others will read."""
    problems = {}
    for field in fields:
        findings = find_personal_data(getattr(obj, field) or "")
        if findings:
            problems[field] = findings
    return problems


def _guard_error(problems: dict) -> SessionError:
    return SessionError(
        {
            field: _(
                "This text seems to contain personal data (%(found)s). Replace names and "
                "other identifying details with pseudonyms."
            )
            % {"found": ", ".join(sorted({f.text for f in findings}))[:200]}
            for field, findings in problems.items()
        }
    )


def _may_plan_for(user, session: SupervisionSession) -> bool:
    if not session_policy.user_has_permission(user, "add"):  # superusers pass
        return False
    if session.cohort_id is not None:
        # Supervisors plan for the cohorts they supervise; the registrar for any cohort.
        return allowed(user, REGISTRAR) or session.cohort.supervisors.filter(pk=user.pk).exists()
    return True


@transaction.atomic
def session_save(*, session: SupervisionSession, by) -> SupervisionSession:
    """Create or update a session; the case summary and outcomes pass the guard."""
    creating = session.pk is None
    if creating:
        if not _may_plan_for(by, session):
            raise PermissionDenied
        session.created_by = by
    else:
        session_policy.require(by, "manage", session)
    problems = guard_fields(session, ("case_summary", "outcomes"))
    if problems:
        raise _guard_error(problems)
    for field in ("case_summary", "outcomes", "process_notes"):
        if len(getattr(session, field)) > MAX_TEXT:
            raise SessionError(
                {
                    field: _("The text is too long (more than %(max)s characters).")
                    % {"max": MAX_TEXT}
                }
            )
    session.full_clean()
    session.save()
    session_participants_sync(session=session)
    if session.facilitator_id != by.pk:
        SessionParticipant.objects.get_or_create(session=session, user_id=session.facilitator_id)
    log(
        instance=session,
        action="supervision.session.create" if creating else "supervision.session.change",
        user=by,
    )
    return session


def session_participants_sync(*, session: SupervisionSession) -> int:
    """A cohort's session lists every approved trainee of the cohort (late joiners too)."""
    if session.cohort_id is None:
        return 0
    have = set(session.participants.values_list("user_id", flat=True))
    roster = session.cohort.enrollments.filter(status=EnrollmentStatus.APPROVED).values_list(
        "user_id", flat=True
    )
    missing = [SessionParticipant(session=session, user_id=u) for u in roster if u not in have]
    SessionParticipant.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


@transaction.atomic
def session_attendance_mark(*, session: SupervisionSession, marks: dict, by) -> int:
    """The facilitator's marks: {user id: (status, remark)} for the session's participants."""
    session_policy.require(by, "manage", session)
    attendance_check(starts=session.starts, marks=marks)
    rows = {p.user_id: p for p in session.participants.select_for_update()}
    if set(marks) - set(rows):
        raise SessionError(_("Attendance can be marked only for the session's participants."))
    now, changed = timezone.now(), []
    for user_id, (status, remark) in marks.items():
        row = rows[user_id]
        if (row.status, row.remark) != (status, remark):
            row.status, row.remark, row.marked_by, row.marked_at = status, remark, by, now
            changed.append(row)
    SessionParticipant.objects.bulk_update(changed, ["status", "remark", "marked_by", "marked_at"])
    if changed:
        log(
            instance=session,
            action="supervision.attendance.mark",
            user=by,
            data={"rows": len(changed)},
        )
    return len(changed)


@transaction.atomic
def session_join(*, session: SupervisionSession, user) -> SessionParticipant:
    """A mediator of the territory signs up for an open session before it starts."""
    if session.territory_id not in joinable_territory_ids(user):
        raise PermissionDenied
    if session.has_started:
        raise SessionError(_("This session has already started; ask the facilitator to add you."))
    participant, created = SessionParticipant.objects.get_or_create(session=session, user=user)
    if created:
        log(instance=session, action="supervision.session.join", user=user)
    return participant


def _may_take_part(session: SupervisionSession, user) -> bool:
    """A cohort's session: its approved trainees and its staff. An open session: whoever
    may join it themselves (the territory's mediators and assigned staff)."""
    if session.cohort_id is None:
        return session.territory_id in joinable_territory_ids(user)
    if cohort_policy.user_has_permission_for_instance(user, "view", session.cohort):
        return True
    return session.cohort.enrollments.filter(user=user, status=EnrollmentStatus.APPROVED).exists()


@transaction.atomic
def participant_add(*, session: SupervisionSession, user, by) -> SessionParticipant:
    session_policy.require(by, "manage", session)
    if not _may_take_part(session, user):
        raise SessionError(
            _("Only the cohort's trainees and staff can take part.")
            if session.cohort_id
            else _("Only the mediators of this territory can take part.")
        )
    participant, created = SessionParticipant.objects.get_or_create(session=session, user=user)
    if created:
        log(instance=session, action="supervision.participant.add", user=by)
        notify(
            user=user,
            title=_("You are invited: %(session)s") % {"session": session},
            body=_("%(date)s, %(group)s")
            % {"date": f"{session.date:%d.%m.%Y}", "group": session.group_name},
            url=f"/supervision/{session.pk}/",
        )
    return participant


@transaction.atomic
def participants_add(*, session: SupervisionSession, users, by) -> int:
    """Several people at once: all of them or, if one may not take part, none."""
    before = session.participants.count()
    for user in users:
        participant_add(session=session, user=user, by=by)
    return session.participants.count() - before


def _not_begun(cohort_id: int):
    now = timezone.localtime()
    return SupervisionSession.objects.filter(
        Q(date__gt=now.date()) | Q(date=now.date(), starts_at__gt=now.time()),
        cohort_id=cohort_id,
    )


def cohort_sessions_join(*, enrollment) -> int:
    """An approved trainee (a late joiner too) is on every session of the cohort that has
    not begun yet. Runs inside the approval's transaction (see receivers.py)."""
    sessions = list(_not_begun(enrollment.cohort_id).exclude(participants__user=enrollment.user_id))
    SessionParticipant.objects.bulk_create(
        [SessionParticipant(session=s, user_id=enrollment.user_id) for s in sessions],
        ignore_conflicts=True,
    )
    for session in sessions:
        log(
            instance=session,
            action="supervision.participant.add",
            user=enrollment.decided_by,
            data={"user": enrollment.user_id, "reason": "enrollment approved"},
        )
    return len(sessions)


def cohort_sessions_leave(*, enrollment) -> int:
    """Someone no longer enrolled leaves the cohort's sessions that have not begun (they
    would still read the cases there), unless they lead or present there or are on the
    cohort's staff; a row with a mark or a reflection stays."""
    cohort = enrollment.cohort
    user_id = enrollment.user_id
    if (
        cohort.trainers.filter(pk=user_id).exists()
        or cohort.supervisors.filter(pk=user_id).exists()
    ):
        return 0
    rows = list(
        SessionParticipant.objects.filter(
            session__in=_not_begun(cohort.pk), user_id=user_id, status="", reflection=""
        )
        .exclude(Q(session__facilitator_id=user_id) | Q(session__presenter_id=user_id))
        .select_related("session")
    )
    SessionParticipant.objects.filter(pk__in=[row.pk for row in rows]).delete()
    # A withdrawal records no decider; the earlier approver must not appear as the actor.
    actor = None if enrollment.status == EnrollmentStatus.WITHDRAWN else enrollment.decided_by
    for row in rows:
        log(
            instance=row.session,
            action="supervision.participant.remove",
            user=actor,
            data={"user": user_id, "reason": f"enrollment {enrollment.status}"},
        )
    return len(rows)


@transaction.atomic
def reflection_save(*, participant: SessionParticipant, text: str, by) -> SessionParticipant:
    """A participant's own reflection: after the session began, not if they were absent."""
    if participant.user_id != by.pk:
        raise PermissionDenied
    session = participant.session
    if not session.has_started:
        raise SessionError(_("You can write a reflection once the session has begun."))
    if participant.status in ("absent", "excused"):
        raise SessionError(_("You were marked absent from this session."))
    text = text.strip()
    if len(text) > MAX_REFLECTION:
        raise SessionError(
            _("The reflection is too long (more than %(max)s characters).")
            % {"max": MAX_REFLECTION}
        )
    if find_personal_data(text):
        raise SessionError(
            _("The text seems to contain personal data. Replace it with pseudonyms.")
        )
    participant.reflection = text
    participant.reflection_at = timezone.now()
    participant.save(update_fields=["reflection", "reflection_at"])
    log(instance=session, action="supervision.reflection.save", user=by)
    return participant
