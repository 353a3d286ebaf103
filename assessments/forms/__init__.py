"""Every input of the assessments pages goes through one of these forms.

The templates lay their fields out by hand (the POST names are the browser tests' too), so
the views show a form's errors as one message (``error_text``).
"""

from assessments.forms.base import error_text
from assessments.forms.cohort import CohortDeadlineForm, ExtensionForm, GradebookFilterForm
from assessments.forms.grading import (
    GradeForm,
    ModerationDoneForm,
    ModerationRequestForm,
    ReturnForm,
)
from assessments.forms.roleplays import CastForm, ObservationForm, RolePlaySessionForm
from assessments.forms.work import AnswerForm, AttachmentForm, QuizForm

__all__ = [
    "AnswerForm",
    "AttachmentForm",
    "CastForm",
    "CohortDeadlineForm",
    "ExtensionForm",
    "GradeForm",
    "GradebookFilterForm",
    "ModerationDoneForm",
    "ModerationRequestForm",
    "ObservationForm",
    "QuizForm",
    "ReturnForm",
    "RolePlaySessionForm",
    "error_text",
]
