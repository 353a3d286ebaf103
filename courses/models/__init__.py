from courses.models.attendance import AttendanceStatus, ClassAttendance
from courses.models.calendar import CalendarToken
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
    "ClassAttendance",
    "ClassSession",
    "Cohort",
    "Delivery",
    "Enrollment",
    "EnrollmentStatus",
    "FinalDocument",
    "GuardianConsent",
    "ProgramFormat",
    "ProgramIndexPage",
    "ProgramPage",
]
