"""Planning the demo: the services and the entries of each, with counts, types, case
categories, participants and mediator teams chosen (deterministically) to hit the targets
in ``data``; nothing touches the database here."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from math import gcd

from demo.monitoring.data import (
    CIRCLE_CATEGORIES,
    CIRCLE_PEOPLE,
    MEDIATION_PEOPLE,
    OPEN_CATEGORIES,
    OPEN_TYPES,
    PROGRAM_PEOPLE,
    SCHOOL_ACTIVE,
    SCHOOL_ACTIVE_BROKEN,
    SCHOOL_ACTIVE_CARRIED_IN,
    SCHOOL_ACTIVE_LATE,
    SCHOOL_CATEGORIES,
    SCHOOL_INACTIVE,
    SCHOOL_INACTIVE_BROKEN,
    SCHOOL_INACTIVE_CARRIED_IN,
    SCHOOL_INACTIVE_LATE,
    SCHOOL_MEDIATORS_ACTIVE,
    SCHOOL_MEDIATORS_INACTIVE,
    SCHOOL_NAMES,
    SCHOOL_PARTICIPANTS_ACTIVE,
    SCHOOL_PARTICIPANTS_INACTIVE,
    SCHOOL_TYPES_ACTIVE,
    SCHOOL_TYPES_INACTIVE,
    SCHOOLS_PER_TERRITORY,
    TERRITORIAL_CARRIED_IN,
    TERRITORIAL_EDUCATION_CATEGORIES,
    TERRITORIAL_OPEN,
    TERRITORIAL_PARTICIPANTS,
    TERRITORIAL_PROGRAMS,
    TERRITORIAL_SERVICES,
)
from supervision.vocab import (
    PARTICIPANT_BOUNDS,
    SUBCATEGORIES,
    CaseCategory,
    CaseSubcategory,
    Outcome,
    ProgramType,
    ServiceKind,
)

P = ProgramType
C = CaseCategory
S = CaseSubcategory


@dataclass
class _Entry:
    program_type: str
    category: str
    subcategory: str
    # "done": requested and completed in the year; "carried": requested the December
    # before; "broken": requested, not completed; "late": requested, closed in January after.
    stage: str = "done"
    adults: int = 0
    children: int = 0
    mediators: list = field(default_factory=list)  # indices into the service's people


@dataclass
class _Service:
    kind: str
    territory: int
    organisation: str
    adults: int
    students: int
    code: str
    entries: list = field(default_factory=list)


def _order(n: int) -> list[int]:
    """0..n-1 visited with a stride coprime to n: spreads adjustments and types evenly."""
    stride = max(1, int(n * 0.382))
    while gcd(stride, n) != 1:
        stride += 1
    return [(k * stride) % n for k in range(n)]


def _fit(total: int, n: int, lo: int, hi: int, pattern: list[int]) -> list[int]:
    """n counts shaped like ``pattern``, within [lo, hi], nudged by ones to sum to total."""
    values = [min(hi, max(lo, pattern[i % len(pattern)])) for i in range(n)]
    order = _order(n)
    while (diff := total - sum(values)) != 0:
        step = 1 if diff > 0 else -1
        moved = False
        for i in order:
            if sum(values) == total:
                break
            if lo <= values[i] + step <= hi:
                values[i] += step
                moved = True
        if not moved:
            raise ValueError(f"cannot split {total} into {n} counts within [{lo}, {hi}]")
    return values


def _spread(total: int, eligible: list[int], n: int) -> list[int]:
    """``total`` ones dealt round-robin over the eligible positions of an n-list."""
    counts = [0] * n
    for k in range(total):
        counts[eligible[k % len(eligible)]] += 1
    return counts


def _type_list(counts: dict) -> list[str]:
    items = [kind for kind, n in counts.items() for _ in range(n)]
    return [items[i] for i in _order(len(items))]


class _Cycler:
    """Per-key round-robin over fixed lists: the deterministic stand-in for random choice.
    Keys are tuples, since a program type or category code alone may clash with another."""

    def __init__(self):
        self.seen: dict = {}

    def __call__(self, key, options):
        k = self.seen.get(key, 0)
        self.seen[key] = k + 1
        return options[k % len(options)]


def _bounds(entry: _Entry) -> tuple[int, int]:
    return PARTICIPANT_BOUNDS[entry.program_type]


def _base_people(entry: _Entry) -> tuple[int, int]:
    if entry.program_type in (P.MEDIATION, P.SHUTTLE):
        return MEDIATION_PEOPLE[entry.subcategory]
    return PROGRAM_PEOPLE.get(entry.program_type, CIRCLE_PEOPLE)


def _fit_people(entries: list[_Entry], adults: int, children: int) -> None:
    for entry in entries:
        entry.adults, entry.children = _base_people(entry)
    order = _order(len(entries))
    for attr, target in (("adults", adults), ("children", children)):
        while (diff := target - sum(getattr(e, attr) for e in entries)) != 0:
            moved = False
            for i in order:
                if diff == 0:
                    break
                e = entries[i]
                lo, hi = _bounds(e)
                size = e.adults + e.children
                if diff > 0 and size < hi:
                    setattr(e, attr, getattr(e, attr) + 1)
                    diff -= 1
                    moved = True
                elif diff < 0 and getattr(e, attr) > 0 and size > lo:
                    setattr(e, attr, getattr(e, attr) - 1)
                    diff += 1
                    moved = True
            if not moved:
                raise ValueError(f"cannot reach {target} {attr}")


def _school_plan() -> list[_Service]:
    services = []
    used = set()
    for t, count in enumerate(SCHOOLS_PER_TERRITORY):
        for i in range(count):
            template = SCHOOL_NAMES[(i + t) % len(SCHOOL_NAMES)]
            number = 1 + (i * 7 + t * 3) % 60
            while (t, template.format(number)) in used:
                number += 1
            used.add((t, template.format(number)))
            services.append(_Service(ServiceKind.SCHOOL, t, template.format(number), 0, 0, ""))
    for n, service in enumerate(services):
        service.code = f"s{n + 1:03d}"
    active = services[0::2]  # every other service, so each territory has both kinds
    inactive = services[1::2]
    assert (len(active), len(inactive)) == (SCHOOL_ACTIVE, SCHOOL_INACTIVE)

    cycle = _Cycler()
    for group, types, done_pattern, lo, hi, carried, broken, late, people, mediators in (
        (
            active,
            SCHOOL_TYPES_ACTIVE,
            [4, 5, 6, 7, 9, 11, 14, 18, 8, 6, 4, 10],
            4,
            30,
            SCHOOL_ACTIVE_CARRIED_IN,
            SCHOOL_ACTIVE_BROKEN,
            SCHOOL_ACTIVE_LATE,
            SCHOOL_PARTICIPANTS_ACTIVE,
            SCHOOL_MEDIATORS_ACTIVE,
        ),
        (
            inactive,
            SCHOOL_TYPES_INACTIVE,
            [2, 3, 1, 2, 0, 3, 2, 1],
            0,
            3,
            SCHOOL_INACTIVE_CARRIED_IN,
            SCHOOL_INACTIVE_BROKEN,
            SCHOOL_INACTIVE_LATE,
            SCHOOL_PARTICIPANTS_INACTIVE,
            SCHOOL_MEDIATORS_INACTIVE,
        ),
    ):
        n = len(group)
        type_list = _type_list(types)
        done = _fit(len(type_list), n, lo, hi, done_pattern)
        carried_in = _spread(carried, [i for i in _order(n) if done[i] >= 2], n)
        # Services with nothing completed still took a request: give them the open ones first.
        idle = [i for i in range(n) if done[i] == 0]
        open_ = _spread(broken + late, idle + [i for i in _order(n) if done[i] > 0], n)
        adults = _fit(mediators[0], n, 1, 4, [2, 3, 2, 2, 1, 3])
        students = _fit(mediators[1], n, 0, 5, [2, 3, 0, 2, 4, 1])
        completed = []
        opened = 0
        for i, service in enumerate(group):
            service.adults, service.students = adults[i], students[i]
            for k in range(done[i]):
                ptype = type_list[len(completed)]
                category = cycle(
                    ("category", ptype), SCHOOL_CATEGORIES.get(ptype, CIRCLE_CATEGORIES)
                )
                entry = _Entry(ptype, category, cycle(("sub", category), SUBCATEGORIES[category]))
                entry.stage = "carried" if k < carried_in[i] else "done"
                service.entries.append(entry)
                completed.append(entry)
            for _ in range(open_[i]):
                ptype = cycle("open", OPEN_TYPES)
                category = cycle("open-category", OPEN_CATEGORIES)
                entry = _Entry(ptype, category, cycle(("sub", category), SUBCATEGORIES[category]))
                entry.stage = "broken" if opened < broken else "late"
                opened += 1
                entry.adults, entry.children = _base_people(entry)
                service.entries.append(entry)
        _fit_people(completed, *people)
    return services


def _territorial_plan() -> list[_Service]:
    cycle = _Cycler()
    programs = []
    for ptype, group, count in TERRITORIAL_PROGRAMS:
        for _ in range(count):
            if group in (S.CRIME, S.DANGEROUS_ACT):
                category, sub = C.DELINQUENCY, group
            else:
                if group == C.EDUCATION:
                    category = cycle(("group", group), TERRITORIAL_EDUCATION_CATEGORIES)
                else:
                    category = group
                sub = cycle(("sub", category), SUBCATEGORIES[category])
            programs.append(_Entry(ptype, category, sub))
    programs = [programs[i] for i in _order(len(programs))]
    _fit_people(programs, *TERRITORIAL_PARTICIPANTS)

    services = []
    taken = 0
    for n, (territory, organisation, mediators, done) in enumerate(TERRITORIAL_SERVICES):
        service = _Service(
            ServiceKind.TERRITORIAL, territory, organisation, mediators, 0, f"t{n + 1:02d}"
        )
        for k in range(done):
            entry = programs[taken]
            taken += 1
            entry.stage = "carried" if k < TERRITORIAL_CARRIED_IN.get(n, 0) else "done"
            service.entries.append(entry)
        broken, late = TERRITORIAL_OPEN.get(n, (0, 0))
        for stage in ["broken"] * broken + ["late"] * late:
            category = cycle("open", [C.FAMILY, C.EDUCATION, C.FAMILY, C.SCHOOL])
            entry = _Entry(P.MEDIATION, category, cycle(("sub", category), SUBCATEGORIES[category]))
            entry.stage = stage
            entry.adults, entry.children = _base_people(entry)
            service.entries.append(entry)
        services.append(service)
    assert taken == len(programs)
    return services


def _dates(entry: _Entry, k: int, year: int, months: list[int]):
    """(request, preliminary, joint) for the entry's stage; k varies the days."""
    if entry.stage == "carried":
        request = date(year - 1, 12, 3 + (k * 5) % 22)
        return (
            request,
            request + timedelta(days=2 + k % 4),
            date(year, 1, 14) + timedelta(days=(k * 7) % 35),
        )
    if entry.stage == "late":
        request = date(year, 12, 9 + k % 10)
        return request, request + timedelta(days=2 + k % 3), date(year + 1, 1, 13 + (k * 3) % 15)
    month = months[k % len(months)]
    if entry.stage == "broken":
        month = min(month, 11)
        request = date(year, month, 1 + (k * 11) % 27)
        # A third broke off before any meeting took place.
        preliminary = None if k % 3 == 0 else request + timedelta(days=1 + k % 6)
        return request, preliminary, None
    # December requests start early enough to close within the year.
    request = date(year, month, 1 + (k * 11) % (10 if month == 12 else 27))
    preliminary = request + timedelta(days=1 + k % 5)
    return request, preliminary, preliminary + timedelta(days=2 + (k * 3) % 12)


