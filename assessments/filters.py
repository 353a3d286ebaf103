import django_filters
from django.utils.translation import gettext_lazy as _

from assessments.models import Assignment, Submission, SubmissionStatus
from courses.models import Cohort

QUEUE_STATUSES = [
    (SubmissionStatus.SUBMITTED, _("To grade")),
    (SubmissionStatus.GRADED, _("Graded")),
    (SubmissionStatus.RETURNED, _("Returned for revision")),
]


class GradingQueueFilter(django_filters.FilterSet):
    """Filters limited to what the trainer teaches (set in __init__)."""

    cohort = django_filters.ModelChoiceFilter(
        field_name="enrollment__cohort", queryset=Cohort.objects.none(), label=_("Cohort")
    )
    assignment = django_filters.ModelChoiceFilter(
        queryset=Assignment.objects.none(), label=_("Assignment")
    )
    status = django_filters.ChoiceFilter(
        choices=QUEUE_STATUSES, label=_("Status"), empty_label=_("All")
    )

    class Meta:
        model = Submission
        fields = ["cohort", "assignment", "status"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cohorts = Cohort.objects.filter(trainers=user).select_related("program")
        self.filters["cohort"].queryset = cohorts
        self.filters["assignment"].queryset = Assignment.objects.filter(
            submissions__enrollment__cohort__in=cohorts
        ).distinct()
