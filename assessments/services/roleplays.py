"""Role-play sessions: planning, casting, holding, observers' notes.

A session is planned, then held: holding freezes its cast (the rotation's history: who
played which role when) and hands in the mediator's work for grading.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from assessments.models import AssignmentKind, RolePlayParticipant, RolePlaySession
from assessments.models.assignments import RoleKind
from assessments.permissions import roleplay_participant_policy, roleplay_session_policy
from assessments.selectors import cast_of, cohort_trainees, mediator_roles
from assessments.services.errors import SubmissionError
from assessments.services.submissions import live_version_add, submission_get_or_create
from courses.permissions import cohort_policy
from courses.tree import is_within
from lms.notifications.services import notify

MAX_OBSERVATION = 20000


@transaction.atomic
def session_create(
    *, assignment, cohort, starts_at, place: str, by, duration: int = 90
) -> RolePlaySession:
    cohort_policy.require(by, "teach", cohort)
    if assignment.kind != AssignmentKind.ROLE_PLAY or not cast_of(assignment):
        raise SubmissionError(_("This assignment is not a role-play with roles."))
    if not is_within(assignment.module.path, cohort.program.path):
        raise SubmissionError(_("The assignment belongs to another program."))
    session = RolePlaySession.objects.create(
        assignment=assignment, cohort=cohort, starts_at=starts_at, duration=duration, place=place
    )
    log(
        instance=session,
        action="assessments.roleplay.plan",
        user=by,
        data={"starts_at": starts_at.isoformat(), "cohort": cohort.pk},
    )
    return session


@transaction.atomic
def roles_assign(*, session, roles: dict[int, str], by) -> list[RolePlayParticipant]:
    """Set the session's cast: {enrollment id: role id}; an empty role id leaves the trainee out."""
    session = RolePlaySession.objects.select_for_update().get(pk=session.pk)
    roleplay_session_policy.require(by, "manage", session)
    if session.held_at is not None:
        raise SubmissionError(
            _(
                "This session has been held: its roles stay as they were played. "
                "Plan a new session for the next round."
            )
        )
    known = cast_of(session.assignment)
    enrollments = {e.pk: e for e in cohort_trainees(session.cohort)}
    cast = {eid: rid for eid, rid in roles.items() if rid}
    if any(eid not in enrollments for eid in cast) or any(
        rid not in known for rid in cast.values()
    ):
        raise SubmissionError(_("Choose roles from the scenario for trainees of this cohort."))
    if sum(known[rid]["kind"] == RoleKind.MEDIATOR for rid in cast.values()) != 1:
        raise SubmissionError(_("A session needs exactly one mediator."))
    before = dict(session.participants.values_list("enrollment_id", "role_id"))
    session.participants.exclude(enrollment_id__in=cast).delete()
    participants = []
    for eid, rid in cast.items():
        participant, _created = RolePlayParticipant.objects.update_or_create(
            session=session, enrollment_id=eid, defaults={"role_id": rid}
        )
        participants.append(participant)
        if before.get(eid) != rid:
            with translation.override("ru"):
                notify(
                    user=enrollments[eid].user,
                    title=_("Your role in a role-play: %(role)s") % {"role": known[rid]["name"]},
                    url=reverse("roleplay", args=[session.pk]),
                )
    if before != cast:
        log(
            instance=session,
            action="assessments.roleplay.cast",
            user=by,
            data={"cast": {str(eid): rid for eid, rid in cast.items()}},
        )
    return participants


@transaction.atomic
def session_hold(*, session, by) -> RolePlaySession:
    """Mark a session as held: the cast is kept as played and the mediator's work is handed in."""
    session = (
        RolePlaySession.objects.select_for_update(of=("self",))
        .select_related("assignment", "cohort")
        .get(pk=session.pk)
    )
    roleplay_session_policy.require(by, "manage", session)
    if session.held_at is not None:
        raise SubmissionError(_("This session is already marked as held."))
    now = timezone.now()
    if session.starts_at > now:
        raise SubmissionError(_("A session can be marked as held once it has begun."))
    mediators = list(
        session.participants.filter(role_id__in=mediator_roles(session.assignment)).select_related(
            "enrollment__cohort"
        )
    )
    if not mediators:
        raise SubmissionError(_("Assign the roles, with one mediator, before the session is held."))
    session.held_at = now
    session.save(update_fields=["held_at"])
    with translation.override("ru"):
        text = _("Played the mediator in the role-play session of %(date)s; held by %(name)s.") % {
            "date": timezone.localtime(session.starts_at).strftime("%d.%m.%Y %H:%M"),
            "name": by.get_full_name(),
        }
    for participant in mediators:
        submission = submission_get_or_create(
            assignment=session.assignment, enrollment=participant.enrollment
        )
        live_version_add(submission=submission, text=text, at=now)
    log(
        instance=session,
        action="assessments.roleplay.hold",
        user=by,
        data={"mediators": [p.enrollment_id for p in mediators]},
    )
    return session


@transaction.atomic
def observation_save(*, participant, text: str, by) -> RolePlayParticipant:
    roleplay_participant_policy.require(by, "observe", participant)
    role = cast_of(participant.session.assignment)[participant.role_id]
    if role["kind"] != RoleKind.OBSERVER:
        raise SubmissionError(_("Only observers fill in the observation form."))
    participant.observation = text[:MAX_OBSERVATION]
    participant.save(update_fields=["observation"])
    return participant
