"""Personal data kept by supervision: sessions attended, reflections, practice entries.

Practice entries stay (without their free text) because the region's monitoring report
counts them; they never named the parties.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Erase, NotPersonal, PersonalData, Retention, declare
from supervision.models import SupervisionSession

declare(
    PersonalData(
        "supervision.SessionParticipant",
        subject="user",
        erase=Erase.BLANK,
        blank=("remark", "reflection"),
        why=_("Attendance counts towards the requirements; reflections are the person's."),
    ),
    PersonalData(
        "supervision.PracticeEntry",
        subject="author",
        erase=Erase.BLANK,
        blank=("summary", "follow_up", "not_completed_reason", "review_comment"),
        why=_("The monitoring report counts the programs; the free text goes."),
    ),
    PersonalData(
        "supervision.PracticeMediator",
        title=_("Co-mediation in practice entries"),
        subject="user",
        erase=Erase.KEEP,
        why=_("Who conducted a counted program (student mediators are counted by age)."),
    ),
    PersonalData(
        "supervision.CoMediatorInvitation",
        subject="entry__author",
        erase=Erase.DELETE,
        why=_(
            "Emails the author named as co-mediators, kept until those people sign up and answer."
        ),
    ),
    PersonalData(
        "supervision.SupervisionSession",
        subject="presenter",
        erase=Erase.KEEP,
        why=_("A session's case is de-identified; the presenter is anonymised with the account."),
    ),
    NotPersonal("supervision.ReconciliationService", why=_("Schools and territorial services.")),
    NotPersonal("supervision.ProgramRequirements", why=_("Program settings.")),
    Retention(
        "process_notes",
        setting="process_notes",
        default_days=3 * 365,
        expired=lambda cutoff: SupervisionSession.objects.filter(
            Q(cohort__ends_on__lt=cutoff) | Q(cohort=None, date__lt=cutoff)
        ).exclude(process_notes=""),
        action=Erase.BLANK,
        blank=("process_notes",),
        describe=_("Confidential process notes of supervision sessions"),
    ),
)
