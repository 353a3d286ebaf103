"""Background work for certificates (Django's tasks API; the database worker in production)."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)


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


def _draw(certificate) -> bytes:
    from courses.certificates.pdf import render_pdf
    from lms.home.models import CentreSettings

    return render_pdf(
        certificate,
        centre_name=CentreSettings.load().name or "",
        verify_url=verify_url(certificate),
        check_url=check_url(),
    )


def pdf_missing(certificate) -> bool:
    """No PDF yet, or a row naming a file that is not there (a render cut short)."""
    return not certificate.pdf or not certificate.pdf.storage.exists(certificate.pdf.name)


def render(certificate) -> None:
    """Write the certificate's PDF file (kept privately, served through a checked view).

    The new file is written and recorded before the old one goes, and the old one only once
    the row names the new one: cut short anywhere, the row never names a missing file.
    """
    old = certificate.pdf.name if certificate.pdf else ""
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(_draw(certificate)), save=False)
    type(certificate).objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    if old and old != certificate.pdf.name:
        storage = certificate.pdf.storage
        transaction.on_commit(lambda: storage.delete(old))


def ensure_pdf(certificate) -> bytes | None:
    """Make sure a download has its PDF: written now if missing. None when the stored file
    can be sent; the document's bytes when the disk refuses them (sent from memory)."""
    from lms.outage import outage_component

    if not pdf_missing(certificate):
        return None
    try:
        render(certificate)
    except OSError as error:
        if outage_component(error) != "storage":
            raise
        logger.error("Certificate %s: PDF not stored (%s); sent from memory", certificate.pk, error)
        return _draw(certificate)
    return None


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
    """Issue to every eligible trainee of the batch's cohort (courses.certificates.batches:
    safe to run again, it resumes where a run that died stopped)."""
    from courses.certificates.batches import batch_run

    batch_run(batch_id)
