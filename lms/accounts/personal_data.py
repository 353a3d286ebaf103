"""Personal data kept by accounts: the person, their consents and the audit trail."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Erase, NotPersonal, PersonalData, declare

declare(
    PersonalData(
        "accounts.User",
        subject="pk",
        erase=Erase.KEEP,
        why=_("The account itself: anonymised on erasure, since other records refer to it."),
    ),
    PersonalData(
        "accounts.Consent",
        subject="user",
        erase=Erase.KEEP,
        why=_("Proof of the legal basis for processing, kept after withdrawal."),
    ),
    PersonalData(
        "wagtailcore.ModelLogEntry",
        subject="user",
        title=_("Audit log entries"),
        erase=Erase.KEEP,
        why=_("The audit log is immutable; it refers to the anonymised account."),
    ),
    PersonalData(
        "accounts.StaffTerritory",
        subject="user",
        erase=Erase.DELETE,
        why=_("Which territories a curator or supervisor looks after."),
    ),
    PersonalData(
        "accounts.ParticularsChange",
        subject="user",
        erase=Erase.DELETE,
        why=_("Your requests to change the territory or date of birth the centre relies on."),
    ),
    NotPersonal("accounts.Territory", why=_("A list of municipal territories.")),
)
