"""Who may see and act on a person's account, consents, particulars, staff scope and the
audit log (see lms.permissions)."""

from django.db.models import Q
from wagtail.models import ModelLogEntry

from lms.accounts.models import Consent, ParticularsChange, StaffTerritory, User
from lms.audit import READ
from lms.permissions import NOTHING, REGISTRAR, IsUser, Rule, RulePolicy

OWN = IsUser("user")

# The person themselves, and the registrar's privacy desk (export, erasure).
user_policy = RulePolicy(
    User,
    view=IsUser("pk") | REGISTRAR,
    export=IsUser("pk") | REGISTRAR,
    erase=REGISTRAR,
)

consent_policy = RulePolicy(
    Consent,
    view=OWN | REGISTRAR,
    withdraw=OWN | REGISTRAR,
    # Consent recorded on someone else's behalf (a minor's guardian, on paper).
    record=REGISTRAR,
)

particulars_change_policy = RulePolicy(
    ParticularsChange, view=OWN | REGISTRAR, add=OWN, decide=REGISTRAR
)

# Staff scope is the centre's assignment, never the staff member's own choice.
staff_territory_policy = RulePolicy(
    StaffTerritory, view=OWN | REGISTRAR, add=REGISTRAR, delete=REGISTRAR
)


class ReadOfOwnWork(Rule):
    """An entry saying that someone opened the user's confidential work."""

    def q(self, user) -> Q:
        if not self.may_ever(user):
            return NOTHING
        return Q(action=READ, data__owner=user.pk)


# The registrar reads the whole log; anyone else their own actions and who read their work.
# Nobody changes or deletes an entry (lms.audit refuses it).
audit_policy = RulePolicy(ModelLogEntry, view=REGISTRAR | OWN | ReadOfOwnWork())
