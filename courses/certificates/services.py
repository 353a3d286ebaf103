"""Issuing, revoking and reissuing certificates: each with its rule, check and audit entry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.certificates.eligibility import eligibility_for
from courses.certificates.numbering import (
    REGISTRATION_SERIES,
    format_number,
    format_registration,
    number_take,
)
from courses.models import Certificate, CertificateStatus, Enrollment, EnrollmentStatus
from courses.models.certificates import SERIES
from courses.permissions import certificate_policy

MAX_NAME = 300


class CertificateError(ValidationError):
    """A rule of issuing was broken; the message is for the registrar."""


def holder_name_parts(user) -> tuple[str, str, str]:
    """Last name, first name, patronymic as the profile has them now (copied at issue)."""
    return tuple(p.strip() for p in (user.last_name, user.first_name, user.patronymic))


def holder_name(user) -> str:
    """The full Russian name as printed: last name, first name, patronymic."""
    name = " ".join(p for p in holder_name_parts(user) if p)
    if not name:
        raise CertificateError(_("The trainee's profile has no name to print."))
    if len(name) > MAX_NAME:
        raise CertificateError(
            _("The name is longer than %(max)s characters and cannot be printed.")
            % {"max": MAX_NAME}
        )
    return name


def _centre():
    from lms.home.models import CentreSettings

    return CentreSettings.load()


def _create(enrollment: Enrollment, *, by, issued_on, replaces=None) -> Certificate:
    program, cohort = enrollment.cohort.program, enrollment.cohort
    kind = program.final_document
    series, year = SERIES[kind], issued_on.year
    sequence = number_take(series=series, year=year)
    registration = number_take(series=REGISTRATION_SERIES, year=year)
    centre = _centre()
    last, first, patronymic = holder_name_parts(enrollment.user)
    return Certificate.objects.create(
        enrollment=enrollment,
        kind=kind,
        series=series,
        year=year,
        sequence=sequence,
        number=format_number(series, year, sequence),
        registration_number=format_registration(year, registration),
        holder_name=holder_name(enrollment.user),
        holder_last_name=last,
        holder_first_name=first,
        holder_patronymic=patronymic,
        program_title=program.title,
        hours=program.total_hours,
        studied_from=cohort.starts_on,
        studied_to=min(cohort.ends_on, issued_on),
        issued_on=issued_on,
        city=centre.city,
        signatory_name=centre.signatory_name,
        signatory_position=centre.signatory_position,
        issued_by=by,
        replaces=replaces,
    )


def _render_later(certificate: Certificate) -> None:
    from courses.certificates.tasks import render_certificate

    transaction.on_commit(lambda: render_certificate.enqueue(certificate.pk))


@transaction.atomic
def certificate_issue(
    *, enrollment: Enrollment, by, issued_on=None, render_later: bool = True
) -> Certificate:
    """Issue the program's document to an eligible trainee; issuing again returns the
    document already issued instead of a second one."""
    if not certificate_policy.user_has_permission(by, "add"):
        raise PermissionDenied
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("user", "cohort__program")
        .get(pk=enrollment.pk)
    )
    existing = enrollment.certificates.filter(status=CertificateStatus.ISSUED).first()
    if existing is not None:
        return existing
    if enrollment.status != EnrollmentStatus.APPROVED:
        raise CertificateError(_("Only an enrolled trainee can receive a document."))
    check = eligibility_for([enrollment])[0]
    if not check.eligible:
        raise CertificateError(
            _("%(name)s has not completed the program: %(missing)s")
            % {"name": enrollment.user.get_full_name(), "missing": "; ".join(check.missing)}
        )
    certificate = _create(enrollment, by=by, issued_on=issued_on or timezone.localdate())
    log(instance=certificate, action="courses.certificate.issue", user=by)
    if render_later:  # a bulk issuance renders in its own worker instead
        _render_later(certificate)
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    certificate_policy.require(by, "change", certificate)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not reason.strip():
        raise CertificateError(_("Give the reason for revocation."))
    if certificate.status != CertificateStatus.ISSUED:
        raise CertificateError(
            _("This document is no longer valid (%(status)s); nothing to revoke.")
            % {"status": certificate.get_status_display()}
        )
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at, certificate.revoked_by = timezone.now(), by
    certificate.revocation_reason = reason.strip()[:2000]
    certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
    log(
        instance=certificate,
        action="courses.certificate.revoke",
        user=by,
        data={"reason": certificate.revocation_reason},
    )
    return certificate


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, by, reason: str) -> Certificate:
    """A new document (e.g. after a change of name) that keeps the link to the old one."""
    certificate_policy.require(by, "change", certificate)
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if old.status != CertificateStatus.ISSUED:
        raise CertificateError(_("Only a valid document can be reissued."))
    if not reason.strip():
        raise CertificateError(_("Give the reason for reissue."))
    old.status = CertificateStatus.REPLACED
    old.revoked_at, old.revoked_by, old.revocation_reason = timezone.now(), by, reason.strip()
    old.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
    enrollment = Enrollment.objects.select_related("user", "cohort__program").get(
        pk=old.enrollment_id
    )
    new = _create(enrollment, by=by, issued_on=timezone.localdate(), replaces=old)
    log(
        instance=new,
        action="courses.certificate.reissue",
        user=by,
        data={"replaces": old.number, "reason": reason.strip()},
    )
    _render_later(new)
    return new
