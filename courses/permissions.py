"""Who may see and change cohorts and enrollments (see lms.permissions)."""

from courses.models import Cohort, Enrollment
from lms.permissions import HasRole, IsUser, RulePolicy, UserIn
from lms.roles import Role

REGISTRAR = HasRole(Role.REGISTRAR)
COHORT_STAFF = UserIn("trainers") | UserIn("supervisors")

cohort_policy = RulePolicy(
    Cohort,
    view=REGISTRAR | COHORT_STAFF,
    view_progress=REGISTRAR | COHORT_STAFF,
    # Grading, role-plays, deadlines: the cohort's trainers (and superusers) only.
    teach=UserIn("trainers"),
    add=REGISTRAR,
    change=REGISTRAR,
    delete=REGISTRAR,
)

# Wagtail's cohort admin is the registrar's alone: a model-level "view" through UserIn
# would let any admin user list every cohort.
cohort_admin_policy = RulePolicy(
    Cohort, view=REGISTRAR, add=REGISTRAR, change=REGISTRAR, delete=REGISTRAR
)

enrollment_policy = RulePolicy(
    Enrollment,
    view=IsUser("user") | REGISTRAR | UserIn("cohort__trainers") | UserIn("cohort__supervisors"),
    decide=REGISTRAR,
    withdraw=IsUser("user") | REGISTRAR,
    record_consent=REGISTRAR,
)
