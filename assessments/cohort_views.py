"""A cohort's pages for its trainers: the gradebook (and its XLSX), extensions and deadlines,
releasing every final grade at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.grading_views import posted_datetime, posted_id, posted_text
from assessments.models import Assignment, AssignmentKind
from assessments.services import SubmissionError
from courses.models import Cohort
from courses.permissions import cohort_policy


def _gradebook_cohort(request, cohort_id):
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    if not cohort_policy.user_has_permission_for_instance(request.user, "view_progress", cohort):
        raise PermissionDenied
    return cohort


@login_required
def gradebook_page(request, cohort_id: int):
    from assessments.gradebook import gradebook
    from modules.models import ModulePage

    cohort = _gradebook_cohort(request, cohort_id)
    modules = ModulePage.objects.child_of(cohort.program).order_by("path")
    module = modules.filter(pk=posted_id(request.GET, "module")).first()
    context = gradebook(cohort=cohort, module=module)
    # Asked only when there are role-plays, so other gradebooks cost no extra query.
    context["roleplays_link"] = any(
        a.kind == AssignmentKind.ROLE_PLAY for a in context["assignments"]
    ) and cohort_policy.user_has_permission_for_instance(request.user, "teach", cohort)
    return render(
        request, "assessments/gradebook.html", {**context, "all_modules": modules, "module": module}
    )


@login_required
def gradebook_export(request, cohort_id: int):
    from django.http import HttpResponse
    from django.utils.text import slugify

    from assessments.export import gradebook_xlsx
    from assessments.gradebook import gradebook

    cohort = _gradebook_cohort(request, cohort_id)
    response = HttpResponse(
        gradebook_xlsx(gradebook(cohort=cohort)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = (
        slugify(f"gradebook-{cohort.pk}-{cohort.name}", allow_unicode=False)
        or f"gradebook-{cohort.pk}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def extensions(request, cohort_id: int):
    from assessments.grading import extension_grant
    from assessments.models import Extension
    from courses.models import Enrollment

    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    cohort_policy.require(request.user, "teach", cohort)
    enrollments = (
        Enrollment.objects.approved()
        .filter(cohort=cohort)
        .select_related("user")
        .order_by("user__last_name")
    )
    assignments = Assignment.objects.filter(module__path__startswith=cohort.program.path).order_by(
        "module__path"
    )
    if request.method == "POST" and "cohort_deadline" in request.POST:
        return _cohort_deadline(request, cohort, assignments)
    if request.method == "POST":
        enrollment = enrollments.filter(pk=posted_id(request.POST, "enrollment")).first()
        assignment = assignments.filter(pk=posted_id(request.POST, "assignment")).first()
        due = posted_datetime(request.POST, "due_at")
        if enrollment is None or assignment is None or due is None:
            messages.error(request, _("Choose the trainee, the assignment and the new deadline."))
        else:
            try:
                extension_grant(
                    assignment=assignment,
                    enrollment=enrollment,
                    due_at=due,
                    reason=posted_text(request.POST, "reason"),
                    by=request.user,
                )
            except SubmissionError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Deadline extended."))
                return redirect("extensions", cohort.pk)
    from assessments.models import CohortDeadline

    granted = Extension.objects.filter(enrollment__cohort=cohort).select_related(
        "assignment", "enrollment__user"
    )
    return render(
        request,
        "assessments/extensions.html",
        {
            "cohort": cohort,
            "enrollments": enrollments,
            "assignments": assignments,
            "granted": granted,
            "overrides": CohortDeadline.objects.filter(cohort=cohort).select_related("assignment"),
        },
    )


@login_required
@require_POST
def release_all(request, cohort_id: int):
    from assessments.grading import grades_release_all

    cohort = get_object_or_404(Cohort, pk=cohort_id)
    count = grades_release_all(cohort=cohort, by=request.user)
    messages.success(request, _("Grades released: %(count)s.") % {"count": count})
    return redirect("grading_queue")


def _cohort_deadline(request, cohort, assignments):
    from assessments.grading import cohort_deadline_set

    assignment = assignments.filter(pk=posted_id(request.POST, "assignment")).first()
    due = posted_datetime(request.POST, "due_at")
    if assignment is None or due is None:
        messages.error(request, _("Choose the assignment and the cohort's deadline."))
    else:
        try:
            cohort_deadline_set(
                assignment=assignment,
                cohort=cohort,
                due_at=due,
                by=request.user,
            )
        except SubmissionError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The cohort's deadline is set."))
    return redirect("extensions", cohort.pk)
