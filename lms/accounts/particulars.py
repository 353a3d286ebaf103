"""The particulars the centre relies on (territory, date of birth) and staff scope.

A person edits their profile freely until an enrollment or a practice entry depends on
their territory and birth date (who may join a territory's sessions, whether a guardian
must consent); from then on those change only through a request the registrar confirms.
A curator's or supervisor's territories are assigned by the registrar. Every change is in
the audit log.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.accounts.models import ChangeStatus, ParticularsChange, StaffTerritory, Territory, User
from lms.accounts.permissions import particulars_change_policy, staff_territory_policy
from lms.permissions import forget_scope
from lms.roles import Role

LOCKED_FIELDS = ("territory", "date_of_birth")
_dependents: list[Callable[[User], bool]] = []


def register_dependent(check: Callable[[User], bool]) -> None:
    """Apps that rely on a person's particulars (enrollments, practice) say so here."""
    _dependents.append(check)


def particulars_locked(user: User) -> bool:
    return bool(user.pk) and any(check(user) for check in _dependents)


def _notify(*, user, title: str, body: str = "", url: str = "") -> None:
    from lms.notifications.services import notify  # notifications build on accounts

    notify(user=user, title=title, body=body, url=url)


@transaction.atomic
def particulars_change_request(
    *, user: User, territory: Territory | None, date_of_birth, comment: str
) -> ParticularsChange:
    if territory is None and date_of_birth is None:
        raise ValidationError(_("Give the new territory or the new date of birth."))
    change = ParticularsChange.objects.create(
        user=user, territory=territory, date_of_birth=date_of_birth, comment=comment.strip()
    )
    log(instance=change, action="lms.particulars.request", user=user)
    url = reverse("privacy_person", args=[user.pk])
    for registrar in User.objects.filter(groups__name=Role.REGISTRAR, is_active=True):
        _notify(
            user=registrar,
            title=_("A request to change a person's particulars"),
            body=str(user),
            url=url,
        )
    return change


@transaction.atomic
def particulars_change_decide(*, change: ParticularsChange, by, confirm: bool) -> None:
    particulars_change_policy.require(by, "decide", change)
    change = ParticularsChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    person = change.user
    old = {"territory": person.territory_id, "date_of_birth": str(person.date_of_birth or "")}
    if confirm:
        if change.territory_id:
            person.territory_id = change.territory_id
        if change.date_of_birth:
            person.date_of_birth = change.date_of_birth
        person.save(update_fields=["territory", "date_of_birth"])
    change.status = ChangeStatus.CONFIRMED if confirm else ChangeStatus.DECLINED
    change.decided_by, change.decided_at = by, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    log(
        instance=change,
        action="lms.particulars.confirm" if confirm else "lms.particulars.decline",
        user=by,
        data={
            "owner": person.pk,
            "old": old,
            "new": {
                "territory": change.territory_id,
                "date_of_birth": str(change.date_of_birth or ""),
            },
        },
    )
    _notify(
        user=person,
        title=_("The centre confirmed your new particulars")
        if confirm
        else _("The centre declined your request to change particulars"),
        url=reverse("profile"),
    )


def _scope_guard(by, person: User) -> None:
    if not staff_territory_policy.user_has_permission(by, "add"):
        raise PermissionDenied
    if not person.groups.filter(name__in=[Role.CURATOR, Role.SUPERVISOR]).exists():
        raise ValidationError(_("Territories are assigned to curators and supervisors only."))


@transaction.atomic
def staff_territory_assign(*, person: User, territory: Territory, by) -> StaffTerritory:
    _scope_guard(by, person)
    scope, created = StaffTerritory.objects.get_or_create(
        user=person, territory=territory, defaults={"assigned_by": by}
    )
    if created:
        log(
            instance=person,
            action="lms.scope.assign",
            user=by,
            data={"owner": person.pk, "territory": territory.pk, "name": territory.name},
        )
    forget_scope(person)
    return scope


@transaction.atomic
def staff_territory_remove(*, person: User, territory: Territory, by) -> None:
    if not staff_territory_policy.user_has_permission(by, "delete"):
        raise PermissionDenied
    deleted, _rows = StaffTerritory.objects.filter(user=person, territory=territory).delete()
    if deleted:
        log(
            instance=person,
            action="lms.scope.remove",
            user=by,
            data={"owner": person.pk, "territory": territory.pk, "name": territory.name},
        )
    forget_scope(person)
