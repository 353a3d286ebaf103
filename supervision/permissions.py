"""Who may see and change sessions, practice entries and the monitoring report.

Confidential contents (case summaries, process notes, reflections) are for the session's
people only; registrars and curators get counts (``view`` without ``view_contents``).
"""

from django.db.models import Q

from lms.permissions import (
    NOTHING,
    HasRole,
    IsUser,
    Rule,
    RulePolicy,
    SameTerritory,
    UserIn,
    staff_territory_ids,
)
from lms.roles import Role
from supervision.models import MediatorStatus, PracticeEntry, SupervisionSession

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


class ConfirmedCoMediator(Rule):
    """A co-mediator who said they took part. One Q, so both conditions hold on the same
    row; someone merely named (or who declined) sees nothing of the entry."""

    def q(self, user) -> Q:
        if not self.may_ever(user):
            return NOTHING
        return Q(mediators__user=user.pk, mediators__status=MediatorStatus.CONFIRMED)


practice_policy = RulePolicy(
    PracticeEntry,
    view=IsUser("author") | ConfirmedCoMediator() | PRACTICE_REVIEWERS,
    change=IsUser("author"),
    review=PRACTICE_REVIEWERS,
)


def may_see_report(user) -> bool:
    return bool(user.is_superuser or REGISTRAR.may_ever(user) or CURATOR.may_ever(user))


def report_territory_allowed(user, territory_id: int | None) -> bool:
    """Registrars see the region and any territory; a curator only their own territory."""
    if user.is_superuser or REGISTRAR.may_ever(user):
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
