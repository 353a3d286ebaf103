"""Background work for certificates (Django's tasks API; the database worker in production)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task


def verify_url(certificate) -> str:
    from django.conf import settings
    from django.urls import reverse

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}{reverse('certificate_verify', args=[certificate.code])}"


def check_url() -> str:
    """The public check's page, printed on the document for typing the number or code."""
    from django.conf import settings
    from django.urls import reverse

    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{reverse('certificate_verify_form')}"


def render(certificate) -> None:
    """Write the certificate's PDF file (kept privately, served through a checked view)."""
    from courses.certificates.pdf import render_pdf
    from lms.home.models import CentreSettings

    centre = CentreSettings.load()
    data = render_pdf(
        certificate,
        centre_name=centre.name or "",
        verify_url=verify_url(certificate),
        check_url=check_url(),
    )
    if certificate.pdf:
        certificate.pdf.delete(save=False)
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(data), save=False)
    type(certificate).objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)


def stamped_pdf(certificate) -> bytes:
    """An annulled document for the archive, marked across the page. In Russian whatever the
    interface language, like the document itself."""
    from courses.certificates.pdf import render_pdf
    from courses.models import Certificate, CertificateStatus
    from lms.home.models import CentreSettings

    when = f"{certificate.revoked_at:%d.%m.%Y}" if certificate.revoked_at else ""
    successor = Certificate.objects.filter(replaces=certificate).only("number").first()
    if certificate.status == CertificateStatus.REPLACED and successor is not None:
        reason = f"заменён документом № {successor.number} {when}"
    else:
        reason = f"аннулирован {when}"
    return render_pdf(
        certificate,
        centre_name=CentreSettings.load().name or "",
        verify_url=verify_url(certificate),
        check_url=check_url(),
        stamp=("АННУЛИРОВАН", reason.strip(), "Недействителен. Копия для архива."),
    )


@task()
def render_certificate(certificate_id: int) -> None:
    from courses.models import Certificate

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is not None:
        render(certificate)


@task()
def issue_for_cohort(batch_id: int) -> None:
    """Issue to every eligible trainee of the batch's cohort, counting progress as it goes."""
    from courses.certificates.services import CertificateError, certificate_issue
    from courses.models import CertificateBatch

    batch = CertificateBatch.objects.select_related("cohort", "requested_by").get(pk=batch_id)
    for enrollment_id in batch.enrollment_ids:
        try:
            with transaction.atomic():
                certificate = certificate_issue(
                    enrollment=batch.cohort.enrollments.get(pk=enrollment_id),
                    by=batch.requested_by,
                    render_later=False,
                )
            if not certificate.pdf:
                render(certificate)
            batch.done += 1
        except CertificateError as error:
            batch.failed += 1
            batch.errors.append(" ".join(error.messages))
        batch.save(update_fields=["done", "failed", "errors"])
    batch.finished = True
    batch.save(update_fields=["finished"])
