"""One person's calendar, as a page and as an iCalendar feed.

Class sessions come from here; later apps (supervision) add their own events through
``register_source`` so ``courses`` never imports them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from courses.models import ClassSession, EnrollmentStatus


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    date: date
    starts_at: time
    ends_at: time
    title: str
    group: str  # the cohort's name, or the territory for open sessions
    kind: str = ""
    place: str = ""
    online_url: str = ""
    description: str = ""
    url: str = ""


EventSource = Callable[..., Iterable[CalendarEvent]]
_sources: dict[str, EventSource] = {}


def register_source(key: str, source: EventSource) -> None:
    """``source(user, since=None)`` yields the user's events; a fixed number of queries."""
    _sources[key] = source


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


def class_events(user, since=None):
    sessions = sessions_for(user)
    if since is not None:
        sessions = sessions.filter(date__gte=since)
    for session in sessions:
        yield CalendarEvent(
            uid=f"class-session-{session.pk}",
            date=session.date,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            title=session.topic,
            group=session.cohort.name,
            kind=_("Class"),
            place=session.place,
            online_url=session.online_url,
            description=session.cohort.program.title,
        )


register_source("classes", class_events)


def events_for(user, since=None) -> list[CalendarEvent]:
    events = [event for source in _sources.values() for event in source(user, since=since)]
    return sorted(events, key=lambda e: (e.date, e.starts_at, e.uid))


def ical_for(user, *, host: str) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//mediator-lms//calendar//RU")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Classes"))
    for item in events_for(user):
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("summary", f"{item.title} — {item.group}")
        event.add("dtstart", datetime.combine(item.date, item.starts_at, tzinfo=zone))
        event.add("dtend", datetime.combine(item.date, item.ends_at, tzinfo=zone))
        event.add("dtstamp", datetime.now(tz=zone))
        if item.place:
            event.add("location", item.place)
        if item.online_url or item.url:
            event.add("url", item.online_url or f"https://{host}{item.url}")
        event.add("description", item.description)
        if item.kind:
            event.add("categories", [item.kind])
        calendar.add_component(event)
    return calendar.to_ical()
