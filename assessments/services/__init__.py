"""State changes of assessments, each with its permission check, rule and audit entry."""

from assessments.services.deadlines import (
    cohort_deadline_set,
    extension_grant,
    send_deadline_reminders,
)
from assessments.services.errors import (
    DraftConflict,
    GradeConflict,
    PersonalDataFound,
    SubmissionError,
)
from assessments.services.grading import (
    grade_release,
    grade_save,
    grade_summary,
    grades_release,
    grades_release_all,
    moderation_complete,
    moderation_request,
    skills_start,
    submission_return,
)
from assessments.services.quizzes import attempt_finish, attempt_start
from assessments.services.roleplays import (
    observation_save,
    roles_assign,
    session_create,
    session_hold,
)
from assessments.services.submissions import (
    attachment_add,
    draft_save,
    live_version_add,
    submission_get_or_create,
    submission_submit,
)

__all__ = [
    "DraftConflict",
    "GradeConflict",
    "PersonalDataFound",
    "SubmissionError",
    "attachment_add",
    "attempt_finish",
    "attempt_start",
    "cohort_deadline_set",
    "draft_save",
    "extension_grant",
    "grade_release",
    "grade_save",
    "grade_summary",
    "grades_release",
    "grades_release_all",
    "live_version_add",
    "moderation_complete",
    "moderation_request",
    "observation_save",
    "roles_assign",
    "send_deadline_reminders",
    "session_create",
    "session_hold",
    "skills_start",
    "submission_get_or_create",
    "submission_return",
    "submission_submit",
]
