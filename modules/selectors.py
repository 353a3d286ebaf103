from django.utils import timezone

from courses.models import Certificate, ClassSession, Enrollment, EnrollmentStatus
from modules.progress import progress_for


def lesson_page_context(*, lesson, request) -> dict:
    access = getattr(request, "lesson_access", None)
    enrollment = access.enrollment if access else None
    context = {"enrollment": enrollment, "completed": False, "next_lesson": None}
    if enrollment is None:
        return context
    progress = getattr(request, "lesson_progress", None)
    if progress is None:
        progress = progress_for([enrollment])[enrollment.pk]
    module = progress.module_of(lesson)
    context["completed"] = module is not None and lesson.pk in module.done_ids
    lessons = [item for m in progress.modules if not m.locked for item in m.lessons]
    ids = [item.pk for item in lessons]
    if lesson.pk in ids and ids.index(lesson.pk) + 1 < len(ids):
        context["next_lesson"] = lessons[ids.index(lesson.pk) + 1]
    context["module_progress"] = module
    return context


def dashboard_context(*, user) -> dict:
    """A trainee's cohorts, applications, progress and next class: a fixed number of queries."""
    # Withdrawn enrollments stay listed: the person sees the withdrawal and can apply again.
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .select_related("cohort__program")
        .order_by("-cohort__starts_on")
    )
    approved = [e for e in enrollments if e.status == EnrollmentStatus.APPROVED]
    progress = progress_for(approved)
    for enrollment in approved:
        enrollment.progress = progress[enrollment.pk]
    next_session = (
        ClassSession.objects.filter(
            cohort__in=[e.cohort_id for e in approved], date__gte=timezone.localdate()
        )
        .select_related("cohort")
        .order_by("date", "starts_at")
        .first()
        if approved
        else None
    )
    from modules.dashboard import sections_for

    certificates = (
        Certificate.objects.filter(enrollment__user=user).order_by("-issued_at")
        if enrollments
        else []
    )
    from courses.certificates import badges

    return {
        "certificates": certificates,
        "badges_available": bool(certificates) and badges.available(),
        "sections": sections_for(user=user, enrollments=approved),
        "approved": approved,
        "applications": [e for e in enrollments if e.status != EnrollmentStatus.APPROVED],
        "next_session": next_session,
    }


def progress_matrix_context(*, cohort) -> dict:
    """Trainees × modules for one cohort: a fixed number of queries for any cohort size."""
    enrollments = list(
        Enrollment.objects.approved()
        .filter(cohort=cohort)
        .select_related("user", "cohort__program")
        .order_by("user__last_name", "user__first_name")
    )
    progress = progress_for(enrollments)
    rows = [(e, progress[e.pk]) for e in enrollments]
    modules = rows[0][1].modules if rows else []
    return {"cohort": cohort, "rows": rows, "modules": [m.module for m in modules]}
