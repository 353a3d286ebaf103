"""The monitoring demo reproduces the 2019 Kuzbass tables (shared/domain.md) under the
report's counting rules, computed here with plain ORM queries."""

from datetime import date

import pytest
from django.db.models import Count, Q, Sum

from demo.monitoring import DEMO_DOMAIN, load
from lms.accounts.models import User
from supervision.models import PracticeEntry, PracticeMediator, ReconciliationService
from supervision.vocab import PARTICIPANT_BOUNDS, SUBCATEGORIES, ReferralSource

pytestmark = pytest.mark.django_db

YEAR = 2019
COMPLETED = ("agreement", "plan", "protocol")
CIRCLES = (
    "circle_understanding",
    "circle_reconciliation",
    "circle_harm",
    "circle_victim",
    "circle_healing",
    "circle_problem",
)
SCHOOL_GROUPS = {
    "mediation": ("mediation", "shuttle"),
    "conferences": ("school_conference",),
    "circles": CIRCLES,
    "preventive": ("preventive", "circle_preventive"),
    "others": ("family_conference", "school_parent_council"),
}
TERRITORIAL_GROUPS = {
    "mediation": ("mediation",),
    "shuttle": ("shuttle",),
    "circles": CIRCLES,
    "preventive": ("circle_preventive", "preventive"),
    "school_conference_council": ("school_conference", "school_parent_council"),
    "family_conference": ("family_conference",),
}
TERRITORIAL_CATEGORIES = {
    "crime": Q(case_category="delinquency", case_subcategory="crime"),
    "dangerous_acts": Q(case_category="delinquency", case_subcategory="dangerous_act"),
    "administrative": Q(case_category="delinquency", case_subcategory="administrative"),
    "family": Q(case_category="family"),
    "education": Q(case_category__in=("education", "community", "school")),
}


def completed_q(year=YEAR):
    return Q(outcome__in=COMPLETED, joint_meeting_on__year=year)


def figures(kind, *, active=False, year=YEAR):
    entries = PracticeEntry.objects.filter(
        service__kind=kind, status__in=("submitted", "signed")
    ).filter(Q(request_date__year=year) | completed_q(year))
    if active:
        busy = (
            entries.filter(completed_q(year))
            .values("service_id")
            .annotate(n=Count("id"))
            .filter(n__gte=4)
            .values("service_id")
        )
        entries = entries.filter(service_id__in=busy)
    done = entries.filter(completed_q(year))
    mediators = PracticeMediator.objects.filter(entry__in=entries)
    people = done.aggregate(adults=Sum("adults"), children=Sum("children"))
    groups = SCHOOL_GROUPS if kind == "school" else TERRITORIAL_GROUPS
    result = {
        "services": entries.values("service_id").distinct().count(),
        "with_programs": done.values("service_id").distinct().count(),
        "adult_mediators": mediators.filter(student=False).values("user_id").distinct().count(),
        "student_mediators": mediators.filter(student=True).values("user_id").distinct().count(),
        "requests": entries.filter(request_date__year=year).count(),
        "completed": done.count(),
        "adults": people["adults"] or 0,
        "children": people["children"] or 0,
        **{name: done.filter(program_type__in=types).count() for name, types in groups.items()},
    }
    if kind == "territorial":
        result.update({name: done.filter(q).count() for name, q in TERRITORIAL_CATEGORIES.items()})
    return result


def pick(result, *names):
    return {name: result[name] for name in names}


SCHOOL_NAMES = (
    "services",
    "adult_mediators",
    "student_mediators",
    "requests",
    "completed",
    *SCHOOL_GROUPS,
    "adults",
    "children",
)


@pytest.fixture
def demo():
    load()


def test_school_services_all(demo):
    assert pick(figures("school"), *SCHOOL_NAMES) == {
        "services": 101,
        "adult_mediators": 202,
        "student_mediators": 167,
        "requests": 525,
        "completed": 515,
        "mediation": 397,
        "conferences": 5,
        "circles": 32,
        "preventive": 67,
        "others": 14,
        "adults": 806,
        "children": 1238,
    }


def test_school_services_active(demo):
    assert pick(figures("school", active=True), *SCHOOL_NAMES) == {
        "services": 51,
        "adult_mediators": 114,
        "student_mediators": 108,
        "requests": 414,
        "completed": 427,
        "mediation": 331,
        "conferences": 3,
        "circles": 26,
        "preventive": 57,
        "others": 10,
        "adults": 592,
        "children": 1027,
    }


def test_school_participants_total(demo):
    both = figures("school"), figures("school", active=True)
    assert [f["adults"] + f["children"] for f in both] == [2044, 1619]


def test_school_uses_every_category_with_subcategories(demo):
    done = PracticeEntry.objects.filter(completed_q(), service__kind="school")
    categories = set(done.values_list("case_category", flat=True))
    assert categories == set(SUBCATEGORIES)
    assert not done.filter(case_subcategory="").exists()


