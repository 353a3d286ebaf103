"""Writing the planned demo practice to the database: territories, services, users
(named from ``data``) and their signed entries with mediator teams."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from demo.loader.accounts import REGION
from demo.monitoring.data import (
    ALL_MONTHS,
    BOYS,
    DEMO_DOMAIN,
    FOLLOW_UPS,
    GIRLS,
    LAST_NAMES,
    MEN,
    NOT_COMPLETED_REASONS,
    PATRONYMICS,
    PREVENTIVE_SUMMARIES,
    REFERRALS_SCHOOL,
    REFERRALS_TERRITORIAL,
    SCHOOL_MONTHS,
    SCHOOL_POSITIONS,
    SUMMARIES,
    TERRITORIAL_POSITIONS,
    TERRITORIES,
    WOMEN,
)
from demo.monitoring.plan import (
    _assign_mediators,
    _dates,
    _outcome,
    _school_plan,
    _Service,
    _territorial_plan,
)
from lms.accounts.models import Territory, User
from supervision.models import (
    EntryStatus,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
    ReconciliationService,
)
from supervision.vocab import Outcome, ProgramType, ServiceKind

P = ProgramType


def _person(n: int, student: bool, year: int) -> dict:
    """The n-th demo person's name; women are most of the adults, as in schools."""
    last = LAST_NAMES[n % len(LAST_NAMES)]
    if student:
        woman = n % 5 in (0, 2, 3)
        first = (GIRLS if woman else BOYS)[(n // 3) % len(GIRLS if woman else BOYS)]
        # 14-17 in the reported year: a minor on every request date.
        born = date(year - 17 + n % 3, 1 + (n * 5) % 12, 1 + (n * 7) % 28)
        return {
            "last_name": last + "а" if woman else last,
            "first_name": first,
            "patronymic": "",  # a minor: no more than the programme needs
            "date_of_birth": born,
        }
    woman = n % 5 != 0
    first = (WOMEN if woman else MEN)[(n * 7 + n // len(LAST_NAMES)) % len(WOMEN if woman else MEN)]
    his, hers = PATRONYMICS[(n * 5 + n // len(LAST_NAMES)) % len(PATRONYMICS)]
    return {
        "last_name": last + "а" if woman else last,
        "first_name": first,
        "patronymic": hers if woman else his,
        "date_of_birth": None,
    }


def _emails(service: _Service) -> list[str]:
    """The service's people: adults "m1", "m2"..., then students "u1", "u2"..."""
    return [f"{service.code}-m{n + 1}{DEMO_DOMAIN}" for n in range(service.adults)] + [
        f"{service.code}-u{n + 1}{DEMO_DOMAIN}" for n in range(service.students)
    ]


USER_FIELDS = [
    "last_name",
    "first_name",
    "patronymic",
    "date_of_birth",
    "territory",
    "organisation",
    "position",
]


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def load(*, year: int = 2019) -> None:
    """Log the demo region's practice so the monitoring report for ``year`` shows the 2019
    Kuzbass figures. Replaces the demo's earlier entries (of any year)."""
    if date(year + 1, 2, 28) >= timezone.localdate():
        raise ValueError("the demo closes programs in the January after the year: pick a past year")
    school, territorial = _school_plan(), _territorial_plan()
    services = school + territorial

    territories = [
        Territory.objects.get_or_create(name=name, defaults={"region": REGION})[0]
        for name in TERRITORIES
    ]
    PracticeEntry.objects.filter(author__email__endswith=DEMO_DOMAIN).delete()

    existing = {
        (s.kind, s.organisation, s.territory_id): s
        for s in ReconciliationService.objects.filter(territory__in=territories)
    }
    missing = [
        ReconciliationService(
            kind=s.kind, organisation=s.organisation, territory=territories[s.territory]
        )
        for s in services
        if (s.kind, s.organisation, territories[s.territory].pk) not in existing
    ]
    for row in ReconciliationService.objects.bulk_create(missing):
        existing[(row.kind, row.organisation, row.territory_id)] = row

    people = {}  # email -> User fields
    serial = 0
    for service in services:
        _assign_mediators(service)
        for p, email in enumerate(_emails(service)):
            student = p >= service.adults
            if service.kind == ServiceKind.SCHOOL:
                positions = SCHOOL_POSITIONS
            else:
                positions = TERRITORIAL_POSITIONS
            people[email] = {
                **_person(serial, student, year),
                "territory": territories[service.territory],
                "organisation": "" if student else service.organisation,
                "position": "" if student else positions[serial % len(positions)],
            }
            serial += 1
    users = {u.email: u for u in User.objects.filter(email__in=people)}
    for email, fields in people.items():
        if email in users:
            for name, value in fields.items():
                setattr(users[email], name, value)
    # Reused users get today's names and places, in case the lists above changed.
    User.objects.bulk_update(users.values(), USER_FIELDS, batch_size=500)
    created = User.objects.bulk_create(
        [
            User(email=email, password=make_password(None), **fields)
            for email, fields in people.items()
            if email not in users
        ],
        batch_size=500,
    )
    users.update((u.email, u) for u in created)

    rows, teams = [], []
    k = 0
    for service in services:
        if service.kind == ServiceKind.SCHOOL:
            months, referrals = SCHOOL_MONTHS, REFERRALS_SCHOOL
        else:
            months, referrals = ALL_MONTHS, REFERRALS_TERRITORIAL
        emails = _emails(service)
        for entry in service.entries:
            k += 1
            request, preliminary, joint = _dates(entry, k, year, months)
            closed = joint or preliminary or request
            outcome = _outcome(entry, k)
            if entry.program_type in (P.PREVENTIVE, P.CIRCLE_PREVENTIVE):
                summary = PREVENTIVE_SUMMARIES[k % len(PREVENTIVE_SUMMARIES)]
            else:
                summary = SUMMARIES[entry.subcategory][k % 2]
            referral = referrals.get(entry.category, referrals[None])
            rows.append(
                PracticeEntry(
                    author=users[emails[entry.mediators[0]]],
                    service=existing[
                        (service.kind, service.organisation, territories[service.territory].pk)
                    ],
                    program_type=entry.program_type,
                    case_category=entry.category,
                    case_subcategory=entry.subcategory,
                    referral_source=referral[k % len(referral)],
                    request_date=request,
                    preliminary_meeting_on=preliminary,
                    joint_meeting_on=joint,
                    adults=entry.adults,
                    children=entry.children,
                    outcome=outcome,
                    not_completed_reason=(
                        NOT_COMPLETED_REASONS[k % len(NOT_COMPLETED_REASONS)]
                        if outcome == Outcome.NOT_COMPLETED
                        else ""
                    ),
                    summary=summary,
                    follow_up=FOLLOW_UPS[k % 3] if joint and k % 3 == 0 else "",
                    status=EntryStatus.SIGNED,
                    submitted_at=_aware(closed + timedelta(days=2), 10),
                    reviewed_at=_aware(closed + timedelta(days=5), 15),
                )
            )
            teams.append([(users[emails[p]], p >= service.adults) for p in entry.mediators])
    rows = PracticeEntry.objects.bulk_create(rows, batch_size=500)
    PracticeMediator.objects.bulk_create(
        [
            # Signed-off history: everyone on the team took part.
            PracticeMediator(entry=row, user=user, student=student, status=MediatorStatus.CONFIRMED)
            for row, team in zip(rows, teams, strict=True)
            for user, student in team
        ],
        batch_size=1000,
    )
