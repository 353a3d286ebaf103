"""A demo region's practice log whose monitoring figures are the 2019 Kuzbass report's.

shared/domain.md ("Monitoring the region reports") gives the region's published tables;
``load()`` logs a practice that reproduces them exactly, so the monitoring report can be
checked against figures collected by hand. No randomness: every choice cycles through
fixed patterns. Idempotent: a second run reuses the demo's territories, services and users
(emails ending ``DEMO_DOMAIN``) and replaces their entries.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from math import gcd

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from lms.accounts.demo import REGION
from lms.accounts.demo import TERRITORIES as ACCOUNT_TERRITORIES
from lms.accounts.models import Territory, User
from supervision.models import (
    EntryStatus,
    PracticeEntry,
    PracticeMediator,
    ReconciliationService,
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

DEMO_DOMAIN = "@monitoring.demo.invalid"

TERRITORIES = [
    *ACCOUNT_TERRITORIES,
    "Междуреченский городской округ",
    "Юргинский городской округ",
    "Киселёвский городской округ",
    "Анжеро-Судженский городской округ",
    "Берёзовский городской округ",
    "Мариинский муниципальный округ",
    "Таштагольский муниципальный район",
    "Топкинский муниципальный округ",
]
# School services per territory (same order as TERRITORIES): 101, the big cities first.
SCHOOLS_PER_TERRITORY = [20, 20, 9, 7, 7, 7, 5, 5, 5, 4, 4, 4, 4]

P = ProgramType
C = CaseCategory
S = CaseSubcategory

# --- School services: the published totals split into active (4+ programs) / the rest ----

SCHOOL_ACTIVE = 51
SCHOOL_INACTIVE = 50
# Completed programs by type; the report's groups are in the comments (all = active + rest).
SCHOOL_TYPES_ACTIVE = {
    P.MEDIATION: 300,  # restorative mediation 331 = mediation + shuttle
    P.SHUTTLE: 31,
    P.SCHOOL_CONFERENCE: 3,
    P.CIRCLE_UNDERSTANDING: 6,  # conflict circles 26
    P.CIRCLE_RECONCILIATION: 7,
    P.CIRCLE_HARM: 4,
    P.CIRCLE_VICTIM: 2,
    P.CIRCLE_HEALING: 2,
    P.CIRCLE_PROBLEM: 5,
    P.PREVENTIVE: 45,  # preventive 57
    P.CIRCLE_PREVENTIVE: 12,
    P.FAMILY_CONFERENCE: 6,  # others 10
    P.SCHOOL_PARENT_COUNCIL: 4,
}
SCHOOL_TYPES_INACTIVE = {
    P.MEDIATION: 60,  # restorative mediation 66
    P.SHUTTLE: 6,
    P.SCHOOL_CONFERENCE: 2,
    P.CIRCLE_UNDERSTANDING: 2,  # conflict circles 6
    P.CIRCLE_RECONCILIATION: 2,
    P.CIRCLE_HARM: 1,
    P.CIRCLE_PROBLEM: 1,
    P.PREVENTIVE: 8,  # preventive 10
    P.CIRCLE_PREVENTIVE: 2,
    P.FAMILY_CONFERENCE: 2,  # others 4
    P.SCHOOL_PARENT_COUNCIL: 2,
}
# Active: 427 completed in the year, 414 requests. 28 of the completed were requested in
# December of the year before; 15 requests of the year did not end in it (10 broke off,
# 5 closed in January) -- so 399 + 15 = 414 requests and 399 + 28 = 427 completed.
SCHOOL_ACTIVE_CARRIED_IN, SCHOOL_ACTIVE_BROKEN, SCHOOL_ACTIVE_LATE = 28, 10, 5
# The rest: 88 completed, 111 requests: 3 carried in, 26 not completed in the year.
SCHOOL_INACTIVE_CARRIED_IN, SCHOOL_INACTIVE_BROKEN, SCHOOL_INACTIVE_LATE = 3, 22, 4
# Participants of completed programs (adults, children): 806 / 1238 in all.
SCHOOL_PARTICIPANTS_ACTIVE = (592, 1027)
SCHOOL_PARTICIPANTS_INACTIVE = (214, 211)
# Mediators (adults, students): 202 / 167 in all; each works in one service only.
SCHOOL_MEDIATORS_ACTIVE = (114, 108)
SCHOOL_MEDIATORS_INACTIVE = (88, 59)

# --- Territorial services: 15, 43 adult mediators, 72 requests, 65 completed -------------

TERRITORIAL_SERVICES = [
    # (territory index, organisation, mediators, completed in the year)
    (0, "МБУ «Информационно-методический центр»", 4, 12),
    (1, "Филиал ГОУ «Кузбасский РЦППМС»", 4, 10),
    (2, "Управление образования администрации городского округа", 3, 7),
    (3, "МБУ «Центр психолого-педагогической, медицинской и социальной помощи»", 3, 6),
    (4, "Филиал ГОУ «Кузбасский РЦППМС»", 3, 5),
    (5, "МБУ «Информационно-методический центр»", 3, 4),
    (6, "Управление образования администрации городского округа", 3, 4),
    (7, "МКУ «Центр социальной помощи семье и детям»", 3, 3),
    (8, "Филиал ГОУ «Кузбасский РЦППМС»", 3, 2),
    # Four services took requests but closed no program in the year.
    (9, "МБУ «Информационно-методический центр»", 2, 0),
    (10, "Управление образования администрации муниципального округа", 2, 0),
    (11, "МБУ «Центр психолого-педагогической, медицинской и социальной помощи»", 2, 0),
    (12, "Управление образования администрации муниципального округа", 2, 0),
    (0, "МКУ «Центр социальной помощи семье и детям»", 3, 6),
    (1, "МБУ «Информационно-методический центр»", 3, 6),
]
# Requests of the year not completed in it, per service index: (broken off, closed in January).
TERRITORIAL_OPEN = {9: (2, 0), 10: (2, 0), 11: (1, 0), 12: (1, 0), 0: (0, 1), 1: (0, 1), 2: (1, 0)}
# Completed programs requested the December before (services 0 and 3): 63 + 9 = 72 requests.
TERRITORIAL_CARRIED_IN = {0: 1, 3: 1}
# Completed programs: (type, category group, how many). Groups: crime 2, dangerous acts 1,
# family 36, education 26 (education, community and school categories).
TERRITORIAL_PROGRAMS = [
    (P.MEDIATION, S.CRIME, 1),
    (P.SHUTTLE, S.CRIME, 1),  # with a party in a closed institution
    (P.MEDIATION, S.DANGEROUS_ACT, 1),
    (P.MEDIATION, C.FAMILY, 26),
    (P.SHUTTLE, C.FAMILY, 2),
    (P.FAMILY_CONFERENCE, C.FAMILY, 3),
    (P.CIRCLE_HEALING, C.FAMILY, 1),
    (P.CIRCLE_RECONCILIATION, C.FAMILY, 2),
    (P.CIRCLE_PROBLEM, C.FAMILY, 1),
    (P.CIRCLE_VICTIM, C.FAMILY, 1),
    (P.MEDIATION, C.EDUCATION, 20),
    (P.CIRCLE_UNDERSTANDING, C.EDUCATION, 2),
    (P.CIRCLE_RECONCILIATION, C.EDUCATION, 1),
    (P.CIRCLE_HARM, C.EDUCATION, 1),
    (P.CIRCLE_PREVENTIVE, C.EDUCATION, 1),
    (P.SCHOOL_CONFERENCE, C.EDUCATION, 1),
]
# 289 participants; the report gives no split, so adults 150 and children 139.
TERRITORIAL_PARTICIPANTS = (150, 139)

# --- Case mix (cycled per program type) ---------------------------------------------------

SCHOOL_CATEGORIES = {
    P.MEDIATION: [
        *(C.EDUCATION, C.SCHOOL, C.EDUCATION, C.COMMUNITY, C.EDUCATION, C.FAMILY),
        *(C.EDUCATION, C.SCHOOL, C.DELINQUENCY, C.EDUCATION, C.COMMUNITY, C.SCHOOL),
    ],
    P.SHUTTLE: [C.FAMILY, C.DELINQUENCY, C.SCHOOL, C.EDUCATION],
    P.SCHOOL_CONFERENCE: [C.SCHOOL, C.EDUCATION],
    P.FAMILY_CONFERENCE: [C.FAMILY],
    P.SCHOOL_PARENT_COUNCIL: [C.SCHOOL, C.COMMUNITY],
    P.PREVENTIVE: [C.COMMUNITY, C.EDUCATION, C.SCHOOL, C.COMMUNITY],
    P.CIRCLE_PREVENTIVE: [C.COMMUNITY, C.SCHOOL, C.EDUCATION],
}
CIRCLE_CATEGORIES = [C.EDUCATION, C.COMMUNITY, C.SCHOOL, C.EDUCATION, C.FAMILY]
# The territorial "education" group: conflicts in schools and in communities.
TERRITORIAL_EDUCATION_CATEGORIES = [C.EDUCATION, C.SCHOOL, C.COMMUNITY, C.EDUCATION, C.SCHOOL]
# Requests that did not end in the year: programs and categories cycled.
OPEN_TYPES = [P.MEDIATION, P.MEDIATION, P.SHUTTLE, P.MEDIATION, P.CIRCLE_RECONCILIATION]
OPEN_CATEGORIES = [C.EDUCATION, C.FAMILY, C.SCHOOL, C.DELINQUENCY, C.COMMUNITY]

# Starting (adults, children) per mediation sub-category and per other program; the totals
# are then met by one-person steps spread over the entries.
MEDIATION_PEOPLE = {
    S.EDUCATION_PAIR: (0, 2),
    S.EDUCATION_GROUP: (0, 3),
    S.COMMUNITY_CHILDREN: (0, 3),
    S.COMMUNITY_PARENTS: (2, 0),
    S.COMMUNITY_TEACHERS: (2, 0),
    S.CRIME: (2, 2),
    S.DANGEROUS_ACT: (1, 2),
    S.ADMINISTRATIVE: (1, 2),
    S.DIFFICULT_LIFE: (1, 1),
    S.DANGEROUS_SITUATION: (2, 1),
    S.FAMILY_VIOLENCE: (2, 1),
    S.BULLYING: (1, 3),
    S.MULTILEVEL: (3, 1),
    S.HARM_BY_TEACHERS: (2, 1),
}
PROGRAM_PEOPLE = {
    P.SCHOOL_CONFERENCE: (5, 12),
    P.FAMILY_CONFERENCE: (4, 2),
    P.SCHOOL_PARENT_COUNCIL: (6, 2),
    P.PREVENTIVE: (2, 3),
    P.CIRCLE_PREVENTIVE: (2, 5),
}
CIRCLE_PEOPLE = (2, 5)

REFERRALS_SCHOOL = {
    C.DELINQUENCY: ["kdn", "police", "school_administration", "court"],
    C.FAMILY: ["social_services", "parents", "kdn", "school_administration"],
    None: ["school_administration", "teachers", "parents", "self", "teachers", "other"],
}
REFERRALS_TERRITORIAL = {
    C.DELINQUENCY: ["court", "kdn", "police"],
    C.FAMILY: ["kdn", "social_services", "parents", "court", "social_services", "other"],
    None: ["school_administration", "parents", "teachers", "kdn", "self"],
}

SUMMARIES = {
    S.EDUCATION_PAIR: [
        "Конфликт двух обучающихся после ссоры на перемене; договорились о правилах общения.",
        "Ссора обучающегося с классным руководителем из-за оценки; стороны объяснились.",
    ],
    S.EDUCATION_GROUP: [
        "Групповой конфликт в классе из-за распределения ролей в проекте.",
        "Противостояние двух групп подростков в классе после обидных сообщений в чате.",
    ],
    S.COMMUNITY_CHILDREN: [
        "Напряжённость в детском коллективе после прихода новых обучающихся.",
        "Разлад в школьной команде перед соревнованиями.",
    ],
    S.COMMUNITY_PARENTS: [
        "Разногласия в родительском сообществе класса об организации поездки.",
        "Спор родителей в общем чате класса, перешедший в личные обвинения.",
    ],
    S.COMMUNITY_TEACHERS: [
        "Разногласия в педагогическом коллективе о распределении нагрузки.",
        "Конфликт между педагогами методического объединения.",
    ],
    S.CRIME: [
        "Кража имущества несовершеннолетним; обсуждено заглаживание вреда потерпевшему.",
        "Причинение вреда здоровью в драке между подростками; возмещение вреда.",
    ],
    S.DANGEROUS_ACT: [
        "Порча имущества подростком, не достигшим возраста уголовной ответственности.",
        "Повреждение чужого велосипеда младшим подростком; договорённость о ремонте.",
    ],
    S.ADMINISTRATIVE: [
        "Мелкое хулиганство подростков на территории школы; заглаживание вреда.",
        "Мелкое хищение в магазине; встреча подростка, родителей и представителя магазина.",
    ],
    S.DIFFICULT_LIFE: [
        "Конфликт подростка с родителями в семье, оказавшейся в трудной жизненной ситуации.",
        "Разногласия родителей после развода о порядке общения с ребёнком.",
    ],
    S.DANGEROUS_SITUATION: [
        "Семья в социально опасном положении; составлен план поддержки ребёнка.",
        "Уходы подростка из дома; семья и специалисты договорились о совместных шагах.",
    ],
    S.FAMILY_VIOLENCE: [
        "Жестокое обращение в семье; обсуждены безопасность ребёнка и помощь семье.",
        "Повторяющиеся ссоры с применением силы; план семьи при участии специалистов.",
    ],
    S.BULLYING: [
        "Систематические насмешки одноклассников над обучающимся.",
        "Травля обучающегося в классе и в социальной сети.",
    ],
    S.MULTILEVEL: [
        "Эскалация конфликта между родителями, классным руководителем и администрацией.",
        "Затяжной конфликт класса с педагогом, в который вовлечены родители.",
    ],
    S.HARM_BY_TEACHERS: [
        "Обида обучающегося на резкие высказывания педагога при классе.",
        "Жалоба родителей на несправедливое отношение педагога к ребёнку.",
    ],
}
PREVENTIVE_SUMMARIES = [
    "Профилактический круг в классе: правила взаимодействия и поддержка новичков.",
    "Восстановительная профилактическая программа в параллели по теме травли.",
    "Круг сообщества в классе после летних каникул: ожидания и договорённости.",
]
FOLLOW_UPS = [
    "Повторная встреча через месяц: договорённости выполняются.",
    "Классный руководитель сообщает, что отношения в классе наладились.",
    "Стороны выполнили договорённости, дополнительная встреча не понадобилась.",
]
NOT_COMPLETED_REASONS = [
    "Одна из сторон отказалась от участия в программе.",
    "Законные представители несовершеннолетнего не дали согласия на участие.",
    "Стороны урегулировали ситуацию самостоятельно до совместной встречи.",
    "Семья сменила место жительства, связь со сторонами утрачена.",
    "После предварительных встреч стороны не были готовы к совместной встрече.",
]

# --- People -------------------------------------------------------------------------------

LAST_NAMES = [
    "Иванов", "Петров", "Сидоров", "Кузьмин", "Морозов", "Лебедев", "Козлов", "Новиков",
    "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов",
    "Богданов", "Воробьёв", "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Комаров",
    "Макаров", "Андреев", "Ковалёв", "Ильин", "Гусев", "Титов", "Борисов", "Романов",
    "Осипов", "Медведев", "Ершов", "Никитин", "Соболев", "Рябов", "Поляков", "Цветков",
    "Данилов", "Жуков", "Фролов", "Журавлёв", "Крылов", "Максимов", "Сорокин", "Захаров",
    "Калинин", "Гаврилов", "Ефимов", "Быков", "Шестаков",
]  # fmt: skip
WOMEN = [
    "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Юлия", "Марина",
    "Екатерина", "Галина", "Людмила", "Оксана", "Надежда", "Виктория", "Евгения", "Алёна",
]  # fmt: skip
MEN = [
    "Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Михаил", "Игорь", "Владимир",
    "Евгений", "Николай", "Павел", "Роман", "Олег",
]  # fmt: skip
GIRLS = ["Дарья", "Полина", "Анастасия", "Софья", "Алина", "Вероника", "Милана", "Кира", "Ева"]
BOYS = ["Артём", "Кирилл", "Егор", "Никита", "Иван", "Матвей", "Даниил", "Тимофей", "Глеб"]
PATRONYMICS = [  # (his, hers)
    ("Александрович", "Александровна"),
    ("Сергеевич", "Сергеевна"),
    ("Андреевич", "Андреевна"),
    ("Викторович", "Викторовна"),
    ("Владимирович", "Владимировна"),
    ("Николаевич", "Николаевна"),
    ("Иванович", "Ивановна"),
    ("Петрович", "Петровна"),
    ("Юрьевич", "Юрьевна"),
    ("Михайлович", "Михайловна"),
    ("Геннадьевич", "Геннадьевна"),
    ("Анатольевич", "Анатольевна"),
]
SCHOOL_POSITIONS = [
    "педагог-психолог",
    "социальный педагог",
    "заместитель директора по воспитательной работе",
    "учитель",
    "классный руководитель",
]
TERRITORIAL_POSITIONS = ["педагог-психолог", "социальный педагог", "методист", "специалист"]
SCHOOL_NAMES = [
    "МБОУ «СОШ № {}»",
    "МБОУ «СОШ № {}»",
    "МБОУ «Гимназия № {}»",
    "МБОУ «СОШ № {}»",
    "МАОУ «Лицей № {}»",
    "МБОУ «ООШ № {}»",
    "МБОУ «СОШ № {}»",
    "МАОУ «СОШ № {} с углублённым изучением отдельных предметов»",
]


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


SCHOOL_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5, 10, 11, 2, 3, 4]
ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3, 10]


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
            PracticeMediator(entry=row, user=user, student=student)
            for row, team in zip(rows, teams, strict=True)
            for user, student in team
        ],
        batch_size=1000,
    )
