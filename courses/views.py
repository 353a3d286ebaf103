from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.forms_enrollment import ApplicationForm
from courses.models import Cohort, ProgramIndexPage
from courses.permissions import enrollment_policy
from courses.services import EnrollmentError, enrollment_apply, enrollment_withdraw


@login_required
def cohort_apply(request, cohort_id: int):
    cohort = get_object_or_404(
        Cohort.objects.select_related("program"), pk=cohort_id, program__live=True
    )
    initial = {"organisation": request.user.organisation, "position": request.user.position}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            enrollment_apply(cohort=cohort, user=request.user, **form.cleaned_data)
        except EnrollmentError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your application has been sent. The centre will review it.")
            )
            return redirect("learning_dashboard")
    return render(request, "courses/apply.html", {"cohort": cohort, "form": form})


@login_required
@require_POST
def withdraw(request, enrollment_id: int):
    enrollment = get_object_or_404(
        enrollment_policy.instances_user_has_permission_for(request.user, "withdraw"),
        pk=enrollment_id,
    )
    try:
        enrollment_withdraw(enrollment=enrollment, by=request.user)
    except EnrollmentError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have withdrawn from the cohort. The record is kept."))
    return redirect("learning_dashboard")


def catalogue(request):
    """A stable address for the program catalogue, wherever editors put its page."""
    index = ProgramIndexPage.objects.live().first()
    if index is None:
        raise Http404
    return redirect(index.url)
