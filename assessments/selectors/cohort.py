"""A cohort's pages for its trainers: its trainees and assignments, its deadlines, and the
gradebook (trainees × assignments, in three queries for any cohort size)."""

from dataclasses import dataclass, field
from decimal import Decimal

from assessments.models import (
    Assignment,
    AssignmentKind,
    CohortDeadline,
    Extension,
    Submission,
    SubmissionStatus,
)
from courses.models import Enrollment
from courses.tree import under
from modules.models import ModulePage


def program_modules(program):
    """The modules of the program, in their order (a queryset: the gradebook's choice)."""
    return ModulePage.objects.filter(under([program.path])).order_by("path")


def program_assignments(program):
    """Every assignment of the program, module by module (a queryset)."""
    return Assignment.objects.filter(under([program.path], "module__path")).order_by("module__path")


def cohort_trainees(cohort):
    """The cohort's approved enrollments with their people, by surname (a queryset)."""
    return (
        Enrollment.objects.approved()
        .filter(cohort=cohort)
        .select_related("user")
        .order_by("user__last_name")
    )


def cohort_extensions(cohort):
    return Extension.objects.filter(enrollment__cohort=cohort).select_related(
        "assignment", "enrollment__user"
    )


def cohort_deadlines(cohort):
    return CohortDeadline.objects.filter(cohort=cohort).select_related("assignment")


@dataclass
class Cell:
    status: str = ""
    status_label: str = ""
    score: Decimal | None = None
    passed: bool | None = None
    late: bool = False
    live: bool = False  # a skills demonstration, graded live by the trainer
    assignment_id: int | None = None


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
    assignments = list(
        Assignment.objects.filter(under([cohort.program.path], "module__path"))
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
    # Plain tuples: a 300 × 30 gradebook would otherwise build 18,000 model instances.
    found = {
        (enrollment_id, assignment_id): (pk, status, final, score)
        for enrollment_id, assignment_id, pk, status, final, score in Submission.objects.filter(
            enrollment__in=enrollments, assignment__in=assignments
        ).values_list(
            "enrollment_id", "assignment_id", "pk", "status", "grade__final", "grade__score"
        )
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
    labels = dict(SubmissionStatus.choices)
    positions = {assignment.pk: i for i, assignment in enumerate(assignments)}
    rows = []
    for enrollment in enrollments:
        row = Row(enrollment)
        for assignment in assignments:
            cell = Cell(live=assignment.kind == AssignmentKind.SKILLS, assignment_id=assignment.pk)
            submission = found.get((enrollment.pk, assignment.pk))
            if submission is not None:
                pk, status, final, score = submission
                cell.status, cell.status_label, cell.late = status, labels[status], pk in late
                if final:
                    cell.score = score
                    cell.passed = score >= assignment.passing_score
            row.cells.append(cell)
        for _module, module_assignments in modules:
            counted = [
                row.cells[positions[a.pk]] for a in module_assignments if a.counts_toward_completion
            ]
            row.module_results.append(all(c.passed for c in counted) if counted else None)
        rows.append(row)
    return {"cohort": cohort, "assignments": assignments, "modules": modules, "rows": rows}
