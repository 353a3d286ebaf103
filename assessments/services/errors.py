from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class SubmissionError(ValidationError):
    """A rule of submitting or grading was broken; the message is for the person acting."""


class DraftConflict(SubmissionError):
    """The draft changed elsewhere (another tab or device) since this copy was loaded."""


class PersonalDataFound(SubmissionError):
    def __init__(self, findings):
        super().__init__(_("The text seems to contain personal data. Replace it with pseudonyms."))
        self.findings = findings


class GradeConflict(SubmissionError):
    """Someone else saved this grade after it was opened."""
