from django.db.models import Count, Q
from django.utils import timezone

from supervision.models import EntryStatus, PracticeEntry, SupervisionSession
from supervision.permissions import practice_policy, session_policy

ATTENDED = ("present", "late")


def sessions_visible_to(user):
    """Sessions the user may see, with attendance counts; ``contents`` marks the ones whose
    notes and case they may read (the rest show counts only). Three queries."""
    sessions = list(
        session_policy.filter(user, "view", SupervisionSession.objects.all())
        .select_related("cohort", "territory", "facilitator")
        .annotate(
            people=Count("participants"),
            attended=Count("participants", filter=Q(participants__status__in=ATTENDED)),
        )
        .order_by("-date", "-starts_at")
    )
    readable = set(
        session_policy.filter(
            user,
            "view_contents",
            SupervisionSession.objects.filter(pk__in=[s.pk for s in sessions]),
        ).values_list("pk", flat=True)
    )
    for session in sessions:
        session.contents = session.pk in readable
    return sessions


def sessions_to_join(user):
    """Upcoming sessions open to the user's territory that they have not joined."""
    if not user.territory_id:
        return SupervisionSession.objects.none()
    return (
        SupervisionSession.objects.filter(
            territory_id=user.territory_id, date__gte=timezone.localdate()
        )
        .exclude(participants__user=user)
        .select_related("territory", "facilitator")
        .order_by("date", "starts_at")
    )


def entries_of(user):
    return (
        PracticeEntry.objects.filter(Q(author=user) | Q(mediators__user=user))
        .distinct()
        .select_related("service__territory")
        .order_by("-request_date", "-pk")
    )


def review_queue(user):
    return (
        practice_policy.filter(
            user, "review", PracticeEntry.objects.filter(status=EntryStatus.SUBMITTED)
        )
        .exclude(author=user)
        .select_related("author", "service__territory")
        .order_by("submitted_at")
    )
