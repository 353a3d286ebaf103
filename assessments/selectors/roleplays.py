"""Reading role-plays: the scenario's roles, a cohort's sessions and rotation, a trainee's
sessions, what one participant may see, observers' notes.

Each function runs a fixed number of queries, whatever the number of sessions or trainees.
"""

from django.utils.translation import gettext_lazy as _

from assessments.models import (
    Assignment,
    AssignmentKind,
    RolePlayParticipant,
    RolePlaySession,
    Submission,
    SubmissionStatus,
)
from assessments.models.assignments import RoleKind
from courses.models import Enrollment
from courses.tree import under

PLANNED, HELD, GRADED = "planned", "held", "graded"
STATE_LABELS = {PLANNED: _("Planned"), HELD: _("Held, awaiting a grade"), GRADED: _("Graded")}


def cast_of(assignment) -> dict[str, dict]:
    return {block.id: dict(block.value) for block in assignment.roles}


def mediator_roles(assignment) -> list[str]:
    return [rid for rid, role in cast_of(assignment).items() if role["kind"] == RoleKind.MEDIATOR]


def observation_questions(assignment) -> list[str]:
    return [line.strip() for line in assignment.observation_questions.splitlines() if line.strip()]


def participant_view(*, session, user) -> dict:
    """What one participant may see: the scenario and their own brief, never the others'."""
    participant = session.participants.filter(enrollment__user=user).first()
    if participant is None:
        return {}
    role = cast_of(session.assignment)[participant.role_id]
    observer = role["kind"] == RoleKind.OBSERVER
    return {
        "participant": participant,
        "role": role,
        "observer": observer,
        "questions": observation_questions(session.assignment) if observer else [],
    }


def not_yet_mediators(*, session) -> list[Enrollment]:
    """Trainees of the cohort who have not played the mediator in this role-play yet."""
    played = RolePlayParticipant.objects.filter(
        session__assignment=session.assignment,
        session__cohort=session.cohort,
        role_id__in=mediator_roles(session.assignment),
    ).values("enrollment_id")
    return list(
        Enrollment.objects.approved()
        .filter(cohort=session.cohort)
        .exclude(pk__in=played)
        .select_related("user")
        .order_by("user__last_name")
    )


def mediator_submissions(*, session, enrollment_ids) -> dict[int, Submission]:
    """{enrollment id: submission} of the session's role-play for these mediators."""
    return {
        s.enrollment_id: s
        for s in Submission.objects.filter(
            assignment=session.assignment, enrollment__in=enrollment_ids
        )
    }


def roleplay_assignments(cohort) -> list[Assignment]:
    return list(
        Assignment.objects.filter(
            under([cohort.program.path], "module__path"), kind=AssignmentKind.ROLE_PLAY
        )
        .select_related("module")
        .order_by("module__path", "due_days", "pk")
    )


def _state(session, mediators, graded: set[int]) -> str:
    if session.held_at is None:
        return PLANNED
    if mediators and all(p.enrollment_id in graded for p in mediators):
        return GRADED
    return HELD


def cohort_roleplays(*, cohort) -> list[dict]:
    """Per role-play assignment of the cohort's program: its sessions with their state, and
    the rotation (who played which role in which session). Five queries."""
    assignments = roleplay_assignments(cohort)
    if not assignments:
        return []
    sessions = list(
        RolePlaySession.objects.filter(cohort=cohort, assignment__in=assignments).order_by(
            "starts_at", "pk"
        )
    )
    participants = list(
        RolePlayParticipant.objects.filter(session__in=sessions).select_related("enrollment__user")
    )
    enrollments = list(
        Enrollment.objects.approved()
        .filter(cohort=cohort)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__patronymic")
    )
    submissions = {
        (assignment_id, enrollment_id): (pk, status)
        for assignment_id, enrollment_id, pk, status in Submission.objects.filter(
            assignment__in=assignments, enrollment__cohort=cohort
        ).values_list("assignment_id", "enrollment_id", "pk", "status")
    }
    return [
        _assignment_roleplays(assignment, sessions, participants, enrollments, submissions)
        for assignment in assignments
    ]


