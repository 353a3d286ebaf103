"""Demo accounts and territories (content/accounts.yaml)."""

from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from demo.loader.files import read_yaml
from lms.accounts.models import Consent, StaffTerritory, Territory, User
from lms.roles import Role, forget_roles

_DATA = read_yaml("accounts.yaml")
DEMO_PASSWORD = _DATA["password"]
REGION = _DATA["region"]
TERRITORIES = _DATA["territories"]
DEMO_ACCOUNTS = _DATA["accounts"]


def _years_ago(years: int) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def seed() -> list[User]:
    territories = {
        name: Territory.objects.update_or_create(name=name, defaults={"region": REGION})[0]
        for name in TERRITORIES
    }
    users = []
    for account in DEMO_ACCOUNTS:
        email, roles = account["email"], account["roles"]
        user, _created = User.objects.update_or_create(
            email=email,
            defaults={
                "last_name": account["last_name"],
                "first_name": account["first_name"],
                "patronymic": account.get("patronymic", ""),
                "organisation": account.get("organisation", ""),
                "position": account.get("position", ""),
                "territory": territories.get(account.get("territory")),
                "date_of_birth": _years_ago(account["age"]) if "age" in account else None,
                "is_superuser": account.get("superuser", False),
                "is_staff": account.get("superuser", False),
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=roles))
        forget_roles(user)
        if user.territory_id and {Role.CURATOR, Role.SUPERVISOR} & set(roles):
            # Staff scope is the centre's assignment (lms.permissions.SameTerritory).
            StaffTerritory.objects.get_or_create(user=user, territory_id=user.territory_id)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not Consent.objects.filter(user=user).exists():
            # As if they had signed up: "Мои данные" then shows a consent to withdraw.
            from lms.privacy.services import consent_give

            consent_give(user=user)
        users.append(user)
    return users
