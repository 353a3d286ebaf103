"""Who may see and change cohorts, enrollments, attendance and documents (see lms.permissions)."""

from courses.models import (
    CalendarToken,
    Certificate,
    ClassAttendance,
    Cohort,
    Enrollment,
    GuardianConsent,
)
from lms.permissions import REGISTRAR, IsUser, Rule, RulePolicy, UserIn


def cohort_staff(path: str = "") -> Rule:
    """The trainers and supervisors of the cohort at ``path`` (the object itself when empty)."""
    prefix = f"{path}__" if path else ""
    return UserIn(f"{prefix}trainers") | UserIn(f"{prefix}supervisors")


COHORT_STAFF = cohort_staff()

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
    view=IsUser("user") | REGISTRAR | cohort_staff("cohort"),
    decide=REGISTRAR,
    withdraw=IsUser("user") | REGISTRAR,
    record_consent=REGISTRAR,
)

# The scanned consent of a minor's guardian: the registrar records it and keeps it.
guardian_consent_policy = RulePolicy(
    GuardianConsent,
    view=IsUser("enrollment__user") | REGISTRAR,
    add=REGISTRAR,
)

class_attendance_policy = RulePolicy(
    ClassAttendance,
    view=IsUser("user") | REGISTRAR | cohort_staff("session__cohort"),
    # Marked by the cohort's trainers (cohort_policy "teach").
    change=UserIn("session__cohort__trainers"),
)

# The secret of a person's calendar feed is theirs alone; the feed itself opens by the
# token, without signing in (courses.views.calendar_feed).
calendar_token_policy = RulePolicy(CalendarToken, view=IsUser("user"), change=IsUser("user"))

# A document is its holder's to download; the registrar keeps the register, issues,
# revokes and reissues, and may open an annulled document's archive copy.
certificate_policy = RulePolicy(
    Certificate,
    view=IsUser("enrollment__user") | REGISTRAR,
    add=REGISTRAR,
    change=REGISTRAR,
)


def cohort_or_404(user, cohort_id: int, action: str) -> Cohort:
    """The cohort (with its program) that ``user`` may ``action``: 404 or 403 otherwise."""
    return cohort_policy.get_or_404(
        user, action, Cohort.objects.select_related("program"), pk=cohort_id
    )
