"""Personal data kept by courses: enrollments, attendance, consents, certificates."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Erase, NotPersonal, PersonalData, declare

declare(
    PersonalData(
        "courses.Enrollment",
        subject="user",
        erase=Erase.BLANK,
        blank=("organisation", "position", "decision_reason"),
        why=_("Who studied in which cohort: kept as the basis of issued documents."),
    ),
    PersonalData(
        "courses.GuardianConsent",
        subject="enrollment__user",
        erase=Erase.DELETE,
        files=("document",),
        why=_("A guardian's name and the scanned consent."),
    ),
    PersonalData(
        "courses.ClassAttendance",
        subject="user",
        erase=Erase.BLANK,
        blank=("remark",),
        why=_("Attendance is a condition of the documents issued; remarks go."),
    ),
    PersonalData(
        "courses.CalendarToken",
        subject="user",
        erase=Erase.DELETE,
        why=_("The secret link to the person's calendar."),
    ),
    PersonalData(
        "courses.Certificate",
        subject="enrollment__user",
        erase=Erase.KEEP,
        files=("pdf",),
        why=_(
            "Issued documents are kept as the law on education requires (the register and "
            "the federal registry of documents)."
        ),
    ),
    NotPersonal("courses.Cohort", why=_("Trainers and supervisors appear as staff.")),
    NotPersonal("courses.ClassSession", why=_("A timetable.")),
    NotPersonal("courses.CertificateBatch", why=_("Who started a batch: staff at work.")),
    NotPersonal("courses.NumberSequence", why=_("Counters.")),
)
