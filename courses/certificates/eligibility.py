"""Who in a cohort may receive the program's document, and exactly what is missing."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from courses.completion import RequirementResult, evaluate_many
from courses.models import (
    AttendanceStatus,
    Certificate,
    CertificateStatus,
    ClassAttendance,
    Enrollment,
    FinalDocument,
)


@dataclass
class Eligibility:
    enrollment: Enrollment
    results: list[RequirementResult] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def eligible(self) -> bool:
        return all(result.met for result in self.results)

    @property
    def missing(self) -> list[str]:
        return [
            f"{r.label}: {r.detail}" if r.detail else r.label for r in self.results if not r.met
        ]


def _participation(enrollments) -> dict[int, list[RequirementResult]]:
    """Seminars and conferences: a certificate of participation needs attendance only."""
    attended = set(
        ClassAttendance.objects.filter(
            user__in=[e.user_id for e in enrollments],
            session__cohort__in={e.cohort_id for e in enrollments},
            status__in=AttendanceStatus.attended(),
        ).values_list("user_id", "session__cohort_id")
    )
    label = _("Attended the seminar")
    return {
        e.pk: [
            RequirementResult(
                key="participation",
                label=label,
                met=(e.user_id, e.cohort_id) in attended,
                detail="" if (e.user_id, e.cohort_id) in attended else _("No attendance marked"),
            )
        ]
        for e in enrollments
    }


def eligibility_for(enrollments) -> list[Eligibility]:
    """Eligibility of approved enrollments (with ``cohort__program`` and ``user`` selected),
    in a fixed number of queries."""
    enrollments = list(enrollments)
    if not enrollments:
        return []
    participation = [
        e for e in enrollments if e.cohort.program.final_document == FinalDocument.PARTICIPATION
    ]
    others = [
        e for e in enrollments if e.cohort.program.final_document != FinalDocument.PARTICIPATION
    ]
    results = {**evaluate_many(others), **_participation(participation)}
    valid = {
        c.enrollment_id: c
        for c in Certificate.objects.filter(
            enrollment__in=[e.pk for e in enrollments], status=CertificateStatus.ISSUED
        )
    }
    return [
        Eligibility(enrollment=e, results=results[e.pk], certificate=valid.get(e.pk))
        for e in enrollments
    ]


def cohort_eligibility(cohort) -> list[Eligibility]:
    return eligibility_for(
        Enrollment.objects.approved()
        .filter(cohort=cohort)
        .select_related("user", "cohort__program")
        .order_by("user__last_name", "user__first_name")
    )
