"""The registrar's certificate desk, the holder's download and public verification."""

import io
import re
import zipfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from courses.certificates.eligibility import cohort_eligibility
from courses.certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from courses.certificates.tasks import issue_for_cohort, stamped_pdf
from courses.certificates.tasks import render as write_pdf
from courses.models import Certificate, CertificateBatch, CertificateStatus, Cohort, Enrollment
from courses.permissions import cohort_policy
from lms.files import private_file_response


def _registrar_cohort(request, cohort_id: int) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    cohort_policy.require(request.user, "change", cohort)
    return cohort


@login_required
def cohort_certificates(request, cohort_id: int):
    cohort = _registrar_cohort(request, cohort_id)
    if request.method == "POST":
        try:
            if "enrollment" in request.POST:
                try:
                    enrollment_id = int(request.POST.get("enrollment") or 0)
                except ValueError:  # "x", "1.5", 5,000 digits: not an id
                    raise Http404 from None
                enrollment = get_object_or_404(Enrollment, pk=enrollment_id, cohort=cohort)
                certificate = certificate_issue(enrollment=enrollment, by=request.user)
                messages.success(
                    request, _("Document %(number)s issued.") % {"number": certificate.number}
                )
            else:
                rows = cohort_eligibility(cohort)
                ids = [r.enrollment.pk for r in rows if r.eligible and r.certificate is None]
                if not ids:
                    raise CertificateError(_("Nobody in this cohort is waiting for a document."))
                batch = CertificateBatch.objects.create(
                    cohort=cohort, requested_by=request.user, enrollment_ids=ids
                )
                issue_for_cohort.enqueue(batch.pk)
                return redirect("certificate_batch", batch_id=batch.pk)
        except CertificateError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("cohort_certificates", cohort_id=cohort.pk)
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


def _batch(request, batch_id: int) -> CertificateBatch:
    batch = get_object_or_404(CertificateBatch.objects.select_related("cohort"), pk=batch_id)
    cohort_policy.require(request.user, "change", batch.cohort)
    return batch


@login_required
def batch_page(request, batch_id: int):
    return render(request, "courses/certificates/batch.html", {"batch": _batch(request, batch_id)})


@login_required
def batch_status(request, batch_id: int):
    batch = _batch(request, batch_id)
    return JsonResponse(
        {
            "total": batch.total,
            "done": batch.done,
            "failed": batch.failed,
            "percent": batch.percent,
            "finished": batch.finished,
            "errors": batch.errors[-20:],
        }
    )


def _keeps_documents(user) -> bool:
    return user.is_superuser or cohort_policy.user_has_permission(user, "change")


def _readable(request) -> "Q":
    if _keeps_documents(request.user):
        return Q()
    return Q(enrollment__user=request.user)


def _pdf_response(certificate: Certificate):
    if not certificate.pdf:
        write_pdf(certificate)
    return private_file_response(
        certificate.pdf, filename=f"{certificate.number}.pdf", content_type="application/pdf"
    )


@login_required
def certificate_pdf(request, certificate_id: int):
    certificate = get_object_or_404(
        Certificate.objects.filter(_readable(request)), pk=certificate_id
    )
    if certificate.valid:
        return _pdf_response(certificate)
    if _keeps_documents(request.user):
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
            if not certificate.pdf:
                write_pdf(certificate)
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(f"{certificate.number}.pdf", pdf.read())
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

    if not cohort_policy.user_has_permission(request.user, "change"):
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

    if not cohort_policy.user_has_permission(request.user, "change"):
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


# --- public verification: no sign-in, a single indexed lookup, rate-limited per address

# One budget per address for the form, the page and the JSON: separate groups (the
# decorator's default, one per view) would give whoever alternates three times as much.
VERIFY_GROUP = "certificates.verify"


def _verify_rate(group, request) -> str:
    return settings.LMS_VERIFY_RATE  # read per request, so tests and operators can change it


def _over_limit(request, *, count: bool = True) -> bool:
    return is_ratelimited(request, group=VERIFY_GROUP, key="ip", rate=_verify_rate, increment=count)


def _limited(request):
    return render(request, "courses/certificates/verify_limited.html", status=429)


def verify_form(request):
    # People paste the whole link from the QR code: keep only its last part ("/" has none).
    code = request.GET.get("code", "").strip().rstrip("/").rsplit("/", 1)[-1][:64]
    # A code only redirects to the check, which counts it: one check costs one request.
    if _over_limit(request, count=not code):
        return _limited(request)
    if code:
        return redirect("certificate_verify", code=code)
    return render(request, "courses/certificates/verify_form.html")


CODE = re.compile(r"[A-Za-z0-9_-]{8,64}")


def _lookup(code: str) -> Certificate:
    # Codes are URL-safe base64: anything else (NUL bytes, quotes, 200 characters) is not one.
    if not CODE.fullmatch(code):
        raise Http404
    certificate = (
        Certificate.objects.filter(code=code)
        .only(
            "number",
            "status",
            "holder_name",
            "program_title",
            "hours",
            "issued_on",
            "revoked_at",
            "kind",
            "code",
        )
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate


def verify(request, code: str):
    if _over_limit(request):
        return _limited(request)
    certificate = _lookup(code)
    response = render(
        request,
        "courses/certificates/verify.html",
        {
            "certificate": certificate,
            "json_url": reverse("certificate_verify_json", args=[certificate.code]),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def verify_json(request, code: str):
    if _over_limit(request):
        return JsonResponse({"error": "rate_limited"}, status=429)
    try:
        certificate = _lookup(code)
    except Http404:
        return JsonResponse({"error": "not_found"}, status=404)
    return JsonResponse(
        {
            "number": certificate.number,
            "kind": certificate.kind,
            "status": "valid" if certificate.valid else "revoked",
            "revoked_on": certificate.revoked_at.date().isoformat()
            if certificate.revoked_at
            else None,
            "holder": certificate.holder_name,
            "program": certificate.program_title,
            "hours": certificate.hours,
            "issued_on": certificate.issued_on.isoformat(),
        },
        json_dumps_params={"ensure_ascii": False},
    )
