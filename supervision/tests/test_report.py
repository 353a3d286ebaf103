"""The monitoring report: the published 2019 Kuzbass figures, who may see which territory,
the XLSX export and a fixed number of queries."""

import io

import pytest
from django.urls import reverse
from django.utils.translation import ngettext
from openpyxl import load_workbook

from demo import monitoring as demo_monitoring
from lms.accounts.models import StaffTerritory, Territory
from lms.accounts.tests.factories import TerritoryFactory
from supervision.models import EntryStatus, MediatorStatus
from supervision.report import monitoring_report
from supervision.tests.factories import EntryFactory, ServiceFactory
from supervision.vocab import ServiceKind

pytestmark = pytest.mark.django_db

SCHOOL_2019 = {
    "services": (101, 51),
    "adult_mediators": (202, 114),
    "student_mediators": (167, 108),
    "requests": (525, 414),
    "completed": (515, 427),
    "participants": (2044, 1619),
    "n_adults": (806, 592),
    "n_children": (1238, 1027),
}
SCHOOL_TYPES_2019 = {
    "mediation": (397, 331),
    "school_conference": (5, 3),
    "circles": (32, 26),
    "preventive": (67, 57),
    "other": (14, 10),
}
TERRITORIAL_2019 = {
    "services": 15,
    "services_with_programs": 11,
    "requests": 72,
    "completed": 65,
    "participants": 289,
}
TERRITORIAL_TYPES_2019 = {
    "mediation": 48,
    "shuttle": 3,
    "circles": 9,
    "preventive": 1,
    "conference": 1,
    "family_conference": 3,
}
TERRITORIAL_CATEGORIES_2019 = {"crime": 2, "dangerous_act": 1, "family": 36, "education": 26}


def test_the_demo_region_reproduces_the_published_2019_kuzbass_tables():
    demo_monitoring.load()
    school, territorial = monitoring_report(year=2019).tables
    assert school.kind == ServiceKind.SCHOOL
    for key, (every, active) in SCHOOL_2019.items():
        figure = school.value(key)
        assert (key, figure.all, figure.active) == (key, every, active)
    for figure in school.types:
        assert (figure.key, figure.all, figure.active) == (
            figure.key,
            *SCHOOL_TYPES_2019[figure.key],
        )
    for key, expected in TERRITORIAL_2019.items():
        assert (key, territorial.value(key).all) == (key, expected)
    mediators = (
        territorial.value("adult_mediators").all + territorial.value("student_mediators").all
    )
    assert mediators == 43
    assert {f.key: f.all for f in territorial.types} == TERRITORIAL_TYPES_2019
    categories = {f.key: f.all for f in territorial.categories}
    assert categories == {**TERRITORIAL_CATEGORIES_2019, "delinquency_other": 0}


def test_the_report_page_shows_the_figures_and_exports_them(client, users):
    demo_monitoring.load()
    client.force_login(users["registrar"])
    response = client.get(reverse("monitoring_report"), {"year": 2019})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="report-chart"' in html and "Весь регион" in html
    export = client.get(reverse("monitoring_report_xlsx"), {"year": 2019})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(export.content))
    school = book[book.sheetnames[0]]
    rows = {row[0].strip(): row[1:] for row in school.iter_rows(values_only=True) if row and row[0]}
    assert rows["Завершённые восстановительные программы"] == (515, 427)
    assert rows["Поступило заявок"] == (525, 414)
    assert "По территориям" in book.sheetnames


def test_the_report_counts_only_signed_entries_and_tells_how_many_wait(client, users):
    # The review's F5: a handed-in entry (anyone may hand one in) counted at once.
    service = ServiceFactory()
    for status in (
        EntryStatus.DRAFT,
        EntryStatus.RETURNED,
        EntryStatus.SUBMITTED,
        EntryStatus.SUBMITTED,
        EntryStatus.SIGNED,
    ):
        EntryFactory(service=service, status=status)
    year = EntryFactory._meta.model.objects.first().joint_meeting_on.year
    report = monitoring_report(year=year)
    school = report.tables[0]
    assert school.value("completed").all == 1
    assert school.value("requests").all == 1
    assert school.value("adult_mediators").all == 1
    assert report.awaiting_signoff == 2
    client.force_login(users["registrar"])
    html = client.get(reverse("monitoring_report"), {"year": year}).content.decode()
    waiting = ngettext(
        "%(n)s more entry awaits a supervisor's sign-off and is not counted yet.",
        "%(n)s more entries await a supervisor's sign-off and are not counted yet.",
        2,
    ) % {"n": 2}
    assert waiting in html  # template text: not escaped


