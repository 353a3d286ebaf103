from assessments.models.assignments import (
    Assignment,
    AssignmentKind,
    CohortDeadline,
    Extension,
)
from assessments.models.grades import Grade
from assessments.models.rubrics import Rubric
from assessments.models.submissions import (
    DeadlineReminder,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)

__all__ = [
    "Assignment",
    "AssignmentKind",
    "CohortDeadline",
    "DeadlineReminder",
    "Extension",
    "Grade",
    "Rubric",
    "Submission",
    "SubmissionStatus",
    "SubmissionVersion",
]
