"""The registrar's enrollment desk inside Wagtail's admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.forms import ConsentForm, DecisionForm, StaffListForm
from courses.importing import read_staff_list
from courses.models import Cohort, Enrollment, EnrollmentStatus
from courses.permissions import cohort_policy
from courses.services import (
    EnrollmentError,
    consent_record,
    enrollment_approve,
    enrollment_decline,
    enrollment_waitlist,
    enrollments_import,
)


def _cohort_for(user, cohort_id: int, action: str = "change") -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    if not cohort_policy.user_has_permission_for_instance(user, action, cohort):
        raise PermissionDenied
    return cohort


def overview(request):
    if not cohort_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    cohorts = (
        cohort_policy.instances_user_has_permission_for(request.user, "change")
        .select_related("program")
        .annotate(
            pending=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.APPLIED)),
            waitlisted=Count(
                "enrollments", filter=Q(enrollments__status=EnrollmentStatus.WAITLISTED)
            ),
            enrolled=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.APPROVED)),
        )
    )
    return TemplateResponse(request, "courses/admin/overview.html", {"cohorts": cohorts})


def cohort_enrollments(request, cohort_id: int):
    cohort = _cohort_for(request.user, cohort_id)
    enrollments = (
        Enrollment.objects.filter(cohort=cohort)
        .select_related("user", "guardian_consent", "cohort__program")
        .order_by("status", "applied_at")
    )
    return TemplateResponse(
        request,
        "courses/admin/cohort_enrollments.html",
        {"cohort": cohort, "enrollments": enrollments, "decision_form": DecisionForm()},
    )


@require_POST
def decide(request, enrollment_id: int):
    enrollment = get_object_or_404(Enrollment.objects.select_related("cohort"), pk=enrollment_id)
    _cohort_for(request.user, enrollment.cohort_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the application."))
        return redirect("courses_admin:cohort", enrollment.cohort_id)
    action = form.cleaned_data["action"]
    try:
        if action == "approve":
            enrollment_approve(enrollment=enrollment, by=request.user)
        elif action == "waitlist":
            enrollment_waitlist(enrollment=enrollment, by=request.user)
        else:
            enrollment_decline(
                enrollment=enrollment, by=request.user, reason=form.cleaned_data["reason"]
            )
    except EnrollmentError as error:
        messages.error(request, f"{enrollment.user}: {' '.join(error.messages)}")
    else:
        messages.success(request, _("%(person)s: decision saved.") % {"person": enrollment.user})
    return redirect("courses_admin:cohort", enrollment.cohort_id)


def consent(request, enrollment_id: int):
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("cohort", "user"), pk=enrollment_id
    )
    _cohort_for(request.user, enrollment.cohort_id)
    form = ConsentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_record(enrollment=enrollment, by=request.user, **form.cleaned_data)
        except EnrollmentError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The guardian's consent is recorded."))
            return redirect("courses_admin:cohort", enrollment.cohort_id)
    return TemplateResponse(
        request, "courses/admin/consent.html", {"enrollment": enrollment, "form": form}
    )


def bulk_import(request, cohort_id: int):
    cohort = _cohort_for(request.user, cohort_id)
    form = StaffListForm(request.POST or None, request.FILES or None)
    staff_list = None
    if request.method == "POST" and form.is_valid():
        staff_list = read_staff_list(form.cleaned_data["file"])
        if staff_list.ok:
            try:
                enrolled = enrollments_import(cohort=cohort, staff_list=staff_list, by=request.user)
            except EnrollmentError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Enrolled from the file: %(count)s.") % {"count": len(enrolled)}
                )
                return redirect("courses_admin:cohort", cohort.pk)
    return TemplateResponse(
        request,
        "courses/admin/import.html",
        {"cohort": cohort, "form": form, "staff_list": staff_list},
    )
