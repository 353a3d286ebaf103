"""A bulk issuance's page: progress, what it is doing and why it stopped, and starting it again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from courses.certificates.batches import batch_retry, batch_state
from courses.certificates.services import CertificateError
from courses.models import CertificateBatch
from courses.permissions import cohort_policy


def _batch(request, batch_id: int) -> CertificateBatch:
    batch = get_object_or_404(CertificateBatch.objects.select_related("cohort"), pk=batch_id)
    cohort_policy.require(request.user, "change", batch.cohort)
    return batch


@login_required
@require_safe
def batch_page(request, batch_id: int):
    batch = _batch(request, batch_id)
    return render(
        request,
        "courses/certificates/batch.html",
        {"batch": batch, "state": batch_state(batch)},
    )


@login_required
@require_safe
def batch_status(request, batch_id: int):
    batch = _batch(request, batch_id)
    state = batch_state(batch)
    return JsonResponse(
        {
            "total": batch.total,
            "done": batch.done,
            "failed": batch.failed,
            "skipped": batch.skipped,
            "percent": batch.percent,
            "finished": batch.finished,
            "state": state.code,
            "message": state.message,
            "can_retry": state.can_retry,
            "errors": batch.errors[-20:],
        }
    )


@login_required
@require_POST
def batch_retry_view(request, batch_id: int):
    batch = _batch(request, batch_id)
    try:
        batch_retry(batch=batch, by=request.user)
    except CertificateError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The issuance has been started again."))
    return redirect("certificate_batch", batch_id=batch.pk)
