"""Personal data kept by assessments: the person's work and its grades.

Erasure removes the work itself; what the person achieved survives in issued certificates.
Attachments come before submissions so their files are removed before the rows cascade,
and grades before the versions they graded (which they protect).
"""

from django.utils.translation import gettext_lazy as _

from assessments.models import Attachment, Submission
from lms.privacy.registry import Erase, NotPersonal, PersonalData, Retention, declare

WORK = _("The person's own work and what was said about it.")

declare(
    PersonalData(
        "assessments.Attachment",
        subject="submission__enrollment__user",
        erase=Erase.DELETE,
        files=("file",),
        why=WORK,
    ),
    PersonalData(
        "assessments.Grade",
        subject="submission__enrollment__user",
        erase=Erase.DELETE,
        why=WORK,
        # The export shows what the trainee's own page shows: a grade once released, and
        # never the trainers' moderation between themselves.
        shown=lambda grades: grades.filter(released_at__isnull=False),
        hidden=("moderator", "moderated_at", "moderation_note"),
        withheld=_(
            "Grades appear here once the trainer releases them. Moderation by a second "
            "trainer (who moderated, when, and their notes) is the trainers' working record "
            "and is not included."
        ),
    ),
    PersonalData(
        "assessments.SubmissionVersion",
        subject="submission__enrollment__user",
        erase=Erase.DELETE,
        why=WORK,
    ),
    PersonalData(
        "assessments.Submission", subject="enrollment__user", erase=Erase.DELETE, why=WORK
    ),
    PersonalData(
        "assessments.QuizAttempt", subject="enrollment__user", erase=Erase.DELETE, why=WORK
    ),
    PersonalData(
        "assessments.Extension",
        subject="enrollment__user",
        erase=Erase.DELETE,
        why=WORK,
        title=_("Deadline extensions"),
    ),
    PersonalData(
        "assessments.DeadlineReminder",
        title=_("Deadline reminders"),
        subject="enrollment__user",
        erase=Erase.DELETE,
        why=_("Reminders sent to the person."),
    ),
    PersonalData(
        "assessments.RolePlayParticipant",
        title=_("Role-play participation"),
        subject="enrollment__user",
        erase=Erase.BLANK,
        blank=("observation",),
        why=_("The role played in a case role-play and the trainer's observation."),
    ),
    NotPersonal("assessments.Assignment", why=_("Course content.")),
    NotPersonal("assessments.CohortDeadline", why=_("Deadlines of a cohort.")),
    NotPersonal("assessments.RolePlaySession", why=_("A timetable.")),
    NotPersonal("assessments.Rubric", why=_("Course content.")),
    Retention(
        "drafts",
        setting="drafts",
        default_days=365,
        expired=lambda cutoff: Submission.objects.filter(
            enrollment__cohort__ends_on__lt=cutoff
        ).exclude(draft=""),
        action=Erase.BLANK,
        blank=("draft",),
        describe=_("Unsent drafts of case analyses, a period after the cohort ended"),
    ),
    Retention(
        "uploads",
        setting="uploads",
        default_days=3 * 365,
        expired=lambda cutoff: Attachment.objects.filter(
            submission__enrollment__cohort__ends_on__lt=cutoff
        ),
        files=("file",),
        describe=_("Files handed in with case analyses, a period after the cohort ended"),
    ),
)
