"""Demo accounts and territories for `seed_demo`."""

from dataclasses import dataclass, field
from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from lms.accounts.models import Consent, StaffTerritory, Territory, User
from lms.demo import DEMO_PASSWORD
from lms.roles import Role, forget_roles

REGION = "Кемеровская область — Кузбасс"
TERRITORIES = [
    "Кемеровский городской округ",
    "Новокузнецкий городской округ",
    "Прокопьевский городской округ",
    "Ленинск-Кузнецкий муниципальный округ",
    "Беловский городской округ",
]


def _years_ago(years: int) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


@dataclass(frozen=True)
class DemoAccount:
    email: str
    last_name: str
    first_name: str
    patronymic: str
    roles: tuple[str, ...]
    role_note: str
    organisation: str = ""
    position: str = ""
    territory: str | None = None
    superuser: bool = False
    extra: dict = field(default_factory=dict)


DEMO_ACCOUNTS = [
    DemoAccount(
        "trainee@example.org",
        "Трофимова",
        "Анна",
        "Сергеевна",
        (Role.TRAINEE,),
        "слушатель (педагог-психолог школы)",
        organisation="МБОУ «Средняя общеобразовательная школа № 12»",
        position="педагог-психолог",
        territory=TERRITORIES[0],
    ),
    DemoAccount(
        # A minor: only what the 36-hour programme needs is kept.
        "volunteer@example.org",
        "Волков",
        "Илья",
        "",
        (Role.TRAINEE,),
        "юный медиатор, 15 лет (несовершеннолетний)",
        territory=TERRITORIES[1],
        extra={"date_of_birth_years": 15},
    ),
    DemoAccount(
        "trainer@example.org",
        "Смирнова",
        "Елена",
        "Викторовна",
        (Role.TRAINER,),
        "преподаватель, тренер-медиатор",
        organisation="Региональный центр восстановительных технологий",
        position="тренер-медиатор",
    ),
    DemoAccount(
        "supervisor@example.org",
        "Кузнецов",
        "Андрей",
        "Павлович",
        (Role.SUPERVISOR,),
        "супервизор",
        organisation="Региональный центр восстановительных технологий",
        position="супервизор",
    ),
    DemoAccount(
        "curator@example.org",
        "Орлова",
        "Марина",
        "Ивановна",
        (Role.CURATOR,),
        "куратор служб примирения (Новокузнецкий городской округ)",
        organisation="Комитет образования и науки администрации г. Новокузнецка",
        position="куратор служб примирения",
        territory=TERRITORIES[1],
    ),
    DemoAccount(
        "registrar@example.org",
        "Белова",
        "Ольга",
        "Николаевна",
        (Role.REGISTRAR,),
        "специалист центра (зачисление, документы)",
        organisation="Региональный центр восстановительных технологий",
        position="методист",
    ),
    DemoAccount(
        "editor@example.org",
        "Соколов",
        "Дмитрий",
        "Олегович",
        (Role.EDITOR,),
        "редактор сайта, суперпользователь",
        organisation="Региональный центр восстановительных технологий",
        position="редактор",
        superuser=True,
    ),
]


def seed(*, out=None) -> list[User]:
    territories = {
        name: Territory.objects.update_or_create(name=name, defaults={"region": REGION})[0]
        for name in TERRITORIES
    }
    users = []
    for account in DEMO_ACCOUNTS:
        years = account.extra.get("date_of_birth_years")
        user, _created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "last_name": account.last_name,
                "first_name": account.first_name,
                "patronymic": account.patronymic,
                "organisation": account.organisation,
                "position": account.position,
                "territory": territories.get(account.territory),
                "date_of_birth": _years_ago(years) if years else None,
                "is_superuser": account.superuser,
                "is_staff": account.superuser,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=account.roles))
        forget_roles(user)
        if user.territory_id and {Role.CURATOR, Role.SUPERVISOR} & set(account.roles):
            # Staff scope is the centre's assignment (lms.permissions.SameTerritory).
            StaffTerritory.objects.get_or_create(user=user, territory_id=user.territory_id)
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        if not Consent.objects.filter(user=user).exists():
            # As if they had signed up: "Мои данные" then shows a consent to withdraw.
            from lms.privacy.services import consent_give

            consent_give(user=user)
        users.append(user)
    return users