def test_only_co_mediators_who_confirmed_count_as_the_services_mediators(make_user):
    service = ServiceFactory()
    confirmed, pending, declined = make_user("trainee"), make_user("trainee"), make_user()
    EntryFactory(service=service, status=EntryStatus.SIGNED, mediators=[confirmed])
    EntryFactory(
        service=service,
        status=EntryStatus.SIGNED,
        mediators=[pending],
        mediators__status=MediatorStatus.PENDING,
    )
    EntryFactory(
        service=service,
        status=EntryStatus.SIGNED,
        mediators=[declined],
        mediators__status=MediatorStatus.DECLINED,
    )
    year = EntryFactory._meta.model.objects.first().joint_meeting_on.year
    school = monitoring_report(year=year).tables[0]
    assert school.value("adult_mediators").all == 4  # three authors and the one who confirmed
    assert school.value("completed").all == 3


def test_a_service_with_four_programs_is_active_and_three_is_not():
    busy, quiet = ServiceFactory(), ServiceFactory()
    EntryFactory.create_batch(4, service=busy, status=EntryStatus.SIGNED)
    EntryFactory.create_batch(3, service=quiet, status=EntryStatus.SIGNED)
    year = busy.entries.first().joint_meeting_on.year
    services = monitoring_report(year=year).tables[0].value("services")
    assert (services.all, services.active) == (2, 1)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("registrar", 200),
        ("curator", 200),
        ("trainee", 403),
        ("trainer", 403),
        ("supervisor", 403),
        ("editor", 403),
        ("nobody", 403),
    ],
)
def test_only_the_registrar_and_curators_open_the_report(client, users, role, status):
    if role == "curator":
        StaffTerritory.objects.create(user=users[role], territory=TerritoryFactory())
    client.force_login(users[role])
    assert client.get(reverse("monitoring_report")).status_code == status
    assert client.get(reverse("monitoring_report_xlsx")).status_code == status


def test_a_curator_sees_their_own_territory_and_is_refused_another(client, make_user):
    home, other = TerritoryFactory(), TerritoryFactory()
    EntryFactory(service=ServiceFactory(territory=home), status=EntryStatus.SIGNED)
    EntryFactory(service=ServiceFactory(territory=other), status=EntryStatus.SIGNED)
    curator = make_user("curator", territory=home)
    client.force_login(curator)
    response = client.get(reverse("monitoring_report"))
    assert response.status_code == 200
    assert response.context["report"].territory == home
    assert response.context["report"].tables[0].value("completed").all == 1
    refused = client.get(reverse("monitoring_report"), {"territory": other.pk})
    assert refused.status_code == 403
    assert "только по своей муниципальной территории" in refused.content.decode()
    assert client.get(reverse("monitoring_report_xlsx"), {"territory": other.pk}).status_code == 403
    # asking for the whole region is the same as asking for another territory
    assert (
        client.get(reverse("monitoring_report"), {"territory": ""}).context["report"].territory
        == home
    )


def test_a_curator_without_a_territory_is_told_why(client, make_user):
    client.force_login(make_user("curator"))
    response = client.get(reverse("monitoring_report"))
    assert (
        response.status_code == 403
        and "не назначена муниципальная территория" in response.content.decode()
    )


def test_a_curators_own_profile_territory_does_not_widen_their_report(client, make_user):
    """The review read another territory's report after editing the profile's territory."""
    assigned, coveted = TerritoryFactory(), TerritoryFactory()
    curator = make_user("curator", territory=assigned)
    client.force_login(curator)
    client.post(
        reverse("profile"), {"last_name": "Орлова", "first_name": "Анна", "territory": coveted.pk}
    )
    curator.refresh_from_db()
    assert curator.territory == coveted
    assert client.get(reverse("monitoring_report"), {"territory": coveted.pk}).status_code == 403
    assert client.get(reverse("monitoring_report")).context["report"].territory == assigned


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1800"},
        {"territory": "x"},
        {"territory": "999999"},
        {"territory": "9" * 30},  # beyond the database's integers
    ],
)
def test_bad_report_parameters_are_explained_not_a_500(client, users, query):
    client.force_login(users["registrar"])
    response = client.get(reverse("monitoring_report"), query)
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()