def _assignment_roleplays(assignment, sessions, participants, enrollments, submissions) -> dict:
    roles = cast_of(assignment)
    graded = {
        enrollment_id
        for (assignment_id, enrollment_id), (_pk, status) in submissions.items()
        if assignment_id == assignment.pk and status == SubmissionStatus.GRADED
    }
    mine = [s for s in sessions if s.assignment_id == assignment.pk]
    cast = {s.pk: {} for s in mine}
    rows = []
    for session in mine:
        people = [p for p in participants if p.session_id == session.pk]
        for p in people:
            cast[session.pk][p.enrollment_id] = roles.get(p.role_id, {})
        mediators = [p for p in people if roles.get(p.role_id, {}).get("kind") == RoleKind.MEDIATOR]
        state = _state(session, mediators, graded)
        rows.append(
            {
                "session": session,
                "state": state,
                "state_label": STATE_LABELS[state],
                "mediators": [
                    {
                        "name": p.enrollment.user.get_full_name(),
                        "submission": submissions.get((assignment.pk, p.enrollment_id)),
                    }
                    for p in mediators
                ],
                "cast_size": len(people),
            }
        )
    rotation = []
    for enrollment in enrollments:
        played = [cast[s.pk].get(enrollment.pk) for s in mine]
        times = sum(1 for role in played if role and role.get("kind") == RoleKind.MEDIATOR)
        rotation.append({"enrollment": enrollment, "roles": played, "mediator_times": times})
    return {
        "assignment": assignment,
        "sessions": rows,
        "rotation": rotation,
        "not_yet_mediators": [r["enrollment"] for r in rotation if not r["mediator_times"]],
        "counts": {
            state: sum(1 for r in rows if r["state"] == state) for state in (PLANNED, HELD, GRADED)
        },
    }


def session_cast(*, session) -> list[dict]:
    """The session's cast in role order, for the trainer's page (one query)."""
    roles = cast_of(session.assignment)
    order = {rid: i for i, rid in enumerate(roles)}
    participants = sorted(
        session.participants.select_related("enrollment__user"),
        key=lambda p: (order.get(p.role_id, len(order)), p.enrollment.user.last_name),
    )
    return [
        {"participant": p, "role": roles.get(p.role_id, {"name": "—", "kind": ""})}
        for p in participants
    ]


def trainee_sessions(*, enrollments, assignments, upcoming_only=False) -> list[dict]:
    """The role-play sessions in which these enrollments have a role, with the role's name."""
    roleplays = [a for a in assignments if a.kind == AssignmentKind.ROLE_PLAY]
    if not roleplays or not enrollments:
        return []
    participants = RolePlayParticipant.objects.filter(
        enrollment__in=enrollments, session__assignment__in=roleplays
    ).select_related("session")
    if upcoming_only:
        participants = participants.filter(session__held_at=None)
    by_id = {a.pk: a for a in roleplays}
    result = []
    for p in participants.order_by("session__starts_at", "session_id"):
        assignment = by_id[p.session.assignment_id]
        role = cast_of(assignment).get(p.role_id, {})
        result.append(
            {
                "session": p.session,
                "assignment": assignment,
                "enrollment_id": p.enrollment_id,
                "role": role.get("name", "—"),
                "state": PLANNED if p.session.held_at is None else HELD,
            }
        )
    return result


def observations_for(*, submission) -> list[dict]:
    """Observers' notes from the held sessions in which this trainee played the mediator."""
    assignment = submission.assignment
    if assignment.kind != AssignmentKind.ROLE_PLAY:
        return []
    sessions = list(
        RolePlaySession.objects.filter(
            assignment=assignment,
            held_at__isnull=False,
            participants__enrollment=submission.enrollment,
            participants__role_id__in=mediator_roles(assignment),
        )
        .distinct()
        .order_by("-starts_at")
    )
    notes = (
        RolePlayParticipant.objects.filter(session__in=sessions)
        .exclude(observation="")
        .select_related("enrollment__user")
        .order_by("enrollment__user__last_name")
    )
    by_session = {s.pk: [] for s in sessions}
    for note in notes:
        by_session[note.session_id].append(note)
    return [{"session": s, "notes": by_session[s.pk]} for s in sessions]
