"""Who keeps a practice log (review F5: anyone signed in could put figures into the region's
report) and who adds reconciliation services."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from courses.models import EnrollmentStatus
from courses.tests.factories import CohortFactory, EnrollmentFactory
from lms.accounts.tests.factories import TerritoryFactory
from supervision.models import EntryStatus, PracticeEntry, ReconciliationService
from supervision.tests.factories import EntryFactory, ServiceFactory
from supervision.tests.test_practice import _form

pytestmark = pytest.mark.django_db

REFUSAL = (
    "The practice log is kept by the centre's trainees and mediators: people enrolled in one "
    "of its programs, trainees, supervisors and the registrar (under 18, only through an "
    "enrollment). If you conduct restorative programs, apply to a program or ask the centre "
    "to register you."
)


def _minor(make_user, *roles):
    return make_user(*roles, date_of_birth=timezone.localdate() - timedelta(days=15 * 365))


def _enrolled(user, status=EnrollmentStatus.APPROVED):
    EnrollmentFactory(cohort=CohortFactory(), user=user, status=status)
    return user


PEOPLE = {
    "trainee": lambda users, make_user: users["trainee"],
    "supervisor": lambda users, make_user: users["supervisor"],
    "registrar": lambda users, make_user: users["registrar"],
    "enrolled without a role": lambda users, make_user: _enrolled(make_user()),
    "enrolled minor": lambda users, make_user: _enrolled(_minor(make_user, "trainee")),
    "trainer": lambda users, make_user: users["trainer"],
    "curator": lambda users, make_user: users["curator"],
    "editor": lambda users, make_user: users["editor"],
    "nobody": lambda users, make_user: users["nobody"],
    "applicant": lambda users, make_user: _enrolled(make_user(), EnrollmentStatus.APPLIED),
    "minor trainee, not enrolled": lambda users, make_user: _minor(make_user, "trainee"),
}
MAY_KEEP = {"trainee", "supervisor", "registrar", "enrolled without a role", "enrolled minor"}


@pytest.mark.parametrize("who", PEOPLE)
def test_only_people_known_to_the_centre_keep_a_practice_log(client, users, make_user, who):
    person = PEOPLE[who](users, make_user)
    client.force_login(person)
    service = ServiceFactory()
    expected = 200 if who in MAY_KEEP else 403
    log = client.get(reverse("practice_log"))
    assert log.status_code == expected
    assert client.get(reverse("practice_new")).status_code == expected
    response = client.post(reverse("practice_new"), {**_form(service), "submit": "1"})
    assert response.status_code == (302 if who in MAY_KEEP else 403)
    assert PracticeEntry.objects.exists() == (who in MAY_KEEP)
    if who not in MAY_KEEP:
        assert escape(_(REFUSAL)) in log.content.decode()  # a page that says why


def test_someone_who_no_longer_may_keep_a_log_cannot_hand_in_an_old_draft(client, make_user):
    person = make_user()  # once a trainee; the role was taken away
    entry = EntryFactory(author=person, status=EntryStatus.DRAFT)
    client.force_login(person)
    assert client.post(reverse("practice_submit", args=[entry.pk])).status_code == 403
    assert client.get(reverse("practice_edit", args=[entry.pk])).status_code == 403
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT


# --- reconciliation services


def _service(territory, organisation="МБОУ «СОШ № 41»", kind="school"):
    return {"kind": kind, "organisation": organisation, "territory": territory.pk}


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
def test_only_the_registrar_and_curators_open_the_add_service_page(
    client, users, make_user, role, status
):
    territory = TerritoryFactory()
    person = make_user("curator", territory=territory) if role == "curator" else users[role]
    client.force_login(person)
    assert client.get(reverse("practice_service_new")).status_code == status
    response = client.post(reverse("practice_service_new"), _service(territory))
    assert response.status_code == (302 if status == 200 else 403)
    assert ReconciliationService.objects.exists() == (status == 200)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("practice_service_new"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_registrar_adds_a_service_in_any_territory(client, users):
    territory = TerritoryFactory()
    client.force_login(users["registrar"])
    response = client.post(
        reverse("practice_service_new"), _service(territory, "  МБОУ  «СОШ № 7» ")
    )
    assert response.status_code == 302
    service = ReconciliationService.objects.get()
    assert (service.organisation, service.territory) == ("МБОУ «СОШ № 7»", territory)


def test_a_curator_adds_services_in_their_own_territory_only(client, make_user):
    home, other = TerritoryFactory(), TerritoryFactory()
    curator = make_user("curator", territory=home)
    client.force_login(curator)
    page = client.get(reverse("practice_service_new"))
    assert list(page.context["form"].fields["territory"].queryset) == [home]
    refused = client.post(reverse("practice_service_new"), _service(other))
    assert refused.status_code == 200
    message = _("You may add services only in a territory you look after.")
    assert escape(message) in refused.content.decode()
    assert not ReconciliationService.objects.exists()
    client.post(reverse("practice_service_new"), _service(home))
    assert ReconciliationService.objects.get().territory == home


def test_a_curator_without_a_territory_is_told_to_ask_the_registrar(client, make_user):
    client.force_login(make_user("curator"))
    response = client.get(reverse("practice_service_new"))
    message = _("No municipal territory is assigned to you yet: ask the registrar.")
    assert response.status_code == 200 and message in response.content.decode()
    assert client.post(reverse("practice_service_new"), {}).status_code == 200
    assert not ReconciliationService.objects.exists()


def test_bad_or_duplicate_services_are_explained(client, users):
    existing = ServiceFactory()
    client.force_login(users["registrar"])
    empty = client.post(reverse("practice_service_new"), {})
    assert empty.status_code == 200 and "is-invalid" in empty.content.decode()
    twice = client.post(
        reverse("practice_service_new"),
        _service(existing.territory, existing.organisation, existing.kind),
    )
    assert twice.status_code == 200
    assert escape(_("This service is already in the list.")) in twice.content.decode()
    assert ReconciliationService.objects.count() == 1
