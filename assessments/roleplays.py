"""Role-play sessions: who plays which role, who sees which brief, observers' notes."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.models import AssignmentKind, RolePlayParticipant, RolePlaySession
from assessments.models.assignments import RoleKind
from assessments.services import SubmissionError
from courses.models import Enrollment
from courses.permissions import cohort_policy
from lms.notifications.services import notify


def roles_of(assignment) -> dict[str, dict]:
    return {block.id: dict(block.value) for block in assignment.roles}


def _trainer(user, cohort) -> None:
    cohort_policy.require(user, "teach", cohort)


@transaction.atomic
def session_create(*, assignment, cohort, starts_at, place: str, by) -> RolePlaySession:
    _trainer(by, cohort)
    if assignment.kind != AssignmentKind.ROLE_PLAY or not roles_of(assignment):
        raise SubmissionError(_("This assignment is not a role-play with roles."))
    if not assignment.module.path.startswith(cohort.program.path):
        raise SubmissionError(_("The assignment belongs to another program."))
    return RolePlaySession.objects.create(
        assignment=assignment, cohort=cohort, starts_at=starts_at, place=place
    )


@transaction.atomic
def roles_assign(*, session, roles: dict[int, str], by) -> list[RolePlayParticipant]:
    """Set the session's cast: {enrolment id: role id}; an empty role id leaves the trainee out."""
    _trainer(by, session.cohort)
    known = roles_of(session.assignment)
    enrollments = {
        e.pk: e
        for e in Enrollment.objects.approved().filter(cohort=session.cohort).select_related("user")
    }
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
    return participants


def participant_view(*, session, user) -> dict:
    """What one participant may see: the scenario and their own brief, never the others'."""
    participant = session.participants.filter(enrollment__user=user).first()
    if participant is None:
        return {}
    role = roles_of(session.assignment)[participant.role_id]
    questions = [
        q.strip() for q in session.assignment.observation_questions.splitlines() if q.strip()
    ]
    return {
        "participant": participant,
        "role": role,
        "observer": role["kind"] == RoleKind.OBSERVER,
        "questions": questions if role["kind"] == RoleKind.OBSERVER else [],
    }


@transaction.atomic
def observation_save(*, participant, text: str, by) -> RolePlayParticipant:
    if participant.enrollment.user_id != by.pk:
        raise PermissionDenied
    role = roles_of(participant.session.assignment)[participant.role_id]
    if role["kind"] != RoleKind.OBSERVER:
        raise SubmissionError(_("Only observers fill in the observation form."))
    participant.observation = text[:20000]
    participant.save(update_fields=["observation"])
    return participant


def not_yet_mediators(*, session) -> list[Enrollment]:
    """Trainees of the cohort who have not played the mediator in this role-play yet."""
    mediator_ids = [
        rid
        for rid, role in roles_of(session.assignment).items()
        if role["kind"] == RoleKind.MEDIATOR
    ]
    played = RolePlayParticipant.objects.filter(
        session__assignment=session.assignment,
        session__cohort=session.cohort,
        role_id__in=mediator_ids,
    ).values("enrollment_id")
    return list(
        Enrollment.objects.approved()
        .filter(cohort=session.cohort)
        .exclude(pk__in=played)
        .select_related("user")
        .order_by("user__last_name")
    )
