"""The audit log: Wagtail's log entries, extended with reads of confidential items and role
changes, shown to staff filtered by what they may see, and never edited or deleted."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

READ = "lms.read"


def log_read(*, user, instance, owner_id: int | None) -> None:
    """Record that someone other than the author opened a confidential item."""
    if not getattr(user, "is_authenticated", False) or user.pk == owner_id:
        return
    log(instance=instance, action=READ, user=user, data={"owner": owner_id})


def entries_for(user):
    """What this user may read of the log (lms.accounts.permissions.audit_policy): the
    registrar all of it; anyone else their own actions and who read their confidential work."""
    from lms.accounts.permissions import audit_policy  # accounts builds on this module

    entries = ModelLogEntry.objects.select_related("user", "content_type").order_by("-timestamp")
    return entries.filter(audit_policy.q(user, "view"))


@receiver(pre_save, sender=ModelLogEntry)
@receiver(pre_save, sender=PageLogEntry)
def _refuse_edits(sender, instance, **kwargs):
    if instance.pk and sender.objects.filter(pk=instance.pk).exists():
        raise PermissionDenied("Audit log entries cannot be changed.")


@receiver(pre_delete, sender=ModelLogEntry)
@receiver(pre_delete, sender=PageLogEntry)
def _refuse_deletes(sender, instance, **kwargs):
    raise PermissionDenied("Audit log entries cannot be deleted.")


@receiver(m2m_changed, sender=Group.user_set.through)
def _log_role_changes(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a group's members changed: log on each user
        from django.contrib.auth import get_user_model

        people = get_user_model().objects.filter(pk__in=pk_set or ())
        groups = [instance.name]
    else:
        people = [instance]
        groups = list(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    for person in people:
        log(
            instance=person,
            action="lms.roles.change",
            data={"change": action.removeprefix("post_"), "roles": groups},
        )
