"""The region's yearly monitoring of reconciliation services, computed from the practice log.

Every figure is aggregated in the database: five queries whatever the number of entries.
Rules (see the README's "Monitoring report"): a program counts as *completed* in the year
of its joint (closing) meeting, a *request* in the year it was received; a service is
*active* with 4 or more completed programs in the year; only entries a supervisor signed
off count, and of their co-mediators only those who confirmed they took part. Entries
still awaiting sign-off are only counted as such, for the "awaiting sign-off" line.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from supervision.models import EntryStatus, MediatorStatus, PracticeEntry, PracticeMediator
from supervision.vocab import (
    CONFLICT_CIRCLES,
    CaseCategory,
    CaseSubcategory,
    Outcome,
    ProgramType,
    ServiceKind,
)

ACTIVE_THRESHOLD = 4

# The rows of the region's monitoring forms: (key, label, condition on the entry).
_PT = ProgramType
TYPE_ROWS = {
    ServiceKind.SCHOOL: [
        (
            "mediation",
            _("Restorative mediation and reconciliation programs"),
            Q(program_type__in=[_PT.MEDIATION, _PT.SHUTTLE]),
        ),
        ("school_conference", _("School conferences"), Q(program_type=_PT.SCHOOL_CONFERENCE)),
        ("circles", _("Conflict community circles"), Q(program_type__in=CONFLICT_CIRCLES)),
        (
            "preventive",
            _("Restorative preventive programs"),
            Q(program_type__in=[_PT.PREVENTIVE, _PT.CIRCLE_PREVENTIVE]),
        ),
        (
            "other",
            _("Other programs"),
            Q(program_type__in=[_PT.FAMILY_CONFERENCE, _PT.SCHOOL_PARENT_COUNCIL]),
        ),
    ],
    ServiceKind.TERRITORIAL: [
        ("mediation", _("Restorative mediation"), Q(program_type=_PT.MEDIATION)),
        ("shuttle", _("Shuttle mediation"), Q(program_type=_PT.SHUTTLE)),
        ("circles", _("Community circles"), Q(program_type__in=CONFLICT_CIRCLES)),
        (
            "preventive",
            _("Preventive circles and programs"),
            Q(program_type__in=[_PT.CIRCLE_PREVENTIVE, _PT.PREVENTIVE]),
        ),
        (
            "conference",
            _("School conference / school-parent council"),
            Q(program_type__in=[_PT.SCHOOL_CONFERENCE, _PT.SCHOOL_PARENT_COUNCIL]),
        ),
        ("family_conference", _("Family conference"), Q(program_type=_PT.FAMILY_CONFERENCE)),
    ],
}
_CC, _SC = CaseCategory, CaseSubcategory
CATEGORY_ROWS = [
    ("crime", _("Juvenile crime"), Q(case_category=_CC.DELINQUENCY, case_subcategory=_SC.CRIME)),
    (
        "dangerous_act",
        _("Socially dangerous acts below the age of criminal responsibility"),
        Q(case_category=_CC.DELINQUENCY, case_subcategory=_SC.DANGEROUS_ACT),
    ),
    (
        "delinquency_other",
        _("Administrative and other offences"),
        Q(case_category=_CC.DELINQUENCY) & ~Q(case_subcategory__in=[_SC.CRIME, _SC.DANGEROUS_ACT]),
    ),
    ("family", _("Family conflicts and difficult situations"), Q(case_category=_CC.FAMILY)),
    (
        "education",
        _("Conflicts and problem situations in educational organisations"),
        Q(case_category__in=[_CC.EDUCATION, _CC.COMMUNITY, _CC.SCHOOL]),
    ),
]


@dataclass
class Figure:
    key: str
    label: str
    all: int = 0
    active: int = 0
    indent: bool = False


@dataclass
class ServiceTable:
    kind: str
    label: str
    figures: list[Figure] = field(default_factory=list)
    types: list[Figure] = field(default_factory=list)
    categories: list[Figure] = field(default_factory=list)

    def value(self, key: str) -> Figure:
        return next(f for f in self.figures + self.types + self.categories if f.key == key)


@dataclass
class MonitoringReport:
    year: int
    territory: object | None
    tables: list[ServiceTable]
    territories: list[dict]
    awaiting_signoff: int

    @property
    def has_data(self) -> bool:
        """Whether any signed-off entry counts in the year: each one is either a request
        received or a program completed in it."""
        return any(t.value("requests").all or t.value("completed").all for t in self.tables)


def _in_scope(year: int, territory_id: int | None, statuses):
    entries = PracticeEntry.objects.filter(status__in=statuses)
    if territory_id is not None:
        entries = entries.filter(service__territory_id=territory_id)
    return entries.filter(Q(request_date__year=year) | _completed_in(year))


def _reported(year: int, territory_id: int | None):
    return _in_scope(year, territory_id, EntryStatus.reported())


def _completed_in(year: int, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}outcome__in": Outcome.completed(),
            f"{prefix}joint_meeting_on__year": year,
        }
    )


def _active_services(year: int):
    """Ids of services with four or more completed programs in the year: an uncorrelated
    subquery, so the database works it out once per query, not once per row."""
    return (
        PracticeEntry.objects.filter(_completed_in(year), status__in=EntryStatus.reported())
        .values("service_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=ACTIVE_THRESHOLD)
        .values("service_id")
    )


def _distinct_users(condition: Q) -> Count:
    # CASE rather than FILTER: SQLite refuses COUNT(DISTINCT ...) FILTER with a subquery.
    return Count(Case(When(condition, then="user_id")), distinct=True)


def _sum(field_name: str, condition: Q):
    return Coalesce(Sum(field_name, filter=condition), Value(0), output_field=IntegerField())


def monitoring_report(*, year: int, territory=None) -> MonitoringReport:
    territory_id = territory.pk if territory is not None else None
    entries = _reported(year, territory_id)
    done = _completed_in(year)
    requested = Q(request_date__year=year)
    # Two passes in one query per kind of service: the inner query sums each service's
    # programs, the outer one adds the services up, split by active (4+ completed).
    per_service = {
        "p_requests": Count("pk", filter=requested),
        "p_completed": Count("pk", filter=done),
        # Prefixed: an annotation named like the model's field would shadow it in Sum().
        "p_adults": _sum("adults", done),
        "p_children": _sum("children", done),
    }
    for kind, rows in TYPE_ROWS.items():
        for key, _label, condition in rows:
            per_service[f"p_{kind}_type_{key}"] = Count("pk", filter=done & condition)
    for key, _label, condition in CATEGORY_ROWS:
        per_service[f"p_cat_{key}"] = Count("pk", filter=done & condition)
    active = Q(p_completed__gte=ACTIVE_THRESHOLD)
    totals = {
        "services": Count("service_id"),
        "services_active": Count("service_id", filter=active),
        "services_with_programs": Count("service_id", filter=Q(p_completed__gte=1)),
    }
    for name in per_service:
        key = name.removeprefix("p_")
        key = {"adults": "n_adults", "children": "n_children"}.get(key, key)
        totals[key] = Coalesce(Sum(name), Value(0))
        totals[f"{key}_active"] = Coalesce(Sum(name, filter=active), Value(0))
    by_kind = {
        kind: entries.filter(service__kind=kind)
        .values("service_id")
        .annotate(**per_service)
        .aggregate(**totals)
        for kind in ServiceKind
    }

    active_mediator = Q(entry__service_id__in=_active_services(year))
    mediator_rows = (
        PracticeMediator.objects.filter(
            entry__in=entries.values("pk"), status=MediatorStatus.CONFIRMED
        )
        .values("entry__service__kind")
        .annotate(
            # Not named "student": an annotation would shadow the field in later filters.
            adult_mediators=_distinct_users(Q(student=False)),
            adult_mediators_active=_distinct_users(Q(student=False) & active_mediator),
            student_mediators=_distinct_users(Q(student=True)),
            student_mediators_active=_distinct_users(Q(student=True) & active_mediator),
        )
    )
    mediators = {row["entry__service__kind"]: row for row in mediator_rows}

    tables = []
    for kind in ServiceKind:
        row, people = by_kind.get(kind, {}), mediators.get(kind, {})

        def fig(key, label, source=row, indent=False):
            return Figure(key, label, source.get(key, 0), source.get(f"{key}_active", 0), indent)

        table = ServiceTable(kind=kind, label=kind.label)
        table.figures = [
            fig("services", _("Reconciliation services")),
            fig("services_with_programs", _("of them completed at least one program"), indent=True),
            fig("adult_mediators", _("Adult mediators"), people),
            fig("student_mediators", _("Student mediators"), people),
            fig("requests", _("Requests received")),
            fig("completed", _("Completed restorative programs")),
            Figure(
                "participants",
                _("Participants of completed programs"),
                row.get("n_adults", 0) + row.get("n_children", 0),
                row.get("n_adults_active", 0) + row.get("n_children_active", 0),
            ),
            fig("n_adults", _("adults (parents, teachers)"), indent=True),
            fig("n_children", _("children and adolescents"), indent=True),
        ]
        table.types = [
            Figure(
                key,
                label,
                row.get(f"{kind}_type_{key}", 0),
                row.get(f"{kind}_type_{key}_active", 0),
            )
            for key, label, _c in TYPE_ROWS[kind]
        ]
        table.categories = [
            Figure(key, label, row.get(f"cat_{key}", 0), row.get(f"cat_{key}_active", 0))
            for key, label, _c in CATEGORY_ROWS
        ]
        tables.append(table)

    territories = list(
        entries.values("service__territory__name", "service__kind")
        .annotate(
            services=Count("service", distinct=True),
            requests=Count("pk", filter=requested),
            completed=Count("pk", filter=done),
            participants=_sum("adults", done) + _sum("children", done),
        )
        .order_by("service__territory__name", "service__kind")
    )
    # Handed in but not yet signed off: not in any figure, only announced as waiting.
    awaiting = _in_scope(year, territory_id, [EntryStatus.SUBMITTED]).count()
    return MonitoringReport(
        year=year,
        territory=territory,
        tables=tables,
        territories=territories,
        awaiting_signoff=awaiting,
    )


def report_years(*, territory_id: int | None = None) -> list[int]:
    """The years with data, newest first (the newest is the report's default): a request
    counts in the year received, a program in the year of its joint meeting, which may be
    a year with no request. One query."""
    # Unordered: the model's default ordering is not allowed inside a UNION.
    entries = PracticeEntry.objects.filter(status__in=EntryStatus.reported()).order_by()
    if territory_id is not None:
        entries = entries.filter(service__territory_id=territory_id)
    received = entries.values_list(ExtractYear("request_date"))
    completed = entries.filter(outcome__in=Outcome.completed(), joint_meeting_on__isnull=False)
    years = received.union(completed.values_list(ExtractYear("joint_meeting_on")))
    return sorted((year for (year,) in years), reverse=True)
