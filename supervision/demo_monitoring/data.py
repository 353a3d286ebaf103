"""The demo's fixed data: the 2019 Kuzbass targets, territories and organisations, the case
mix, the texts of the entries and the people's names. Nothing here is computed."""

from lms.accounts.demo import TERRITORIES as ACCOUNT_TERRITORIES
from supervision.vocab import CaseCategory, CaseSubcategory, ProgramType

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

# --- Dates --------------------------------------------------------------------------------

SCHOOL_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5, 10, 11, 2, 3, 4]
ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3, 10]
