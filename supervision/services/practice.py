from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.models import EnrollmentStatus
from lms.accounts.models import User
from lms.notifications.services import notify
from supervision.models import EntryStatus, PracticeEntry
from supervision.models.sessions import MAX_TEXT
from supervision.permissions import practice_policy
from supervision.practice_access import require_practice_log
from supervision.services.co_mediators import co_mediators_sync
from supervision.services.errors import PracticeError
from supervision.services.sessions import guard_fields
from supervision.vocab import CATEGORY_OF, PARTICIPANT_BOUNDS, Outcome, ProgramType

GUARDED = ("summary", "follow_up", "not_completed_reason")


def entry_problems(entry: PracticeEntry) -> dict[str, str]:
    """Everything wrong with an entry, by field, in the user's language."""
    problems: dict[str, str] = {}
    today = timezone.localdate()
    dates = [
        ("request_date", entry.request_date),
        ("preliminary_meeting_on", entry.preliminary_meeting_on),
        ("joint_meeting_on", entry.joint_meeting_on),
    ]
    for field, value in dates:
        if value and value > today:
            problems[field] = _("This date is in the future. Log a program once it has happened.")
    if entry.request_date:
        for field, value in dates[1:]:
            if value and value < entry.request_date and field not in problems:
                problems[field] = _("A meeting cannot come before the request was received.")
    if (
        entry.preliminary_meeting_on
        and entry.joint_meeting_on
        and entry.joint_meeting_on < entry.preliminary_meeting_on
        and "joint_meeting_on" not in problems
    ):
        problems["joint_meeting_on"] = _(
            "The joint meeting cannot come before the first preliminary meeting."
        )
    completed = entry.outcome in Outcome.completed()
    if completed and not entry.joint_meeting_on:
        problems.setdefault(
            "joint_meeting_on",
            _("A completed program has a joint (closing) meeting: give its date."),
        )
    if entry.outcome == Outcome.NOT_COMPLETED and not entry.not_completed_reason.strip():
        problems["not_completed_reason"] = _("Say why the program was not completed.")
    if entry.case_subcategory and CATEGORY_OF.get(entry.case_subcategory) != entry.case_category:
        problems["case_subcategory"] = _("This sub-category belongs to another case category.")
    if entry.program_type in PARTICIPANT_BOUNDS and entry.adults is not None:
        low, high = PARTICIPANT_BOUNDS[entry.program_type]
        total = (entry.adults or 0) + (entry.children or 0)
        label = ProgramType(entry.program_type).label
        if total > high:
            problems["adults"] = _(
                "%(total)s participants is more than a program of this type can have "
                "(%(type)s: at most %(high)s)."
            ) % {"total": total, "type": label, "high": high}
        elif completed and total < low:
            problems["adults"] = _(
                "A completed program of this type has at least %(low)s participants (%(type)s)."
            ) % {"low": low, "type": label}
    for field in GUARDED:
        if len(getattr(entry, field)) > MAX_TEXT:
            problems[field] = _("The text is too long (more than %(max)s characters).") % {
                "max": MAX_TEXT
            }
    for field, findings in guard_fields(entry, GUARDED).items():
        problems.setdefault(
            field,
            _(
                "This text seems to contain personal data (%(found)s). The practice log keeps "
                "no names of the parties: replace them with roles or pseudonyms."
            )
            % {"found": ", ".join(sorted({f.text for f in findings}))[:200]},
        )
    return problems


@transaction.atomic
def entry_save(*, entry: PracticeEntry, by, co_mediator_emails=None) -> PracticeEntry:
    """Create or update the author's entry while it is a draft or returned.

    ``co_mediator_emails``: who led it with the author (None leaves them as they are)."""
    require_practice_log(by)
    if entry.pk is None:
        entry.author = by
    else:
        locked = PracticeEntry.objects.select_for_update().get(pk=entry.pk)
        practice_policy.require(by, "change", locked)
        if not locked.editable:
            raise PracticeError(
                _("This entry has been handed in or signed off and can no longer be changed.")
            )
    problems = entry_problems(entry)
    if problems:
        raise PracticeError(problems)
    creating = entry.pk is None
    entry.save()
    co_mediators_sync(entry=entry, by=by, emails=co_mediator_emails)
    log(
        instance=entry,
        action="supervision.practice.create" if creating else "supervision.practice.change",
        user=by,
    )
    return entry


def _reviewers_of(entry: PracticeEntry):
    return User.objects.filter(
        cohorts_supervised__enrollments__user=entry.author_id,
        cohorts_supervised__enrollments__status=EnrollmentStatus.APPROVED,
        is_active=True,
    ).distinct()


@transaction.atomic
def entry_submit(*, entry: PracticeEntry, by) -> PracticeEntry:
    require_practice_log(by)
    entry = PracticeEntry.objects.select_for_update().get(pk=entry.pk)
    practice_policy.require(by, "change", entry)
    if not entry.editable:
        raise PracticeError(_("This entry has already been handed in."))
    problems = entry_problems(entry)
    if problems:
        raise PracticeError(problems)
    entry.status = EntryStatus.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.save(update_fields=["status", "submitted_at", "updated_at"])
    log(instance=entry, action="supervision.practice.submit", user=by)
    for reviewer in _reviewers_of(entry):
        notify(
            user=reviewer,
            title=_("A practice entry awaits your sign-off"),
            body=str(entry),
            url=f"/practice/{entry.pk}/",
        )
    return entry


def _reviewable(entry: PracticeEntry, by) -> PracticeEntry:
    entry = PracticeEntry.objects.select_for_update().get(pk=entry.pk)
    practice_policy.require(by, "review", entry)
    if entry.author_id == by.pk:
        raise PracticeError(_("You cannot sign off your own practice."))
    if entry.status != EntryStatus.SUBMITTED:
        raise PracticeError(
            _("Only an entry awaiting sign-off can be signed off or returned; this one is: %(s)s.")
            % {"s": entry.get_status_display()}
        )
    return entry


@transaction.atomic
def entry_sign(*, entry: PracticeEntry, by, comment: str = "") -> PracticeEntry:
    """Sign an entry off; from then on it is locked."""
    entry = _reviewable(entry, by)
    entry.status = EntryStatus.SIGNED
    entry.reviewed_by, entry.reviewed_at = by, timezone.now()
    entry.review_comment = comment.strip()
    entry.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]
    )
    log(instance=entry, action="supervision.practice.sign", user=by)
    notify(
        user=entry.author,
        title=_("Your practice entry was signed off"),
        body=str(entry),
        url=f"/practice/{entry.pk}/",
    )
    return entry


@transaction.atomic
def entry_return(*, entry: PracticeEntry, by, comment: str) -> PracticeEntry:
    """Send an entry back with a comment saying what to correct."""
    if not comment.strip():
        raise PracticeError({"comment": _("Say what needs correcting.")})
    entry = _reviewable(entry, by)
    entry.status = EntryStatus.RETURNED
    entry.reviewed_by, entry.reviewed_at = by, timezone.now()
    entry.review_comment = comment.strip()[:4000]
    entry.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]
    )
    log(instance=entry, action="supervision.practice.return", user=by)
    notify(
        user=entry.author,
        title=_("Your practice entry was returned for correction"),
        body=entry.review_comment,
        url=f"/practice/{entry.pk}/",
    )
    return entry
