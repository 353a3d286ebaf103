from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from courses.models import Cohort, Enrollment, EnrollmentStatus
from lms.accounts.models import User
from lms.permissions import REGISTRAR, allowed
from lms.roles import Role
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
_USER_FIELDS = ("id", "email", "last_name", "first_name", "patronymic")


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


# --- the people a session's forms offer (never found by typing an email, which would tell
# whoever types it who is registered)


@dataclass(frozen=True)
class Person:
    pk: int
    name: str
    role: str = ""  # what they are in the group: tells namesakes apart

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


def _person(user, role: str = "") -> Person:
    return Person(user.pk, user.get_full_name() or user.get_short_name(), role)


def _by_name(people) -> list[Person]:
    return sorted(people, key=lambda p: (p.name.casefold(), p.pk))


def cohort_people(cohort_ids) -> dict[int, list[Person]]:
    """Each cohort's approved trainees, then its trainers and supervisors: the people a
    session of the cohort may include. Three queries for any number of cohorts."""
    cohort_ids = sorted(set(cohort_ids))
    found: dict[int, dict[int, Person]] = defaultdict(dict)
    trainee = str(Role.TRAINEE.label).lower()
    for enrollment in (
        Enrollment.objects.filter(
            cohort__in=cohort_ids, status=EnrollmentStatus.APPROVED, user__is_active=True
        )
        .select_related("user")
        .only("cohort_id", *(f"user__{f}" for f in _USER_FIELDS))
    ):
        found[enrollment.cohort_id][enrollment.user_id] = _person(enrollment.user, trainee)
    for relation, role in ((Cohort.trainers, Role.TRAINER), (Cohort.supervisors, Role.SUPERVISOR)):
        staff = (
            relation.through.objects.filter(cohort_id__in=cohort_ids, user__is_active=True)
            .select_related("user")
            .only("cohort_id", *(f"user__{f}" for f in _USER_FIELDS))
        )
        for row in staff:
            # Someone both enrolled and on the staff is named by their staff role.
            found[row.cohort_id][row.user_id] = _person(row.user, str(role.label).lower())
    return {cohort_id: _by_name(found[cohort_id].values()) for cohort_id in cohort_ids}


def territory_people(territory_id: int) -> list[Person]:
    """Who may join the open sessions of a territory (see permissions.joinable_territory_ids):
    mediators the centre enrolled from it, and staff it was assigned to. One query."""
    users = (
        User.objects.filter(
            Q(territory_id=territory_id, enrollments__status=EnrollmentStatus.APPROVED)
            | Q(scope__territory_id=territory_id),
            is_active=True,
        )
        .distinct()
        .only(*_USER_FIELDS)
    )
    return _by_name(_person(user) for user in users)


def supervisors() -> list[Person]:
    """The centre's supervisors: any of them may lead a session. One query."""
    role = str(Role.SUPERVISOR.label).lower()
    users = User.objects.filter(groups__name=Role.SUPERVISOR, is_active=True).only(*_USER_FIELDS)
    return _by_name(_person(user, role) for user in users.distinct())


def session_people(session) -> list[Person]:
    """Who is already on a session (participants, facilitator, presenter). One query."""
    if session.pk is None:
        return []
    ids = {session.facilitator_id, session.presenter_id} - {None}
    users = User.objects.filter(
        Q(pk__in=ids) | Q(supervision_participations__session=session)
    ).distinct()
    return _by_name(_person(user) for user in users.only(*_USER_FIELDS))


def participant_candidates(session) -> list[Person]:
    """Whom the session's managers may add: the cohort's people, or for an open session
    the mediators of its territory; those already on it and its facilitator left out."""
    if session.cohort_id is not None:
        people = cohort_people([session.cohort_id])[session.cohort_id]
    else:
        people = territory_people(session.territory_id)
    on_it = set(session.participants.values_list("user_id", flat=True))
    on_it.add(session.facilitator_id)  # leads it, and is listed with it already
    return [p for p in people if p.pk not in on_it]


# A session may be recorded a while after its cohort ended; older cohorts stay out of the
# planning form, whose people lists would otherwise grow with every cohort ever taught.
RECENT_COHORTS = timedelta(days=90)


def plannable_cohorts(user, *, keep_id: int | None = None):
    """Cohorts ``user`` may plan sessions for (their own; the registrar's: all) that have
    not ended long ago, and ``keep_id`` (the edited session's cohort) whatever its age."""
    cohorts = Cohort.objects.select_related("program")
    if not allowed(user, REGISTRAR):
        cohorts = cohorts.filter(supervisors=user)
    recent = Q(ends_on__gte=timezone.localdate() - RECENT_COHORTS)
    return cohorts.filter(recent | Q(pk=keep_id) if keep_id else recent)
