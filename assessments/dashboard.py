"""The trainee's assignments on the dashboard: four queries for any number of cohorts."""

from assessments.deadlines import assignments_for, deadlines, pairs
from assessments.models import Submission
from assessments.models.assignments import WRITTEN_KINDS, AssignmentKind


def assignments_section(*, user, enrollments) -> dict:
    assignments = assignments_for(enrollments, kinds=[*WRITTEN_KINDS, AssignmentKind.QUIZ])
    if not assignments:
        return {"rows": []}
    submissions = {
        (s.assignment_id, s.enrollment_id): s
        for s in Submission.objects.filter(enrollment__in=enrollments, assignment__in=assignments)
    }
    due = deadlines(enrollments, assignments)
    rows = [
        {
            "assignment": assignment,
            "program": enrollment.cohort.program.title,
            "submission": submissions.get((assignment.pk, enrollment.pk)),
            "due": due[(assignment.pk, enrollment.pk)],
        }
        for enrollment, assignment in pairs(enrollments, assignments)
    ]
    rows.sort(key=lambda row: row["due"])
    return {"rows": rows}
