"""A cohort's gradebook: trainees × assignments, in three queries for any cohort size."""

from dataclasses import dataclass, field
from decimal import Decimal

from assessments.models import Assignment, Submission, SubmissionStatus
from courses.models import Enrollment


@dataclass
class Cell:
    status: str = ""
    status_label: str = ""
    score: Decimal | None = None
    passed: bool | None = None
    late: bool = False


@dataclass
class Row:
    enrollment: Enrollment
    cells: list[Cell] = field(default_factory=list)
    module_results: list[bool | None] = field(default_factory=list)

    @property
    def overall(self) -> bool:
        """Every module with assignments that count is passed."""
        decided = [result for result in self.module_results if result is not None]
        return bool(decided) and all(decided)


def gradebook(*, cohort, module=None) -> dict:
    program = cohort.program
    assignments = list(
        Assignment.objects.filter(module__path__startswith=program.path)
        .select_related("module")
        .order_by("module__path", "due_days", "pk")
    )
    if module is not None:
        assignments = [a for a in assignments if a.module_id == module.pk]
    enrollments = list(
        Enrollment.objects.approved()
        .filter(cohort=cohort)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__patronymic")
    )
    submissions = {
        (s.enrollment_id, s.assignment_id): s
        for s in Submission.objects.filter(
            enrollment__in=enrollments, assignment__in=assignments
        ).select_related("grade")
    }
    late = set(
        Submission.objects.filter(enrollment__in=enrollments, versions__late=True).values_list(
            "pk", flat=True
        )
    )
    modules = []
    for assignment in assignments:
        if not modules or modules[-1][0].pk != assignment.module_id:
            modules.append((assignment.module, []))
        modules[-1][1].append(assignment)
    rows = []
    for enrollment in enrollments:
        row = Row(enrollment)
        for assignment in assignments:
            submission = submissions.get((enrollment.pk, assignment.pk))
            cell = Cell()
            if submission is not None:
                cell.status = submission.status
                cell.status_label = SubmissionStatus(submission.status).label
                cell.late = submission.pk in late
                grade = getattr(submission, "grade", None)
                if grade is not None and grade.final:
                    cell.score = grade.score
                    cell.passed = grade.score >= assignment.passing_score
            row.cells.append(cell)
        for _module, module_assignments in modules:
            counted = [
                row.cells[assignments.index(a)]
                for a in module_assignments
                if a.counts_toward_completion
            ]
            row.module_results.append(all(c.passed for c in counted) if counted else None)
        rows.append(row)
    return {"cohort": cohort, "assignments": assignments, "modules": modules, "rows": rows}
