"""Co-mediators of a practice entry: named by email, counted only once they say they took part.

The author must never learn from the form whether an email is registered: a registered
person is asked in their practice log, anyone else gets an invitation by email, and both
look the same to the author ("awaiting the co-mediator's answer"). New names are limited
per author per hour, which also bounds the emails anyone can make the site send.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.accounts.models import User
from lms.accounts.tasks import send_email
from lms.home.models import CentreSettings
from lms.notifications.services import notify
from supervision.models import (
    CoMediatorInvitation,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
)
from supervision.practice_access import may_keep_practice_log, require_practice_log
from supervision.services.errors import PracticeError

MAX_CO_MEDIATORS = 10
# New co-mediator emails one person may name per hour, registered or not (so the limit
# itself tells nothing). Ten people on one entry fit; a sweep through addresses does not.
DEFAULT_PER_HOUR = 20
_WINDOW = 3600


def new_co_mediators_per_hour() -> int:
    return getattr(settings, "LMS_NEW_CO_MEDIATORS_PER_HOUR", DEFAULT_PER_HOUR)


def _window_key(user_id: int) -> str:
    return f"practice-co-mediators:{user_id}:{int(time.time()) // _WINDOW}"


def co_mediator_quota_left(*, user) -> int:
    return max(new_co_mediators_per_hour() - cache.get(_window_key(user.pk), 0), 0)


def _quota_use(user_id: int, count: int) -> None:
    # Counted when spent, not on commit: a rolled-back attempt still used its names.
    key = _window_key(user_id)
    cache.add(key, 0, timeout=_WINDOW + 60)
    try:
        cache.incr(key, count)
    except ValueError:  # expired between add and incr
        cache.set(key, count, timeout=_WINDOW + 60)


def is_student(user, on) -> bool:
    """A school student: under 18 on the request date (counted apart in the report)."""
    age = user.age_on(on) if on else None
    return age is not None and age < 18


def _invite(*, email: str, author) -> None:
    centre = CentreSettings.load().display_name
    signup = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{reverse('account_signup')}"
    subject = _("You were named as a co-mediator")
    # Who named them and where to answer; never the entry itself (they are not signed up).
    body = _(
        "%(author)s named you as a co-mediator of a restorative program in the practice log "
        "of %(centre)s.\n\nIf you took part, sign up with this email address at %(url)s and "
        "answer in your practice log. If you did not, ignore this letter: nothing counts in "
        "your name without your answer."
    ) % {"author": author.get_full_name() or author.email, "centre": centre, "url": signup}
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[email]))


def _ask(*, person, author) -> None:
    if not (person.is_active and may_keep_practice_log(person)):
        return  # they could not answer anyway; the row waits should they enrol later
    notify(
        user=person,
        title=_("You were named as a co-mediator"),
        body=_(
            "%(author)s named you as a co-mediator of a practice entry. Say in your practice "
            "log whether you took part: until you do, it does not count for you."
        )
        % {"author": author.get_full_name() or author.email},
        url=reverse("practice_log"),
    )


def co_mediators_sync(*, entry: PracticeEntry, by, emails) -> None:
    """Make the entry's co-mediators exactly ``emails`` (None: leave them); call inside the
    entry's save. Kept answers stay; removed people go; new ones are asked or invited."""
    author = entry.author
    author_row, _created = PracticeMediator.objects.get_or_create(
        entry=entry,
        user=author,
        defaults={"status": MediatorStatus.CONFIRMED, "answered_at": timezone.now()},
    )
    if author_row.status != MediatorStatus.CONFIRMED:
        author_row.status, author_row.answered_at = MediatorStatus.CONFIRMED, timezone.now()
        author_row.save(update_fields=["status", "answered_at"])
    if emails is None:
        return
    wanted = {e.strip().lower() for e in emails if e and e.strip()} - {author.email.lower()}
    if len(wanted) > MAX_CO_MEDIATORS:
        raise PracticeError({"co_mediators": _("At most 10 co-mediators.")})
    rows = {
        row.user.email.lower(): row
        for row in entry.mediators.exclude(user=author).select_related("user")
    }
    invited = set(entry.invitations.values_list("email", flat=True))
    new = wanted - rows.keys() - invited
    if new:
        left = co_mediator_quota_left(user=by)
        if len(new) > left:
            raise PracticeError(
                {
                    "co_mediators": _(
                        "You have named too many new co-mediators within an hour (at most "
                        "%(limit)s). %(left)s more can be named now; try the others later."
                    )
                    % {"limit": new_co_mediators_per_hour(), "left": left}
                }
            )
        _quota_use(by.pk, len(new))
    entry.mediators.exclude(user=author).filter(
        pk__in=[row.pk for email, row in rows.items() if email not in wanted]
    ).delete()
    entry.invitations.exclude(email__in=wanted).delete()
    if not new:
        return
    people = {
        person.email_lower: person
        for person in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=new)
    }
    PracticeMediator.objects.bulk_create(
        [
            PracticeMediator(
                entry=entry,
                user=person,
                student=is_student(person, entry.request_date),
                status=MediatorStatus.PENDING,
            )
            for person in people.values()
        ]
    )
    CoMediatorInvitation.objects.bulk_create(
        [CoMediatorInvitation(entry=entry, email=email) for email in sorted(new - people.keys())]
    )
    for person in people.values():
        _ask(person=person, author=author)
    for email in sorted(new - people.keys()):
        _invite(email=email, author=author)


@transaction.atomic
def co_mediator_answer(*, entry_id: int, by, took_part: bool) -> PracticeMediator:
    """The co-mediator says whether they took part; an invitation becomes their row."""
    require_practice_log(by)
    status = MediatorStatus.CONFIRMED if took_part else MediatorStatus.DECLINED
    row = (
        PracticeMediator.objects.select_for_update()
        .filter(entry_id=entry_id, user=by, status=MediatorStatus.PENDING)
        .exclude(entry__author=by)
        .first()
    )
    invitation = (
        CoMediatorInvitation.objects.select_for_update()
        .filter(entry_id=entry_id, email=by.email.lower())
        .exclude(entry__author=by)
        .select_related("entry")
        .first()
    )
    if row is None and invitation is None:
        raise PracticeError(_("This entry does not await your answer."))
    if row is None:
        row = PracticeMediator.objects.filter(entry_id=entry_id, user=by).first()
        if row is None:
            row = PracticeMediator(
                entry_id=entry_id,
                user=by,
                student=is_student(by, invitation.entry.request_date),
            )
    if invitation is not None:
        invitation.delete()
    row.status, row.answered_at = status, timezone.now()
    row.save()
    log(
        instance=row.entry,
        action="supervision.practice.took_part" if took_part else "supervision.practice.declined",
        user=by,
    )
    return row
