"""Who may see and change sessions, practice entries and the monitoring report.

Confidential contents (case summaries, process notes, reflections) are for the session's
people only; registrars and curators get counts (``view`` without ``view_contents``).
Rules about a session or an entry are built with a path prefix, so that the rows hanging
off them (participants, co-mediators, invitations) follow the same people.
"""

from django.db.models import Q

from lms.permissions import (
    CURATOR,
    EDITOR,
    NOTHING,
    REGISTRAR,
    SUPERVISOR,
    TRAINEE,
    IsUser,
    Rule,
    RulePolicy,
    SameTerritory,
    UserIn,
    Where,
    allowed,
    staff_territory_ids,
)
from supervision.models import (
    CoMediatorInvitation,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
    ProgramRequirements,
    ReconciliationService,
    SessionParticipant,
    SupervisionSession,
)


def session_managers(via: str = "") -> Rule:
    """Who runs the session at ``via`` (a path prefix such as "session__", or none)."""
    return (
        IsUser(f"{via}facilitator")
        | IsUser(f"{via}created_by")
        | UserIn(f"{via}cohort__supervisors")
    )


def session_people(via: str = "") -> Rule:
    return session_managers(via) | UserIn(f"{via}participants__user")


SESSION_MANAGERS = session_managers()
SESSION_PEOPLE = session_people()

session_policy = RulePolicy(
    SupervisionSession,
    view=SESSION_PEOPLE | REGISTRAR | (CURATOR & SameTerritory("territory")),
    view_contents=SESSION_PEOPLE,
    manage=SESSION_MANAGERS,
    # Model-level: who may plan sessions at all (for which cohort is checked in services).
    add=SUPERVISOR | REGISTRAR,
)

# The participant list shows marks, remarks and reflections: the session's people only.
participant_policy = RulePolicy(
    SessionParticipant,
    view=session_people("session__"),
    mark=session_managers("session__"),
)


def practice_reviewers(via: str = "") -> Rule:
    """A supervisor signs off the practice of the trainees they supervise and of the
    practising mediators of services in their own territory."""
    return SUPERVISOR & (
        UserIn(f"{via}author__enrollments__cohort__supervisors")
        | SameTerritory(f"{via}service__territory")
    )


PRACTICE_REVIEWERS = practice_reviewers()


class ConfirmedCoMediator(Rule):
    """A co-mediator who said they took part. One Q, so both conditions hold on the same
    row; someone merely named (or who declined) sees nothing of the entry."""

    def __init__(self, via: str = ""):
        self.via = via

    def q(self, user) -> Q:
        if not self.may_ever(user):
            return NOTHING
        mediators = f"{self.via}mediators"
        return Q(
            **{f"{mediators}__user": user.pk, f"{mediators}__status": MediatorStatus.CONFIRMED}
        )


class InvitedByEmail(Rule):
    """An invitation sent to the user's email (before or after they signed up)."""

    def q(self, user) -> Q:
        if not self.may_ever(user) or not user.email:
            return NOTHING
        return Q(email=user.email.lower())


practice_policy = RulePolicy(
    PracticeEntry,
    view=IsUser("author") | ConfirmedCoMediator() | PRACTICE_REVIEWERS,
    change=IsUser("author"),
    review=PRACTICE_REVIEWERS,
)

# Co-mediators as the entry page lists them: the author and the reviewers see every
# answer, a colleague who confirmed sees only those who confirmed (selectors.co_mediators_of).
practice_mediator_policy = RulePolicy(
    PracticeMediator,
    view=IsUser("user")
    | IsUser("entry__author")
    | practice_reviewers("entry__")
    | (ConfirmedCoMediator("entry__") & Where(status=MediatorStatus.CONFIRMED)),
    answer=IsUser("user"),
)

# The emails the author typed: for the author, the reviewers and the person invited.
invitation_policy = RulePolicy(
    CoMediatorInvitation,
    view=IsUser("entry__author") | practice_reviewers("entry__") | InvitedByEmail(),
    answer=InvitedByEmail(),
)

# Program settings are the centre's; a territory's services are its curator's as well.
CENTRE = REGISTRAR | EDITOR
TERRITORY_CURATOR = CURATOR & SameTerritory("territory")

requirements_policy = RulePolicy(
    ProgramRequirements, view=CENTRE, add=CENTRE, change=CENTRE, delete=CENTRE
)
service_policy = RulePolicy(
    ReconciliationService,
    view=REGISTRAR | TERRITORY_CURATOR,
    add=REGISTRAR,
    change=REGISTRAR | TERRITORY_CURATOR,
    delete=REGISTRAR,
)

# Who may keep a practice log by role (supervision.practice_access adds enrollments).
LOG_KEEPERS = TRAINEE | SUPERVISOR | REGISTRAR


def may_see_report(user) -> bool:
    return allowed(user, REGISTRAR | CURATOR)


def report_territory_allowed(user, territory_id: int | None) -> bool:
    """Registrars see the region and any territory; a curator only their own territory."""
    if allowed(user, REGISTRAR):
        return True
    # The territories the registrar assigned, never the curator's own profile field.
    return CURATOR.may_ever(user) and territory_id in staff_territory_ids(user)


def joinable_territory_ids(user) -> frozenset[int]:
    """Territories whose open sessions ``user`` may join.

    Their own territory once the centre enrolled them on it (the profile field is locked
    from the application on, lms.accounts.particulars), and those in their staff scope.
    """
    from courses.models import EnrollmentStatus

    ids = set(staff_territory_ids(user))
    if user.territory_id and user.enrollments.filter(status=EnrollmentStatus.APPROVED).exists():
        ids.add(user.territory_id)
    return frozenset(ids)
