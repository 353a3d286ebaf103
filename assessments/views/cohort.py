"""A cohort's pages for its trainers: the gradebook (and its XLSX), extensions and deadlines,
releasing every final grade at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.export import gradebook_xlsx
from assessments.forms import CohortDeadlineForm, ExtensionForm, GradebookFilterForm, error_text
from assessments.models import AssignmentKind
from assessments.selectors import (
    cohort_deadlines,
    cohort_extensions,
    cohort_trainees,
    gradebook,
    program_assignments,
    program_modules,
)
from assessments.services import (
    SubmissionError,
    cohort_deadline_set,
    extension_grant,
    grades_release_all,
)
from courses.models import Cohort
from courses.permissions import cohort_or_404, cohort_policy


def _cohort(request, cohort_id: int, action: str) -> Cohort:
    return cohort_or_404(request.user, cohort_id, action)


@login_required
def gradebook_page(request, cohort_id: int):
    cohort = _cohort(request, cohort_id, "view_progress")
    modules = program_modules(cohort.program)
    module = GradebookFilterForm(request.GET, modules=modules).chosen_module
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
    cohort = _cohort(request, cohort_id, "view_progress")
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
    cohort = _cohort(request, cohort_id, "teach")
    enrollments = cohort_trainees(cohort)
    assignments = program_assignments(cohort.program)
    if request.method == "POST" and "cohort_deadline" in request.POST:
        return _cohort_deadline(request, cohort, assignments)
    if request.method == "POST":
        form = ExtensionForm(request.POST, enrollments=enrollments, assignments=assignments)
        if not form.is_valid():
            messages.error(request, error_text(form))
        else:
            try:
                extension_grant(by=request.user, **form.cleaned_data)
            except SubmissionError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Deadline extended."))
                return redirect("extensions", cohort.pk)
    return render(
        request,
        "assessments/extensions.html",
        {
            "cohort": cohort,
            "enrollments": enrollments,
            "assignments": assignments,
            "granted": cohort_extensions(cohort),
            "overrides": cohort_deadlines(cohort),
        },
    )


def _cohort_deadline(request, cohort, assignments):
    form = CohortDeadlineForm(request.POST, assignments=assignments)
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        try:
            cohort_deadline_set(cohort=cohort, by=request.user, **form.cleaned_data)
        except SubmissionError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The cohort's deadline is set."))
    return redirect("extensions", cohort.pk)


@login_required
@require_POST
def release_all(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    count = grades_release_all(cohort=cohort, by=request.user)
    messages.success(request, _("Grades released: %(count)s.") % {"count": count})
    return redirect("grading_queue")
