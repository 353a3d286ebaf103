"""The registrar's certificate desk and the holder's download (the public check: verify_views)."""

import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from courses.certificates.batches import batch_start
from courses.certificates.eligibility import cohort_eligibility
from courses.certificates.forms import IssueForm
from courses.certificates.selectors import numbers_preview
from courses.certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from courses.certificates.tasks import ensure_pdf, stamped_pdf
from courses.models import Certificate, CertificateStatus, Cohort, Enrollment
from courses.permissions import certificate_policy, cohort_or_404
from lms.files import private_file_response


def _registrar_cohort(request, cohort_id: int) -> Cohort:
    return cohort_or_404(request.user, cohort_id, "change")


@login_required
@require_safe
def cohort_certificates(request, cohort_id: int):
    cohort = _registrar_cohort(request, cohort_id)
    rows = cohort_eligibility(cohort)
    return render(
        request,
        "courses/certificates/cohort.html",
        {
            "cohort": cohort,
            "rows": rows,
            "waiting": sum(1 for r in rows if r.eligible and r.certificate is None),
        },
    )


def _selected(request, cohort, rows):
    """The rows the confirmation is about: one trainee (``?enrollment=``) or everyone waiting;
    a redirect back to the desk, with the reason, when there is nothing to issue."""
    waiting = [r for r in rows if r.eligible and r.certificate is None]
    if "enrollment" not in request.GET:
        if not waiting:
            messages.error(request, _("Nobody in this cohort is waiting for a document."))
            return redirect("cohort_certificates", cohort_id=cohort.pk)
        return waiting
    try:
        enrollment_id = int(request.GET["enrollment"])
    except ValueError:  # "x", "1.5", 5,000 digits: not an id
        raise Http404 from None
    row = next((r for r in rows if r.enrollment.pk == enrollment_id), None)
    if row is None:
        raise Http404
    if row.certificate is not None:
        messages.info(
            request,
            _("%(name)s already has document %(number)s.")
            % {"name": row.enrollment.user.get_full_name(), "number": row.certificate.number},
        )
    elif not row.eligible:
        messages.error(
            request,
            _("%(name)s has not completed the program: %(missing)s")
            % {"name": row.enrollment.user.get_full_name(), "missing": "; ".join(row.missing)},
        )
    else:
        return [row]
    return redirect("cohort_certificates", cohort_id=cohort.pk)


@login_required
def cohort_issue(request, cohort_id: int):
    """Issuing numbered documents, after a confirmation of how many and which numbers: a
    number once given is never given again, even when its document is revoked."""
    cohort = _registrar_cohort(request, cohort_id)
    rows = cohort_eligibility(cohort)
    waiting = [r.enrollment.pk for r in rows if r.eligible and r.certificate is None]
    if request.method == "POST":
        form = IssueForm(request.POST, waiting=waiting)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("enrollments", [])))
            return redirect("cohort_certificates", cohort_id=cohort.pk)
        chosen = set(form.cleaned_data["enrollments"])
        ids = [pk for pk in waiting if pk in chosen]  # in the desk's order
        return _issue(request, cohort, ids)
    selected = _selected(request, cohort, rows)
    if not isinstance(selected, list):
        return selected
    return render(
        request,
        "courses/certificates/issue_confirm.html",
        {
            "cohort": cohort,
            "rows": selected,
            "numbers": numbers_preview(kind=cohort.program.final_document, count=len(selected)),
            "form": IssueForm(
                initial={"enrollments": [r.enrollment.pk for r in selected]}, waiting=waiting
            ),
        },
    )


def _issue(request, cohort, ids: list[int]):
    if len(ids) > 1:
        batch = batch_start(cohort=cohort, by=request.user, enrollment_ids=ids)
        return redirect("certificate_batch", batch_id=batch.pk)
    enrollment = Enrollment.objects.get(pk=ids[0])
    try:
        certificate = certificate_issue(enrollment=enrollment, by=request.user)
    except CertificateError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Document %(number)s issued.") % {"number": certificate.number})
    return redirect("cohort_certificates", cohort_id=cohort.pk)


def readable_certificates(user, queryset=None):
    """The documents ``user`` may download: their own; the registrar's, all of them."""
    queryset = Certificate.objects.all() if queryset is None else queryset
    return certificate_policy.filter(user, "view", queryset)


