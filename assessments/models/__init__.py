from assessments.models.assignments import (
    Assignment,
    AssignmentKind,
    CohortDeadline,
    Extension,
)
from assessments.models.grades import Grade
from assessments.models.quizzes import QuizAttempt
from assessments.models.roleplays import RolePlayParticipant, RolePlaySession
from assessments.models.rubrics import Rubric
from assessments.models.submissions import (
    Attachment,
    DeadlineReminder,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)

__all__ = [
    "Assignment",
    "AssignmentKind",
    "Attachment",
    "CohortDeadline",
    "DeadlineReminder",
    "Extension",
    "Grade",
    "QuizAttempt",
    "RolePlayParticipant",
    "RolePlaySession",
    "Rubric",
    "Submission",
    "SubmissionStatus",
    "SubmissionVersion",
]