def _outcome(entry: _Entry, k: int) -> str:
    if entry.stage == "broken":
        return Outcome.NOT_COMPLETED
    if entry.program_type in (P.MEDIATION, P.SHUTTLE):
        return Outcome.AGREEMENT
    if entry.program_type in (P.PREVENTIVE, P.CIRCLE_PREVENTIVE):
        return Outcome.PROTOCOL
    if entry.program_type in (P.FAMILY_CONFERENCE, P.SCHOOL_PARENT_COUNCIL, P.SCHOOL_CONFERENCE):
        return Outcome.PLAN
    return (Outcome.PROTOCOL, Outcome.PLAN)[k % 2]


def _assign_mediators(service: _Service) -> None:
    """Author first (an adult), a second adult for group programs, a student now and then;
    whoever is still unused joins an entry so every mediator worked in the year."""
    adults = list(range(service.adults))
    students = list(range(service.adults, service.adults + service.students))
    used = set()
    for j, entry in enumerate(service.entries):
        team = [adults[j % len(adults)]]
        if entry.program_type not in (P.MEDIATION, P.SHUTTLE) and len(adults) > 1:
            team.append(adults[(j + 1) % len(adults)])
        if students and entry.children and j % 2 == 0:
            team.append(students[(j // 2) % len(students)])
        entry.mediators = team
        used.update(team)
    for t, person in enumerate(p for p in adults + students if p not in used):
        service.entries[t % len(service.entries)].mediators.append(person)
