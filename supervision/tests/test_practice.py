"""The practice log: bad input is explained and kept, sign-off locks an entry, only the
mediator and their supervisors see it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from courses.tests.factories import CohortFactory, EnrollmentFactory
from lms.accounts.tests.factories import TerritoryFactory
from supervision.models import EntryStatus, MediatorStatus, PracticeEntry, ReconciliationService
from supervision.tests.factories import EntryFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee_world(users):
    cohort = CohortFactory(supervisors=[users["supervisor"]])
    EnrollmentFactory(cohort=cohort, user=users["trainee"])
    return {"cohort": cohort, "service": ServiceFactory()}


def _form(chosen, **overrides):
    today = timezone.localdate()
    data = {
        "service": chosen.pk,
        "new_service": "",
        "new_service_kind": "",
        "program_type": "mediation",
        "case_category": "school",
        "case_subcategory": "bullying",
        "referral_source": "school_administration",
        "request_date": (today - timedelta(days=20)).isoformat(),
        "preliminary_meeting_on": (today - timedelta(days=15)).isoformat(),
        "joint_meeting_on": (today - timedelta(days=10)).isoformat(),
        "adults": "2",
        "children": "3",
        "outcome": "agreement",
        "not_completed_reason": "",
        "summary": "Ученица седьмого класса и одноклассники; травля в чате класса.",
        "follow_up": "Через месяц встреча с классным руководителем.",
        "co_mediators": "",
    }
    data.update(overrides)
    return data


def test_a_trainee_logs_a_program_and_sends_it_for_sign_off(client, users, trainee_world, commit):
    client.force_login(users["trainee"])
    response = commit(
        client.post, reverse("practice_new"), {**_form(trainee_world["service"]), "submit": "1"}
    )
    entry = PracticeEntry.objects.get()
    assert response.status_code == 302
    assert entry.status == EntryStatus.SUBMITTED and entry.author == users["trainee"]
    assert list(entry.mediators.values_list("user", flat=True)) == [users["trainee"].pk]
    # the cohort's supervisor is told
    assert users["supervisor"].notifications.filter(url=f"/practice/{entry.pk}/").exists()


def _today(days=0):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"request_date": _today(5)}, "Эта дата ещё не наступила"),
        ({"preliminary_meeting_on": _today(-30)}, "не может быть раньше поступления заявки"),
        (
            {"preliminary_meeting_on": _today(-11), "joint_meeting_on": _today(-12)},
            "не может быть раньше первой предварительной",
        ),
        ({"adults": "15", "children": "40"}, "больше, чем бывает в программе этого вида"),
        ({"adults": "1", "children": "0"}, "не меньше 2 участников"),
        ({"joint_meeting_on": ""}, "укажите её дату"),
        ({"outcome": "not_completed", "joint_meeting_on": ""}, "почему программа не завершена"),
        ({"case_subcategory": "crime"}, "относится к другой категории"),
        ({"summary": "Петров Иван обидел Сидорову Машу."}, "персональные данные"),
        ({"adults": "-1"}, "больше либо равно 0"),
        ({"adults": "many"}, "Введите целое число"),
        ({"request_date": "31.02.2025"}, "Введите правильную дату"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_message_and_the_text_is_kept(
    client, users, trainee_world, overrides, message
):
    client.force_login(users["trainee"])
    data = _form(trainee_world["service"], **overrides)
    response = client.post(reverse("practice_new"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "одноклассники" in html or "Петров" in html  # nothing typed is lost
    assert not PracticeEntry.objects.exists()


def test_an_entry_without_a_service_is_refused_with_a_clear_message(client, users, trainee_world):
    client.force_login(users["trainee"])
    response = client.post(reverse("practice_new"), _form(trainee_world["service"], service=""))
    assert response.status_code == 200
    assert escape(_("Choose the reconciliation service.")) in response.content.decode()
    assert not PracticeEntry.objects.exists()


def test_a_mediator_can_no_longer_add_a_service_through_the_entry_form(
    client, make_user, trainee_world
):
    # The review's F5: a new service (counted by the region's report) from anyone's entry.
    mediator = make_user("trainee", territory=TerritoryFactory())
    client.force_login(mediator)
    client.post(
        reverse("practice_new"),
        _form(
            trainee_world["service"],
            service="",
            new_service="МБОУ «СОШ № 99»",
            new_service_kind="school",
        ),
    )
    assert not ReconciliationService.objects.filter(organisation="МБОУ «СОШ № 99»").exists()
    assert not PracticeEntry.objects.exists()


def test_co_mediators_are_recorded_and_a_minor_counts_as_a_student_mediator(
    client, users, trainee_world, make_user
):
    young = make_user("trainee", date_of_birth=timezone.localdate() - timedelta(days=15 * 365))
    client.force_login(users["trainee"])
    client.post(reverse("practice_new"), _form(trainee_world["service"], co_mediators=young.email))
    rows = {
        user: (student, status)
        for user, student, status in PracticeEntry.objects.get().mediators.values_list(
            "user", "student", "status"
        )
    }
    assert rows == {
        users["trainee"].pk: (False, MediatorStatus.CONFIRMED),
        young.pk: (True, MediatorStatus.PENDING),  # until they say they took part
    }


def test_the_supervisor_signs_an_entry_off_and_then_it_is_locked(client, users, trainee_world):
    entry = EntryFactory(author=users["trainee"], service=trainee_world["service"])
    client.force_login(users["supervisor"])
    assert client.get(reverse("practice_review_queue")).context["entries"][0] == entry
    client.post(reverse("practice_review", args=[entry.pk]), {"decision": "sign", "comment": ""})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SIGNED and entry.reviewed_by == users["supervisor"]
    client.force_login(users["trainee"])
    response = client.post(
        reverse("practice_edit", args=[entry.pk]), _form(trainee_world["service"], adults="3")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.adults == 2  # unchanged
    page = client.get(response["Location"], follow=True).content.decode()
    assert "изменить её уже нельзя" in page


def test_returning_needs_a_comment_and_reopens_the_entry(client, users, trainee_world):
    entry = EntryFactory(author=users["trainee"], service=trainee_world["service"])
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("practice_review", args=[entry.pk]),
        {"decision": "return", "comment": ""},
        follow=True,
    )
    assert "Напишите, что нужно исправить" in response.content.decode()
    client.post(
        reverse("practice_review", args=[entry.pk]),
        {"decision": "return", "comment": "Уточните число участников."},
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.RETURNED
    client.force_login(users["trainee"])
    client.post(
        reverse("practice_edit", args=[entry.pk]), _form(trainee_world["service"], adults="3")
    )
    entry.refresh_from_db()
    assert entry.adults == 3


def test_signing_twice_is_explained_not_an_error(client, users, trainee_world):
    entry = EntryFactory(
        author=users["trainee"], service=trainee_world["service"], status=EntryStatus.SIGNED
    )
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("practice_review", args=[entry.pk]), {"decision": "sign"}, follow=True
    )
    assert response.status_code == 200 and "статус этой записи" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("trainee", 200),  # the author
        ("supervisor", 200),  # supervises the author's cohort
        ("trainer", 404),
        ("curator", 404),
        ("registrar", 404),
        ("editor", 404),
        ("nobody", 404),
    ],
)
def test_an_entry_is_seen_by_its_mediator_and_their_supervisors_only(
    client, users, trainee_world, who, status
):
    entry = EntryFactory(author=users["trainee"], service=trainee_world["service"])
    client.force_login(users[who])
    assert client.get(reverse("practice_entry", args=[entry.pk])).status_code == status


def test_a_supervisor_of_the_services_territory_may_sign_off(client, make_user):
    territory = TerritoryFactory()
    local = make_user("supervisor", territory=territory)
    elsewhere = make_user("supervisor", territory=TerritoryFactory())
    entry = EntryFactory(service=ServiceFactory(territory=territory))
    client.force_login(elsewhere)
    assert (
        client.post(reverse("practice_review", args=[entry.pk]), {"decision": "sign"}).status_code
        == 404
    )
    client.force_login(local)
    client.post(reverse("practice_review", args=[entry.pk]), {"decision": "sign"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SIGNED


def test_another_mediators_entry_cannot_be_edited_or_submitted(
    client, users, make_user, trainee_world
):
    entry = EntryFactory(author=make_user("trainee"), status=EntryStatus.DRAFT)
    client.force_login(users["trainee"])
    assert client.get(reverse("practice_edit", args=[entry.pk])).status_code == 404
    assert client.post(reverse("practice_submit", args=[entry.pk])).status_code == 404


def test_a_trainee_cannot_review_even_when_posting_directly(client, users, trainee_world):
    entry = EntryFactory(author=users["trainee"], service=trainee_world["service"])
    client.force_login(users["trainee"])
    assert (
        client.post(reverse("practice_review", args=[entry.pk]), {"decision": "sign"}).status_code
        == 403
    )
    assert client.get(reverse("practice_review_queue")).status_code == 403


def test_the_practice_log_runs_a_fixed_number_of_queries(client, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["trainee"])
    EntryFactory.create_batch(2, author=users["trainee"])
    client.get(reverse("practice_log"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("practice_log"))
    EntryFactory.create_batch(20, author=users["trainee"])
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("practice_log"))
    assert len(large) == len(small)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for name in ("practice_log", "practice_new", "practice_review_queue"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
