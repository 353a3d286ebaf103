from django.db.models import Count, Q
from django.utils import timezone

from supervision.models import (
    CoMediatorInvitation,
    EntryStatus,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
    SupervisionSession,
)
from supervision.permissions import joinable_territory_ids, practice_policy, session_policy

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
    territories = joinable_territory_ids(user)
    if not territories:
        return SupervisionSession.objects.none()
    return (
        SupervisionSession.objects.filter(
            territory_id__in=sorted(territories), date__gte=timezone.localdate()
        )
        .exclude(participants__user=user)
        .select_related("territory", "facilitator")
        .order_by("date", "starts_at")
    )


def entries_of(user):
    """The user's log: their own entries and those they confirmed they co-led."""
    confirmed = PracticeMediator.objects.filter(user=user, status=MediatorStatus.CONFIRMED)
    return (
        PracticeEntry.objects.filter(Q(author=user) | Q(pk__in=confirmed.values("entry")))
        .select_related("service__territory")
        .order_by("-request_date", "-pk")
    )


def _awaiting_answer_q(user) -> Q:
    pending = PracticeMediator.objects.filter(user=user, status=MediatorStatus.PENDING)
    invited = CoMediatorInvitation.objects.filter(email=user.email.lower())
    return (Q(pk__in=pending.values("entry")) | Q(pk__in=invited.values("entry"))) & ~Q(author=user)


def entries_awaiting_answer(user):
    """Entries naming the user as a co-mediator, waiting for them to say if they took part:
    only what they need to recognise the program, not its description."""
    return (
        PracticeEntry.objects.filter(_awaiting_answer_q(user))
        .select_related("author", "service__territory")
        .only(
            "program_type",
            "request_date",
            "joint_meeting_on",
            "author__last_name",
            "author__first_name",
            "author__patronymic",
            "author__email",
            "service__organisation",
            "service__territory__name",
        )
        .order_by("-request_date", "-pk")
    )


def entry_awaits_answer(user, entry_id: int) -> bool:
    return PracticeEntry.objects.filter(_awaiting_answer_q(user), pk=entry_id).exists()


def co_mediators_of(entry, *, answers: bool = True) -> list[dict]:
    """The entry's co-mediators as its author sees them. Someone who has not answered shows
    by the email the author typed, whether or not they are signed up, so the page never
    tells the author who is registered. ``answers=False``: only those who confirmed."""
    people = []
    for row in entry.mediators.exclude(user=entry.author_id).select_related("user"):
        confirmed = row.status == MediatorStatus.CONFIRMED
        if not (confirmed or answers):
            continue
        people.append(
            {
                "name": row.user.get_full_name() if confirmed else row.user.email,
                "status": row.status,
                "label": row.get_status_display(),
            }
        )
    for invitation in entry.invitations.all() if answers else ():
        people.append(
            {
                "name": invitation.email,
                "status": MediatorStatus.PENDING,
                "label": MediatorStatus.PENDING.label,
            }
        )
    return sorted(people, key=lambda p: (p["status"] != MediatorStatus.CONFIRMED, p["name"]))


def review_queue(user):
    return (
        practice_policy.filter(
            user, "review", PracticeEntry.objects.filter(status=EntryStatus.SUBMITTED)
        )
        .exclude(author=user)
        .select_related("author", "service__territory")
        .order_by("submitted_at")
    )
