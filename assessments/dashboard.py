"""The trainee's assignments on the dashboard: a fixed number of queries for any number of
cohorts (four, and a fifth when the programs have role-plays)."""

from django.utils.translation import gettext_lazy as _

from assessments.models import Submission, SubmissionStatus
from assessments.models.assignments import AssignmentKind
from assessments.selectors import assignments_for, deadlines, pairs, trainee_sessions

LIVE_KINDS = (AssignmentKind.ROLE_PLAY, AssignmentKind.SKILLS)
# Work graded live is "handed in" when the trainer saw it: say what that means for it.
LIVE_LABELS = {SubmissionStatus.SUBMITTED: _("Held, awaiting a grade")}


def task_state(assignment, submission, next_session) -> dict:
    """What the trainee's task list says of one assignment."""
    if submission is not None and submission.status != SubmissionStatus.DRAFT:
        label = submission.get_status_display()
        if assignment.kind in LIVE_KINDS:
            label = LIVE_LABELS.get(submission.status, label)
        return {"label": label}
    if assignment.kind == AssignmentKind.ROLE_PLAY:
        if next_session is not None:
            return {"label": _("Planned"), "session": next_session}
        return {"label": _("No session yet")}
    if assignment.kind == AssignmentKind.SKILLS:
        return {"label": _("Graded live at a class")}
    if submission is not None:
        return {"label": submission.get_status_display()}
    return {"label": _("Not started")}


def assignments_section(*, user, enrollments) -> dict:
    assignments = assignments_for(
        enrollments,
        kinds=[
            AssignmentKind.CASE_ANALYSIS,
            AssignmentKind.REFLECTION,
            AssignmentKind.QUIZ,
            *LIVE_KINDS,
        ],
    )
    if not assignments:
        return {"rows": [], "sessions": []}
    submissions = {
        (s.assignment_id, s.enrollment_id): s
        for s in Submission.objects.filter(enrollment__in=enrollments, assignment__in=assignments)
    }
    sessions = trainee_sessions(
        enrollments=enrollments, assignments=assignments, upcoming_only=True
    )
    next_sessions = {}
    for item in sessions:  # in order of time: the first one is the next
        next_sessions.setdefault((item["assignment"].pk, item["enrollment_id"]), item)
    due = deadlines(enrollments, assignments)
    rows = []
    for enrollment, assignment in pairs(enrollments, assignments):
        key = (assignment.pk, enrollment.pk)
        submission = submissions.get(key)
        rows.append(
            {
                "assignment": assignment,
                "program": enrollment.cohort.program.title,
                "submission": submission,
                "due": due[key],
                "state": task_state(assignment, submission, next_sessions.get(key)),
            }
        )
    rows.sort(key=lambda row: row["due"])
    return {"rows": rows, "sessions": sessions}
