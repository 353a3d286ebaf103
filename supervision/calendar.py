"""Supervision sessions in the user's calendar and iCal feed (see courses.calendar)."""

from django.urls import reverse

from courses.calendar import CalendarEvent
from supervision.models import SupervisionSession
from supervision.permissions import session_policy


def session_events(user, since=None):
    sessions = session_policy.filter(user, "view_contents", SupervisionSession.objects.all())
    if since is not None:
        sessions = sessions.filter(date__gte=since)
    for session in sessions.select_related("cohort", "territory"):
        ends = session.ends
        yield CalendarEvent(
            uid=f"supervision-session-{session.pk}",
            date=session.date,
            starts_at=session.starts_at,
            ends_at=ends.time()
            if ends.date() == session.date
            else session.starts_at.replace(hour=23, minute=59),
            title=session.topic,
            group=session.group_name,
            kind=session.get_kind_display(),
            place=session.place,
            online_url=session.online_url,
            description=session.get_kind_display(),
            url=reverse("supervision_session", args=[session.pk]),
        )
