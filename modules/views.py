from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import Cohort
from courses.permissions import cohort_policy
from lms.permissions import REGISTRAR, SUPERVISOR, allowed
from modules.access import lesson_access
from modules.models import LessonPage
from modules.progress import progress_for
from modules.selectors import dashboard_context, progress_matrix_context
from modules.services import lesson_mark_complete


@login_required
def dashboard(request):
    return render(request, "modules/dashboard.html", dashboard_context(user=request.user))


@login_required
@require_POST
def mark_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    access = lesson_access(user=request.user, lesson=lesson)
    if not access.allowed:
        raise PermissionDenied
    if access.enrollment is None:
        messages.info(request, _("Only enrolled trainees record progress."))
        return redirect(lesson.url)
    module = progress_for([access.enrollment])[access.enrollment.pk].module_of(lesson)
    if module is not None and module.locked:
        raise PermissionDenied
    complete = request.POST.get("complete", "1") == "1"
    lesson_mark_complete(enrollment=access.enrollment, lesson=lesson, complete=complete)
    if complete:
        messages.success(request, _("Lesson marked as completed."))
    next_url = request.POST.get("next")
    # Only our own paths: "/\\evil.example" passes a startswith("/") check but leaves the site.
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # A path, never a bare word: redirect() would look "NaN" up as a view name (a 500).
    return redirect(next_url if next_url and next_url.startswith("/") and safe else lesson.url)


@login_required
def cohort_progress(request, cohort_id: int):
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    if not cohort_policy.user_has_permission_for_instance(request.user, "view_progress", cohort):
        raise PermissionDenied
    context = progress_matrix_context(cohort=cohort)
    context["may_teach"] = cohort_policy.user_has_permission_for_instance(
        request.user, "teach", cohort
    )
    context["class_sessions"] = cohort.sessions.all() if context["may_teach"] else []
    context["may_issue"] = cohort_policy.user_has_permission_for_instance(
        request.user, "change", cohort
    )
    # Who may plan supervision sessions (supervision's session_policy "add").
    context["may_plan"] = allowed(request.user, SUPERVISOR | REGISTRAR)
    return render(request, "modules/cohort_progress.html", context)


@login_required
def my_cohorts(request):
    cohorts = (
        cohort_policy.instances_user_has_permission_for(request.user, "view_progress")
        .select_related("program")
        .order_by("-starts_on")
    )
    return render(request, "modules/my_cohorts.html", {"cohorts": cohorts})


def site_search(request):
    from modules.search import search

    return render(
        request, "modules/search.html", search(query=request.GET.get("q", ""), user=request.user)
    )
