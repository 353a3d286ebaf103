from django.db.models import Count, Q

from courses.models import Cohort, Enrollment, EnrollmentStatus


def program_page_context(*, program, user) -> dict:
    """Modules and open cohorts for a program page, in a fixed number of queries."""
    cohorts = list(
        Cohort.objects.open_for_applications()
        .filter(program=program)
        .annotate(
            enrolled=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.APPROVED))
        )
        .order_by("starts_on")
    )
    mine = {}
    if user.is_authenticated and cohorts:
        mine = dict(
            Enrollment.objects.filter(user=user, cohort__in=cohorts).values_list(
                "cohort_id", "status"
            )
        )
    for cohort in cohorts:
        cohort.free_places = max(cohort.capacity - cohort.enrolled, 0)
        cohort.my_status = mine.get(cohort.pk)
        cohort.my_status_label = (
            EnrollmentStatus(cohort.my_status).label if cohort.my_status else ""
        )
    return {
        "modules": program.get_children().live().specific().order_by("path"),
        "cohorts": cohorts,
    }
