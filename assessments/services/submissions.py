"""Submitting work: drafts, hand-in with the confidentiality guard, attached files."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from assessments.models import Attachment, Submission, SubmissionStatus, SubmissionVersion
from assessments.models.submissions import MAX_TEXT
from assessments.permissions import submission_policy
from assessments.selectors import deadline_for
from assessments.services.errors import DraftConflict, PersonalDataFound, SubmissionError
from lms.notifications.services import notify
from lms.text.guard import find_personal_data
from lms.uploads import DOCX, display_name, docx_or_zip, sniff, validate_upload


def submission_get_or_create(*, assignment, enrollment) -> Submission:
    submission, _created = Submission.objects.get_or_create(
        assignment=assignment, enrollment=enrollment
    )
    return submission


def _locked(submission: Submission, *related: str) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related(*related)
        .get(pk=submission.pk)
    )


@transaction.atomic
def draft_save(*, submission: Submission, text: str, revision: int, by) -> Submission:
    """Save the draft unless a newer one was saved elsewhere; then nothing is overwritten."""
    submission = _locked(submission, "enrollment")
    submission_policy.require(by, "change", submission)
    if not submission.editable:
        raise SubmissionError(_("This work has been handed in and cannot be changed now."))
    if len(text) > MAX_TEXT:
        raise SubmissionError(
            _("The text is too long (more than %(max)s characters).") % {"max": MAX_TEXT}
        )
    if revision != submission.draft_revision:
        raise DraftConflict(
            _("The draft was changed in another window. Copy your text before reloading.")
        )
    submission.draft = text
    submission.draft_revision += 1
    submission.draft_saved_at = timezone.now()
    submission.save(update_fields=["draft", "draft_revision", "draft_saved_at"])
    return submission


@transaction.atomic
def submission_submit(
    *, submission: Submission, by, override_guard: bool = False
) -> SubmissionVersion:
    submission = _locked(submission, "enrollment__cohort", "assignment")
    submission_policy.require(by, "change", submission)
    if not submission.editable:
        raise SubmissionError(_("This work has already been handed in."))
    text = submission.draft.strip()
    if not text:
        raise SubmissionError(_("Write your answer before handing it in."))
    findings = [f.as_dict() for f in find_personal_data(text)]
    if findings and not override_guard:
        raise PersonalDataFound(findings)
    now = timezone.now()
    number = (submission.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=number,
        text=text,
        late=now > deadline_for(submission),
        guard_findings=findings,
        guard_overridden=bool(findings),
    )
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = now
    submission.save(update_fields=["status", "submitted_at"])
    log(
        instance=submission,
        action="assessments.submission.submit",
        user=by,
        data={"version": number},
    )
    transaction.on_commit(lambda: _tell_trainers_of_hand_in(submission_id=submission.pk))
    return version


def _tell_trainers_of_hand_in(*, submission_id: int) -> None:
    """On the site only: trainers also see the count on their home page (lms.queues)."""
    submission = Submission.objects.select_related("assignment", "enrollment__user").get(
        pk=submission_id
    )
    for trainer in submission.enrollment.cohort.trainers.all():
        notify(
            user=trainer,
            title=_("New work to grade: %(title)s") % {"title": submission.assignment.title},
            body=str(submission.enrollment.user),
            url=reverse("grade_submission", args=[submission.pk]),
            email=False,
        )


def live_version_add(*, submission: Submission, text: str, at=None) -> SubmissionVersion | None:
    """Record work seen live (a skills demonstration, the mediator of a held role-play) as a
    handed-in version. Nothing is added while a version waits for its grade."""
    if submission.versions.exists() and not submission.editable:
        return None
    at = at or timezone.now()
    number = (submission.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = SubmissionVersion.objects.create(submission=submission, number=number, text=text)
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = at
    submission.save(update_fields=["status", "submitted_at"])
    return version


ATTACHMENT_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/zip": "docx",
}
MAX_ATTACHMENTS = 5


@transaction.atomic
def attachment_add(*, submission: Submission, upload, by) -> Attachment:
    """Attach a PDF, DOCX, JPEG or PNG (checked by content, not by name) to editable work."""
    submission = _locked(submission, "enrollment")
    submission_policy.require(by, "change", submission)
    if not submission.editable:
        raise SubmissionError(_("This work has been handed in and cannot be changed now."))
    if submission.attachments.count() >= MAX_ATTACHMENTS:
        raise SubmissionError(_("At most %(count)s files per work.") % {"count": MAX_ATTACHMENTS})
    try:
        validate_upload(upload, allowed=ATTACHMENT_TYPES)
    except ValidationError as error:
        raise SubmissionError(error.messages) from error
    content_type = sniff(upload)
    given_name = upload.name
    # On disk a neutral name: the given one may not fit the file system ("𝕏" * 90 is 90
    # characters but 360 bytes, over the 255-byte limit). Downloads use ``name`` below.
    upload.name = f"{uuid.uuid4().hex}.{ATTACHMENT_TYPES[content_type]}"
    if content_type == "application/zip":
        if docx_or_zip(upload) != "docx":
            raise SubmissionError(
                _("This file type is not accepted. Upload one of: %(types)s.")
                % {"types": "PDF, DOCX, JPG, PNG"}
            )
        content_type = DOCX
    return Attachment.objects.create(
        submission=submission,
        file=upload,
        name=display_name(given_name, content_type),
        content_type=content_type,
        size=upload.size,
    )
