from courses.models.attendance import AttendanceStatus, ClassAttendance
from courses.models.calendar import CalendarToken
from courses.models.certificates import (
    Certificate,
    CertificateBatch,
    CertificateStatus,
    NumberSequence,
)
from courses.models.cohorts import ClassSession, Cohort, Delivery
from courses.models.enrollment import Enrollment, EnrollmentStatus, GuardianConsent
from courses.models.pages import (
    Audience,
    FinalDocument,
    ProgramFormat,
    ProgramIndexPage,
    ProgramPage,
)

__all__ = [
    "AttendanceStatus",
    "Audience",
    "CalendarToken",
    "Certificate",
    "CertificateBatch",
    "CertificateStatus",
    "ClassAttendance",
    "ClassSession",
    "Cohort",
    "Delivery",
    "Enrollment",
    "EnrollmentStatus",
    "FinalDocument",
    "GuardianConsent",
    "NumberSequence",
    "ProgramFormat",
    "ProgramIndexPage",
    "ProgramPage",
]
