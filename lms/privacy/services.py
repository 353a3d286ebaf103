"""Consent, export and erasure: each bundled with its permission check and audit entry."""

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.accounts.models import Consent, ConsentKind, ConsentText
from lms.accounts.permissions import consent_policy, user_policy
from lms.privacy.registry import Erase, registry
from lms.roles import Role
from lms.storage import delete_on_commit


def consent_give(*, user, kind: str = ConsentKind.PERSONAL_DATA, by=None, guardian_name=""):
    """Record consent to the current version of a text (the person's own, or recorded for
    a minor's guardian by the registrar)."""
    if by is not None and by != user and not consent_policy.user_has_permission(by, "record"):
        raise PermissionDenied
    text = ConsentText.current(kind)
    consent = Consent.objects.create(
        user=user, text=text, recorded_by=by, guardian_name=guardian_name
    )
    log(
        instance=consent,
        action="lms.consent.give",
        user=by or user,
        data={"kind": kind, "version": text.version},
    )
    return consent


def consent_withdraw(*, consent: Consent, by) -> Consent:
    if by != consent.user:  # the person's own word needs no one's leave
        consent_policy.require(by, "withdraw", consent)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    log(instance=consent, action="lms.consent.withdraw", user=by)
    transaction.on_commit(lambda: _tell_registrars(consent))
    return consent


def _tell_registrars(consent: Consent) -> None:
    from django.urls import reverse

    from lms.notifications.services import notify

    for registrar in get_user_model().objects.filter(groups__name=Role.REGISTRAR, is_active=True):
        notify(
            user=registrar,
            title=_("Consent withdrawn: %(person)s") % {"person": consent.user},
            url=reverse("privacy_person", args=[consent.user_id]),
        )


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _row(obj, hidden=()) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name == "password" or field.name in hidden:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if hasattr(value, "name") else value
        data[field.attname] = _plain(value)
    return data


def person_export(*, person, by) -> bytes:
    """Everything kept about a person as a ZIP: data.json plus their files."""
    if by != person:
        user_policy.require(by, "export", person)
    buffer = io.BytesIO()
    payload = {
        "exported_at": timezone.now().isoformat(),
        "person": person.pk,
        # What is left out, and until when, so that nobody takes the export as incomplete.
        "withheld": {item.model: str(item.withheld) for item in registry.personal if item.withheld},
        "data": {},
    }
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in registry.personal:
            rows = list(item.export_rows(person).order_by("pk"))
            payload["data"][item.model] = [_row(obj, item.hidden) for obj in rows]
            for obj in rows:
                for name in item.files:
                    stored = getattr(obj, name)
                    if not stored:
                        continue
                    try:
                        with stored.open("rb") as handle:
                            archive.writestr(f"files/{item.model}/{obj.pk}/{name}", handle.read())
                    except FileNotFoundError:
                        continue
        archive.writestr(
            "data.json", json.dumps(payload, ensure_ascii=False, indent=1, default=str)
        )
    log(instance=person, action="lms.privacy.export", user=by)
    return buffer.getvalue()


ERASED_NAME = "Удалено"


@transaction.atomic
def person_erase(*, person, by, reason: str) -> dict:
    """Remove what is not needed any more; keep (anonymised) what the law requires, such as
    the facts of issued certificates. Returns counts per model for the registrar."""
    user_policy.require(by, "erase", person)
    if not reason.strip():
        raise ValidationError(_("Give the reason for erasure (e.g. the person's request)."))
    if person == by:
        raise ValidationError(_("You cannot erase your own account."))
    person = type(person).objects.select_for_update().get(pk=person.pk)
    counts = {}
    for item in registry.personal:
        if item.model == "accounts.User":
            continue
        rows = item.rows(person)
        if item.erase == Erase.KEEP:
            counts[item.model] = 0
            continue
        for obj in rows.order_by("pk"):
            for name in item.files:
                # After the commit: a rollback or a killed process keeps row and file both.
                delete_on_commit(getattr(obj, name))
        if item.erase == Erase.DELETE:
            counts[item.model] = rows.count()
            rows.delete()
        else:
            counts[item.model] = rows.update(**dict.fromkeys(item.blank, ""))
    _anonymise_user(person)
    log(instance=person, action="lms.privacy.erase", user=by, data={"reason": reason[:500]})
    return counts


def _anonymise_user(person) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=person).delete()
    person.email = f"erased-{person.pk}@invalid"
    person.last_name = ERASED_NAME
    person.first_name = ""
    person.patronymic = ""
    person.organisation = ""
    person.position = ""
    person.date_of_birth = None
    person.territory = None
    person.is_active = False
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    try:
        from allauth.mfa.models import Authenticator

        Authenticator.objects.filter(user=person).delete()
    except ImportError:  # pragma: no cover - MFA is installed in every configuration
        pass