def test_the_report_runs_a_fixed_number_of_queries_as_the_log_grows(client, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["registrar"])
    territory = TerritoryFactory()
    EntryFactory.create_batch(
        3, service=ServiceFactory(territory=territory), status=EntryStatus.SIGNED
    )
    year = str(EntryFactory._meta.model.objects.first().joint_meeting_on.year)
    client.get(reverse("monitoring_report"), {"year": year})
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("monitoring_report"), {"year": year})
    for _i in range(10):
        service = ServiceFactory(territory=TerritoryFactory(), kind=ServiceKind.TERRITORIAL)
        EntryFactory.create_batch(5, service=service, status=EntryStatus.SIGNED)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("monitoring_report"), {"year": year})
    assert len(large) == len(small)
    assert Territory.objects.count() > 10


def test_chart_labels_are_whole_text_and_bars_scale_to_the_largest_value(client, users):
    """The SVG charts cut long labels at their left edge and shrank their text."""
    demo_monitoring.load()
    client.force_login(users["registrar"])
    response = client.get(reverse("monitoring_report"), {"year": 2019})
    html = response.content.decode()
    assert "<svg" not in html
    longest = "Конфликты и проблемные ситуации в образовательных организациях"
    assert f"<span>{longest}</span>" in html  # never truncated
    school = response.context["charts"][0]
    assert [bar.percent for bar in school.bars] == [100, 1, 8, 17, 4]  # 397, 5, 32, 67, 14


def test_the_report_opens_on_the_latest_year_with_data_not_an_empty_current_year(
    client, users, make_user
):
    from datetime import date

    home, other = TerritoryFactory(), TerritoryFactory()
    # in the home territory, programs of 2021 (one closing in 2022); elsewhere, 2024
    EntryFactory(
        service=ServiceFactory(territory=home),
        status=EntryStatus.SIGNED,
        request_date=date(2021, 12, 20),
        preliminary_meeting_on=date(2021, 12, 22),
        joint_meeting_on=date(2022, 1, 15),
    )
    EntryFactory(
        service=ServiceFactory(territory=other),
        status=EntryStatus.SIGNED,
        request_date=date(2024, 3, 1),
        preliminary_meeting_on=date(2024, 3, 2),
        joint_meeting_on=date(2024, 3, 10),
    )
    EntryFactory(service=ServiceFactory(territory=home))  # awaiting sign-off: no data yet
    client.force_login(users["registrar"])
    response = client.get(reverse("monitoring_report"))
    assert response.context["report"].year == 2024
    assert response.context["years"] == [2024, 2022, 2021]
    curator = make_user("curator")
    StaffTerritory.objects.create(user=curator, territory=home)
    client.force_login(curator)
    response = client.get(reverse("monitoring_report"))
    # the closing meeting's year counts: the program was completed in 2022
    assert response.context["report"].year == 2022
    assert response.context["report"].tables[0].value("completed").all == 1


def test_a_year_without_data_says_so_instead_of_a_table_of_zeros(client, users):
    EntryFactory(service=ServiceFactory(), status=EntryStatus.SIGNED)
    client.force_login(users["registrar"])
    response = client.get(reverse("monitoring_report"), {"year": 2011})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="report-no-data"' in html
    assert 'data-testid="report-school"' not in html and 'data-testid="report-chart"' not in html
    assert 'data-testid="report-export"' not in html
    year = response.context["years"][0]
    assert f'href="?year={year}"' in html  # a way to a year that has data


def test_a_report_without_any_data_opens_on_the_current_year_and_says_so(client, users):
    from django.utils import timezone

    client.force_login(users["registrar"])
    response = client.get(reverse("monitoring_report"))
    assert response.status_code == 200
    assert response.context["report"].year == timezone.localdate().year
    assert 'data-testid="report-no-data"' in response.content.decode()