def _pdf_response(certificate: Certificate):
    if (data := ensure_pdf(certificate)) is not None:  # the disk refused it: from memory
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, f"{certificate.number}.pdf"
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return private_file_response(
        certificate.pdf, filename=f"{certificate.number}.pdf", content_type="application/pdf"
    )


@login_required
def certificate_pdf(request, certificate_id: int):
    certificate = get_object_or_404(readable_certificates(request.user), pk=certificate_id)
    if certificate.valid:
        return _pdf_response(certificate)
    if certificate_policy.user_has_permission_for_instance(request.user, "change", certificate):
        # The archive copy: re-drawn from what was issued, marked across the page, and
        # never stored over the file as issued.
        response = HttpResponse(stamped_pdf(certificate), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, f"{certificate.number}-annulled.pdf"
        )
        response["Cache-Control"] = "private, no-store"
        return response
    # The holder gets no copy of an invalid document, not even a stamped one: a printout
    # travels without its stamp once cropped, and the valid successor is what they need.
    messages.error(request, _holder_refusal(certificate))
    return redirect("learning_dashboard")


def _holder_refusal(certificate: Certificate) -> str:
    successor = Certificate.objects.filter(replaces=certificate).only("number").first()
    if certificate.status == CertificateStatus.REPLACED and successor is not None:
        return _(
            "Document %(number)s has been replaced by document %(new)s and is no longer "
            "valid. Download the new document from your documents."
        ) % {"number": certificate.number, "new": successor.number}
    return _(
        "Document %(number)s was revoked on %(date)s and is no longer valid, so it cannot "
        "be downloaded. If you think this is a mistake, contact the centre."
    ) % {"number": certificate.number, "date": f"{certificate.revoked_at:%d.%m.%Y}"}


@login_required
@require_POST
def certificate_change(request, certificate_id: int):
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrollment"), pk=certificate_id
    )
    cohort = _registrar_cohort(request, certificate.enrollment.cohort_id)
    reason = request.POST.get("reason", "").replace("\x00", "")[:2000]  # no NUL in PostgreSQL
    try:
        if request.POST.get("action") == "revoke":
            certificate_revoke(certificate=certificate, by=request.user, reason=reason)
            messages.success(
                request, _("Document %(number)s revoked.") % {"number": certificate.number}
            )
        elif request.POST.get("action") == "reissue":
            new = certificate_reissue(certificate=certificate, by=request.user, reason=reason)
            messages.success(
                request,
                _("Document %(new)s issued in place of %(old)s.")
                % {"new": new.number, "old": certificate.number},
            )
        else:
            raise PermissionDenied
    except CertificateError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cohort_certificates", cohort_id=cohort.pk)


@login_required
def cohort_zip(request, cohort_id: int):
    cohort = _registrar_cohort(request, cohort_id)
    certificates = Certificate.objects.filter(
        enrollment__cohort=cohort, status=CertificateStatus.ISSUED
    ).order_by("number")
    if not certificates:
        messages.error(request, _("No documents have been issued in this cohort yet."))
        return redirect("cohort_certificates", cohort_id=cohort.pk)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            if (pdf := ensure_pdf(certificate)) is None:
                with certificate.pdf.open("rb") as stored:
                    pdf = stored.read()
            archive.writestr(f"{certificate.number}.pdf", pdf)
    data.seek(0)
    return FileResponse(
        data,
        as_attachment=True,
        filename=f"certificates-{cohort.pk}.zip",
        content_type="application/zip",
    )


@login_required
def register_page(request):
    from django.core.paginator import Paginator

    from courses.certificates.register import RegisterFilter, register_rows

    if not certificate_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    register = RegisterFilter(request.GET, queryset=Certificate.objects.all())
    rows = register_rows(register.qs) if register.is_valid() else Certificate.objects.none()
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "courses/certificates/register.html",
        {"filter": register, "page": page, "query": query.urlencode()},
        status=200 if register.is_valid() else 400,
    )


@login_required
def register_export(request):
    from django.http import HttpResponse

    from courses.certificates.register import RegisterFilter, frdo_xlsx

    if not certificate_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    register = RegisterFilter(request.GET, queryset=Certificate.objects.all())
    if not register.is_valid():
        return register_page(request)
    response = HttpResponse(
        frdo_xlsx(register.qs),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="frdo-dpo.xlsx"'
    return response
