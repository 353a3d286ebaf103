"""Who may see and change sessions, practice entries and the monitoring report.

Confidential contents (case summaries, process notes, reflections) are for the session's
people only; registrars and curators get counts (``view`` without ``view_contents``).
"""

from lms.permissions import HasRole, IsUser, RulePolicy, SameTerritory, UserIn
from lms.roles import Role
from supervision.models import PracticeEntry, SupervisionSession

REGISTRAR = HasRole(Role.REGISTRAR)
CURATOR = HasRole(Role.CURATOR)
SUPERVISOR = HasRole(Role.SUPERVISOR)

SESSION_MANAGERS = IsUser("facilitator") | IsUser("created_by") | UserIn("cohort__supervisors")
SESSION_PEOPLE = SESSION_MANAGERS | UserIn("participants__user")

session_policy = RulePolicy(
    SupervisionSession,
    view=SESSION_PEOPLE | REGISTRAR | (CURATOR & SameTerritory("territory")),
    view_contents=SESSION_PEOPLE,
    manage=SESSION_MANAGERS,
    # Model-level: who may plan sessions at all (for which cohort is checked in services).
    add=SUPERVISOR | REGISTRAR,
)

# A supervisor signs off the practice of the trainees they supervise and of the
# practising mediators of services in their own territory.
PRACTICE_REVIEWERS = SUPERVISOR & (
    UserIn("author__enrollments__cohort__supervisors") | SameTerritory("service__territory")
)

practice_policy = RulePolicy(
    PracticeEntry,
    view=IsUser("author") | UserIn("mediators__user") | PRACTICE_REVIEWERS,
    change=IsUser("author"),
    review=PRACTICE_REVIEWERS,
)


def may_see_report(user) -> bool:
    return bool(user.is_superuser or REGISTRAR.may_ever(user) or CURATOR.may_ever(user))


def report_territory_allowed(user, territory_id: int | None) -> bool:
    """Registrars see the region and any territory; a curator only their own territory."""
    if user.is_superuser or REGISTRAR.may_ever(user):
        return True
    return (
        CURATOR.may_ever(user) and territory_id is not None and (territory_id == user.territory_id)
    )
