"""Enrollment: every state change with its rule, permission check, audit entry and email.

Admin views, our own views and commands call these, so they all behave the same.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.enrollment_roles import enrollment_roles_grant, enrollment_roles_release
from courses.models import Cohort, Enrollment, EnrollmentStatus, GuardianConsent
from courses.models.enrollment import ACTIVE_STATUSES
from courses.notifications import notify_application, notify_enrollment_decision
from courses.permissions import cohort_policy, enrollment_policy
from lms.accounts.models import ConsentKind
from lms.privacy.services import consent_give


class EnrollmentError(ValidationError):
    """A rule of enrollment was broken; the message is for the user."""


def _locked_cohort(cohort_id: int) -> Cohort:
    # The row lock serialises decisions on one cohort, so capacity cannot be overrun.
    return Cohort.objects.select_for_update().select_related("program").get(pk=cohort_id)


@transaction.atomic
def enrollment_apply(
    *, cohort: Cohort, user, organisation: str = "", position: str = ""
) -> Enrollment:
    cohort = _locked_cohort(cohort.pk)
    if not cohort.is_open:
        raise EnrollmentError(_("This cohort is not accepting applications."))
    if cohort.program.requires_guardian_consent and user.date_of_birth is None:
        # Whether a guardian must consent is decided on it; the centre checks it on approval.
        raise EnrollmentError(
            _("Give your date of birth in your profile before applying to this program.")
        )
    existing = Enrollment.objects.filter(cohort=cohort, user=user).first()
    if existing is not None and existing.status in ACTIVE_STATUSES:
        raise EnrollmentError(_("You have already applied to this cohort."))
    if cohort.enrollments.approved().count() >= cohort.capacity:
        raise EnrollmentError(
            _(
                "There are no free places in this cohort. "
                "Choose another cohort or contact the centre."
            )
        )
    enrollment = existing or Enrollment(cohort=cohort, user=user)
    enrollment.status = EnrollmentStatus.APPLIED
    enrollment.organisation = organisation or user.organisation
    enrollment.position = position or user.position
    enrollment.decided_at = enrollment.decided_by = enrollment.withdrawn_at = None
    enrollment.decision_reason = ""
    enrollment.save()
    log(instance=enrollment, action="courses.enrollment.apply", user=user)
    transaction.on_commit(lambda: notify_application(enrollment_id=enrollment.pk))
    return enrollment


def _changed(roles: dict) -> dict:
    # Only roles that did change go into the audit entry.
    return {key: value for key, value in roles.items() if value}


def _decide(enrollment: Enrollment, *, by, status: str, reason: str = "") -> Enrollment:
    enrollment_policy.require(by, "decide", enrollment)
    old = enrollment.status
    enrollment.status = status
    enrollment.decided_at = timezone.now()
    enrollment.decided_by = by
    enrollment.decision_reason = reason
    # Roles follow the enrollment (courses.enrollment_roles); the entry names what changed.
    roles = {}
    if status == EnrollmentStatus.APPROVED:
        roles["roles_granted"] = enrollment_roles_grant(enrollment=enrollment, by=by)
    elif old == EnrollmentStatus.APPROVED:
        roles["roles_removed"] = enrollment_roles_release(enrollment=enrollment, by=by)
    enrollment.save()
    log(
        instance=enrollment,
        action=f"courses.enrollment.{status}",
        user=by,
        data={"old": old, "new": status, "reason": reason, **_changed(roles)},
    )
    transaction.on_commit(lambda: notify_enrollment_decision(enrollment_id=enrollment.pk))
    return enrollment


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, by) -> Enrollment:
    cohort = _locked_cohort(enrollment.cohort_id)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    enrollment.cohort = cohort
    if enrollment.status == EnrollmentStatus.APPROVED:
        raise EnrollmentError(_("This trainee is already enrolled."))
    if enrollment.status == EnrollmentStatus.WITHDRAWN:
        raise EnrollmentError(_("The trainee has withdrawn; they must apply again."))
    if enrollment.needs_guardian_consent and not enrollment.has_guardian_consent:
        raise EnrollmentError(_("The trainee is a minor: record the guardian's consent first."))
    if cohort.enrollments.approved().count() >= cohort.capacity:
        raise EnrollmentError(
            _("The cohort is full (%(capacity)s places). Put the application on the waiting list.")
            % {"capacity": cohort.capacity}
        )
    return _decide(enrollment, by=by, status=EnrollmentStatus.APPROVED)


@transaction.atomic
def enrollment_waitlist(*, enrollment: Enrollment, by) -> Enrollment:
    enrollment = (
        Enrollment.objects.select_for_update().select_related("cohort").get(pk=enrollment.pk)
    )
    if enrollment.status not in (EnrollmentStatus.APPLIED, EnrollmentStatus.APPROVED):
        raise EnrollmentError(
            _("Only an application under review or an enrollment can be waitlisted.")
        )
    return _decide(enrollment, by=by, status=EnrollmentStatus.WAITLISTED)


@transaction.atomic
def enrollment_decline(*, enrollment: Enrollment, by, reason: str) -> Enrollment:
    reason = (reason or "").strip()
    if not reason:
        raise EnrollmentError(_("Give the reason for declining: the applicant will see it."))
    enrollment = (
        Enrollment.objects.select_for_update().select_related("cohort").get(pk=enrollment.pk)
    )
    if enrollment.status not in (EnrollmentStatus.APPLIED, EnrollmentStatus.WAITLISTED):
        raise EnrollmentError(
            _("Only an application under review or on the waiting list can be declined.")
        )
    return _decide(enrollment, by=by, status=EnrollmentStatus.DECLINED, reason=reason)


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, by) -> Enrollment:
    """The trainee leaves (or the registrar records it); the record stays."""
    enrollment_policy.require(by, "withdraw", enrollment)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status not in ACTIVE_STATUSES:
        raise EnrollmentError(_("This enrollment has already ended."))
    old = enrollment.status
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.withdrawn_at = timezone.now()
    roles = {}
    if old == EnrollmentStatus.APPROVED:
        roles["roles_removed"] = enrollment_roles_release(enrollment=enrollment, by=by)
    enrollment.save()
    log(
        instance=enrollment,
        action="courses.enrollment.withdraw",
        user=by,
        data={"old": old, **_changed(roles)},
    )
    return enrollment


@transaction.atomic
def consent_record(
    *,
    enrollment: Enrollment,
    by,
    guardian_full_name: str,
    guardian_relation: str,
    given_on,
    document,
) -> GuardianConsent:
    enrollment_policy.require(by, "record_consent", enrollment)
    if given_on > timezone.localdate():
        raise EnrollmentError(_("The consent cannot be dated in the future."))
    if hasattr(enrollment, "guardian_consent"):
        raise EnrollmentError(_("Consent is already recorded for this enrollment."))
    consent = GuardianConsent.objects.create(
        enrollment=enrollment,
        guardian_full_name=guardian_full_name.strip(),
        guardian_relation=guardian_relation.strip(),
        given_on=given_on,
        document=document,
        recorded_by=by,
    )
    log(instance=enrollment, action="courses.consent.record", user=by)
    # The versioned consent record beside the scan: what the guardian agreed to, and when.
    consent_give(
        user=enrollment.user,
        kind=ConsentKind.GUARDIAN,
        by=by,
        guardian_name=consent.guardian_full_name,
    )
    return consent


@transaction.atomic
def enrollments_import(*, cohort: Cohort, staff_list, by) -> list[Enrollment]:
    """Enrol everyone on a validated staff list, or nobody: all rows or none are written."""
    from allauth.account.models import EmailAddress

    from lms.accounts.models import User

    if not cohort_policy.user_has_permission_for_instance(by, "change", cohort):
        raise PermissionDenied
    cohort = _locked_cohort(cohort.pk)
    emails = [row["email"] for row in staff_list.rows]
    existing_users = {u.email: u for u in User.objects.filter(email__in=emails)}
    taken = set(
        Enrollment.objects.active()
        .filter(cohort=cohort, user__email__in=emails)
        .values_list("user__email", flat=True)
    )
    if taken:
        raise EnrollmentError(
            _("Already in this cohort: %(emails)s. Remove them from the file.")
            % {"emails": ", ".join(sorted(taken))}
        )
    free = cohort.capacity - cohort.enrollments.approved().count()
    if len(emails) > free:
        raise EnrollmentError(
            _("The file has %(count)s people but the cohort has %(free)s free places.")
            % {"count": len(emails), "free": max(free, 0)}
        )
    status = (
        EnrollmentStatus.APPLIED
        if cohort.program.requires_guardian_consent
        else EnrollmentStatus.APPROVED
    )
    enrollments = []
    for row in staff_list.rows:
        user = existing_users.get(row["email"])
        if user is None:
            user = User.objects.create_user(
                email=row["email"],
                password=None,  # they set one through "forgot password"
                last_name=row["last_name"],
                first_name=row["first_name"],
                patronymic=row.get("patronymic", ""),
                organisation=row.get("organisation", ""),
                position=row.get("position", ""),
            )
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
        enrollment, _created = Enrollment.objects.update_or_create(
            cohort=cohort,
            user=user,
            defaults={
                "status": status,
                "organisation": row.get("organisation", "") or user.organisation,
                "position": row.get("position", "") or user.position,
                "decided_by": by if status == EnrollmentStatus.APPROVED else None,
                "decided_at": timezone.now() if status == EnrollmentStatus.APPROVED else None,
            },
        )
        roles = {}
        if status == EnrollmentStatus.APPROVED:
            roles["roles_granted"] = enrollment_roles_grant(enrollment=enrollment, by=by)
            if enrollment.roles_granted:
                enrollment.save(update_fields=["roles_granted"])
        log(
            instance=enrollment,
            action="courses.enrollment.import",
            user=by,
            data={"status": status, **_changed(roles)},
        )
        enrollments.append(enrollment)
    return enrollments


class AttendanceError(ValidationError):
    """Attendance that cannot be true (e.g. "present" at a class that has not started)."""


def attendance_check(*, starts: datetime, marks: dict) -> None:
    """Nobody can have attended what has not started yet; shared with supervision."""
    from courses.models import AttendanceStatus

    if starts > timezone.now() and any(
        status in AttendanceStatus.attended() for status, _remark in marks.values()
    ):
        raise AttendanceError(
            _("This session has not started yet: nobody can be marked present or late.")
        )


@transaction.atomic
def class_attendance_mark(*, session, marks: dict[int, tuple[str, str]], by) -> int:
    """Record the trainer's marks for one class; returns how many rows were written."""
    from courses.models import ClassAttendance

    cohort_policy.require(by, "teach", session.cohort)
    zone = timezone.get_current_timezone()
    attendance_check(
        starts=datetime.combine(session.date, session.starts_at, tzinfo=zone),
        marks=marks,
    )
    roster = set(
        Enrollment.objects.filter(
            cohort_id=session.cohort_id, status=EnrollmentStatus.APPROVED
        ).values_list("user_id", flat=True)
    )
    if set(marks) - roster:
        raise AttendanceError(_("Attendance can be marked only for the cohort's trainees."))
    existing = {a.user_id: a for a in ClassAttendance.objects.filter(session=session)}
    changed_rows, new_rows = [], []
    for user_id, (status, remark) in marks.items():
        row = existing.get(user_id)
        if row is None:
            new_rows.append(
                ClassAttendance(
                    session=session, user_id=user_id, status=status, remark=remark, marked_by=by
                )
            )
        elif (row.status, row.remark) != (status, remark):
            row.status, row.remark, row.marked_by = status, remark, by
            row.marked_at = timezone.now()
            changed_rows.append(row)
    ClassAttendance.objects.bulk_create(new_rows)
    ClassAttendance.objects.bulk_update(
        changed_rows, ["status", "remark", "marked_by", "marked_at"]
    )
    if new_rows or changed_rows:
        log(
            instance=session.cohort,
            action="courses.attendance.mark",
            user=by,
            data={"session": session.pk, "rows": len(new_rows) + len(changed_rows)},
        )
    return len(new_rows) + len(changed_rows)
