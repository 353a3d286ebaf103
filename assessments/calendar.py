"""Role-play sessions in one's calendar: the trainees cast in them and the cohort's trainers."""

from datetime import time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import RolePlaySession
from courses.calendar import CalendarEvent
from courses.models import EnrollmentStatus


def roleplay_events(user, since=None):
    sessions = RolePlaySession.objects.filter(
        Q(
            participants__enrollment__user=user,
            participants__enrollment__status=EnrollmentStatus.APPROVED,
        )
        | Q(cohort__trainers=user)
    )
    if since is not None:
        sessions = sessions.filter(starts_at__date__gte=since)
    for session in sessions.select_related("assignment", "cohort").distinct():
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        yield CalendarEvent(
            uid=f"roleplay-session-{session.pk}",
            date=starts.date(),
            starts_at=starts.time(),
            ends_at=ends.time() if ends.date() == starts.date() else time(23, 59),
            title=session.assignment.title,
            group=session.cohort.name,
            kind=_("Role-play"),
            place=session.place,
            description=session.assignment.get_kind_display(),
            url=reverse("roleplay", args=[session.pk]),
        )
