"""Class sessions for one person, as a page and as an iCalendar feed."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from courses.models import ClassSession, EnrollmentStatus


def sessions_for(user):
    """Sessions of the cohorts the user studies in (approved) or teaches."""
    return (
        ClassSession.objects.filter(
            Q(cohort__enrollments__user=user, cohort__enrollments__status=EnrollmentStatus.APPROVED)
            | Q(cohort__trainers=user)
            | Q(cohort__supervisors=user)
        )
        .select_related("cohort__program")
        .distinct()
        .order_by("date", "starts_at")
    )


def ical_for(user, *, host: str) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//mediator-lms//calendar//RU")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Classes"))
    for session in sessions_for(user):
        event = Event()
        event.add("uid", f"class-session-{session.pk}@{host}")
        event.add("summary", f"{session.topic} — {session.cohort.name}")
        event.add("dtstart", datetime.combine(session.date, session.starts_at, tzinfo=zone))
        event.add("dtend", datetime.combine(session.date, session.ends_at, tzinfo=zone))
        event.add("dtstamp", datetime.now(tz=zone))
        if session.place:
            event.add("location", session.place)
        if session.online_url:
            event.add("url", session.online_url)
        event.add("description", session.cohort.program.title)
        calendar.add_component(event)
    return calendar.to_ical()
