"""The demo region's fixed data, read from ``demo/content/monitoring.yaml``: the 2019
Kuzbass targets, territories and organisations, the case mix, the texts and the names."""

from demo.loader.accounts import TERRITORIES as ACCOUNT_TERRITORIES
from demo.loader.files import read_yaml

_DATA = read_yaml("monitoring.yaml")

DEMO_DOMAIN = _DATA["demo_domain"]
TERRITORIES = [*ACCOUNT_TERRITORIES, *_DATA["territories"]]
SCHOOLS_PER_TERRITORY = _DATA["schools_per_territory"]

SCHOOL_ACTIVE = _DATA["school_active"]
SCHOOL_INACTIVE = _DATA["school_inactive"]
SCHOOL_TYPES_ACTIVE = _DATA["school_types_active"]
SCHOOL_TYPES_INACTIVE = _DATA["school_types_inactive"]
SCHOOL_ACTIVE_CARRIED_IN, SCHOOL_ACTIVE_BROKEN, SCHOOL_ACTIVE_LATE = (
    _DATA["school_active_open"][key] for key in ("carried_in", "broken", "late")
)
SCHOOL_INACTIVE_CARRIED_IN, SCHOOL_INACTIVE_BROKEN, SCHOOL_INACTIVE_LATE = (
    _DATA["school_inactive_open"][key] for key in ("carried_in", "broken", "late")
)
SCHOOL_PARTICIPANTS_ACTIVE = tuple(_DATA["school_participants_active"])
SCHOOL_PARTICIPANTS_INACTIVE = tuple(_DATA["school_participants_inactive"])
SCHOOL_MEDIATORS_ACTIVE = tuple(_DATA["school_mediators_active"])
SCHOOL_MEDIATORS_INACTIVE = tuple(_DATA["school_mediators_inactive"])

TERRITORIAL_SERVICES = [tuple(row) for row in _DATA["territorial_services"]]
TERRITORIAL_OPEN = {index: tuple(pair) for index, pair in _DATA["territorial_open"].items()}
TERRITORIAL_CARRIED_IN = _DATA["territorial_carried_in"]
TERRITORIAL_PROGRAMS = [tuple(row) for row in _DATA["territorial_programs"]]
TERRITORIAL_PARTICIPANTS = tuple(_DATA["territorial_participants"])

SCHOOL_CATEGORIES = _DATA["school_categories"]
CIRCLE_CATEGORIES = _DATA["circle_categories"]
TERRITORIAL_EDUCATION_CATEGORIES = _DATA["territorial_education_categories"]
OPEN_TYPES = _DATA["open_types"]
OPEN_CATEGORIES = _DATA["open_categories"]

MEDIATION_PEOPLE = {key: tuple(pair) for key, pair in _DATA["mediation_people"].items()}
PROGRAM_PEOPLE = {key: tuple(pair) for key, pair in _DATA["program_people"].items()}
CIRCLE_PEOPLE = tuple(_DATA["circle_people"])

# Keyed by case category; None: every other category.
REFERRALS_SCHOOL = {
    None if key == "other" else key: value for key, value in _DATA["referrals_school"].items()
}
REFERRALS_TERRITORIAL = {
    None if key == "other" else key: value for key, value in _DATA["referrals_territorial"].items()
}

SUMMARIES = _DATA["summaries"]
PREVENTIVE_SUMMARIES = _DATA["preventive_summaries"]
FOLLOW_UPS = _DATA["follow_ups"]
NOT_COMPLETED_REASONS = _DATA["not_completed_reasons"]

LAST_NAMES = _DATA["last_names"]
WOMEN = _DATA["women"]
MEN = _DATA["men"]
GIRLS = _DATA["girls"]
BOYS = _DATA["boys"]
PATRONYMICS = [tuple(pair) for pair in _DATA["patronymics"]]
SCHOOL_POSITIONS = _DATA["school_positions"]
TERRITORIAL_POSITIONS = _DATA["territorial_positions"]
SCHOOL_NAMES = _DATA["school_names"]

SCHOOL_MONTHS = _DATA["school_months"]
ALL_MONTHS = _DATA["all_months"]
