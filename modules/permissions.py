"""Who may read a lesson and who sees lesson progress (see lms.permissions).

One rule answers for one lesson (its page, a file used in it) and for many (site search).
The lesson's program is whichever program page lies above it (courses.tree), however many
pages lie between the two.
"""

from django.db.models import Q

from courses.models import Cohort, Enrollment, EnrollmentStatus, ProgramPage
from courses.permissions import cohort_staff
from courses.tree import holding, under
from lms.permissions import EDITOR, NOTHING, REGISTRAR, IsUser, Rule, RulePolicy
from modules.models import LessonPage, LessonProgress


class StudiesProgram(Rule):
    """The user has an approved enrollment in a cohort of the page's program."""

    def _enrollments(self, user):
        return Enrollment.objects.filter(user=user, status=EnrollmentStatus.APPROVED)

    def enrollment(self, user, page) -> Enrollment | None:
        """The enrollment that opens ``page``: the latest cohort's when there are several."""
        if not self.may_ever(user):
            return None
        return (
            self._enrollments(user)
            .filter(holding(page, "cohort__program__path"))
            .select_related("cohort__program")
            .order_by("-cohort__starts_on")
            .first()
        )

    def check(self, user, page) -> bool:
        if not self.may_ever(user):
            return False
        return self._enrollments(user).filter(holding(page, "cohort__program__path")).exists()

    def q(self, user) -> Q:
        if not self.may_ever(user):
            return NOTHING
        programs = self._enrollments(user).values("cohort__program")
        return under(ProgramPage.objects.filter(pk__in=programs).values_list("path", flat=True))


class TeachesProgram(Rule):
    """The user is a trainer or supervisor of a cohort of the page's program."""

    def _cohorts(self, user):
        return Cohort.objects.filter(Q(trainers=user) | Q(supervisors=user))

    def check(self, user, page) -> bool:
        if not self.may_ever(user):
            return False
        return self._cohorts(user).filter(holding(page, "program__path")).exists()

    def q(self, user) -> Q:
        if not self.may_ever(user):
            return NOTHING
        programs = self._cohorts(user).values("program")
        return under(ProgramPage.objects.filter(pk__in=programs).values_list("path", flat=True))


# The centre reads every lesson; the rest, the lessons of their own programs.
LESSON_STAFF = REGISTRAR | EDITOR
STUDYING = StudiesProgram()
TEACHING = TeachesProgram()

lesson_policy = RulePolicy(LessonPage, view=LESSON_STAFF | STUDYING | TEACHING)

# A trainee's own progress, and the cohort's progress matrix for its staff and the centre.
lesson_progress_policy = RulePolicy(
    LessonProgress,
    view=IsUser("enrollment__user") | REGISTRAR | cohort_staff("enrollment__cohort"),
    change=IsUser("enrollment__user"),
)