def test_territorial_services(demo):
    result = figures("territorial")
    assert result == result | {
        "services": 15,
        "with_programs": 11,
        "adult_mediators": 43,
        "student_mediators": 0,
        "requests": 72,
        "completed": 65,
        "crime": 2,
        "dangerous_acts": 1,
        "administrative": 0,
        "family": 36,
        "education": 26,
        "mediation": 48,
        "shuttle": 3,
        "circles": 9,
        "preventive": 1,
        "school_conference_council": 1,
        "family_conference": 3,
    }
    assert result["adults"] + result["children"] == 289
    done = PracticeEntry.objects.filter(completed_q(), service__kind="territorial")
    assert set(done.values_list("case_category", flat=True)) == set(SUBCATEGORIES)


def test_only_2018_and_2019_requests(demo):
    years = set(PracticeEntry.objects.values_list("request_date__year", flat=True))
    assert years == {2018, 2019}
    # Requests of 2018 are only there to be completed in 2019.
    assert not PracticeEntry.objects.filter(request_date__year=2018).exclude(completed_q()).exists()


def test_entries_are_valid(demo):
    today = date.today()
    rows = PracticeEntry.objects.values()
    assert rows
    for e in rows:
        assert e["status"] == "signed" and e["reviewed_at"] and e["submitted_at"]
        dates = [e["request_date"], e["preliminary_meeting_on"], e["joint_meeting_on"]]
        present = [d for d in dates if d]
        assert present == sorted(present), e
        assert all(d <= today for d in present)
        if e["outcome"] in COMPLETED:
            assert e["joint_meeting_on"] and not e["not_completed_reason"]
        else:
            assert e["outcome"] == "not_completed" and e["not_completed_reason"].strip()
        lo, hi = PARTICIPANT_BOUNDS[e["program_type"]]
        assert lo <= e["adults"] + e["children"] <= hi, e
        assert e["case_subcategory"] in SUBCATEGORIES[e["case_category"]]
        assert e["referral_source"] in ReferralSource.values
    assert PracticeEntry.objects.values("referral_source").distinct().count() >= 6


def test_mediators_belong_to_one_service_and_author_is_an_adult_mediator(demo):
    services_of = {}
    for user_id, service_id in PracticeMediator.objects.values_list("user_id", "entry__service_id"):
        services_of.setdefault(user_id, set()).add(service_id)
    assert all(len(s) == 1 for s in services_of.values())
    authors = PracticeEntry.objects.values_list("pk", "author_id")
    rows = set(PracticeMediator.objects.values_list("entry_id", "user_id", "student"))
    assert all((pk, author, False) in rows for pk, author in authors)
    # A user is a student mediator on every entry or on none, and a minor when requested.
    kinds = set(PracticeMediator.objects.values_list("user_id", "student").distinct())
    assert len(kinds) == len({user for user, _ in kinds})
    students = PracticeMediator.objects.filter(student=True).values_list(
        "user__date_of_birth", "entry__request_date"
    )
    ages = {User(date_of_birth=born).age_on(requested) for born, requested in students}
    assert None not in ages and max(ages) < 18
    assert not ReconciliationService.objects.filter(
        kind="territorial", entries__mediators__student=True
    ).exists()


def test_free_text_names_nobody(demo):
    surnames = set(
        User.objects.filter(email__endswith=DEMO_DOMAIN).values_list("last_name", flat=True)
    )
    stems = {name.removesuffix("а") for name in surnames}
    for text in PracticeEntry.objects.values_list("summary", "not_completed_reason", "follow_up"):
        joined = " ".join(text)
        assert not any(stem in joined for stem in stems), joined


def test_another_year_moves_the_demo():
    load(year=2018)
    assert figures("school", year=2018)["completed"] == 515
    assert figures("territorial", year=2018)["requests"] == 72
    assert not PracticeEntry.objects.filter(
        request_date__year=2019, joint_meeting_on__year=2019
    ).exists()
    load()
    assert figures("school")["completed"] == 515
    assert not PracticeEntry.objects.filter(request_date__year=2017).exists()


def test_a_year_not_yet_over_is_refused():
    with pytest.raises(ValueError, match="past year"):
        load(year=date.today().year)


def test_load_twice_gives_the_same_totals():
    load()
    first = {kind: figures(kind) for kind in ("school", "territorial")}
    counts = (
        PracticeEntry.objects.count(),
        PracticeMediator.objects.count(),
        ReconciliationService.objects.count(),
        User.objects.count(),
    )
    load()
    assert {kind: figures(kind) for kind in ("school", "territorial")} == first
    assert (
        PracticeEntry.objects.count(),
        PracticeMediator.objects.count(),
        ReconciliationService.objects.count(),
        User.objects.count(),
    ) == counts
