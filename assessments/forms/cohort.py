"""The forms of a cohort's pages: an extension, the cohort's own deadline, the gradebook's
module."""

from django import forms
from django.utils.translation import gettext_lazy

from assessments.forms.base import IdChoiceField, StorableDateTimeField, messages_for
from assessments.models import Assignment, Extension
from courses.models import Enrollment
from modules.models import ModulePage

CHOOSE_EXTENSION = messages_for(
    gettext_lazy("Choose the trainee, the assignment and the new deadline.")
)
CHOOSE_DEADLINE = messages_for(gettext_lazy("Choose the assignment and the cohort's deadline."))


class ExtensionForm(forms.Form):
    enrollment = IdChoiceField(queryset=Enrollment.objects.none(), error_messages=CHOOSE_EXTENSION)
    assignment = IdChoiceField(queryset=Assignment.objects.none(), error_messages=CHOOSE_EXTENSION)
    due_at = StorableDateTimeField(error_messages=CHOOSE_EXTENSION)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=Extension._meta.get_field("reason").max_length,
    )

    def __init__(self, data=None, *, enrollments, assignments):
        super().__init__(data)
        self.fields["enrollment"].queryset = enrollments
        self.fields["assignment"].queryset = assignments


class CohortDeadlineForm(forms.Form):
    assignment = IdChoiceField(queryset=Assignment.objects.none(), error_messages=CHOOSE_DEADLINE)
    due_at = StorableDateTimeField(error_messages=CHOOSE_DEADLINE)

    def __init__(self, data=None, *, assignments):
        super().__init__(data)
        self.fields["assignment"].queryset = assignments


class GradebookFilterForm(forms.Form):
    """The module to show; anything else (a stale or forged id) shows the whole program."""

    module = IdChoiceField(queryset=ModulePage.objects.none(), required=False)

    def __init__(self, data=None, *, modules):
        super().__init__(data)
        self.fields["module"].queryset = modules

    @property
    def chosen_module(self):
        return self.cleaned_data["module"] if self.is_valid() else None
