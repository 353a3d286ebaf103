"""Co-mediators answer before an entry counts for them (review F5), and the co-mediator field
never tells the author who is registered (review F6)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from courses.tests.factories import CohortFactory, EnrollmentFactory
from lms.notifications.models import Notification
from supervision.models import (
    CoMediatorInvitation,
    EntryStatus,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
)
from supervision.selectors import entries_of
from supervision.tests.factories import EntryFactory, ServiceFactory
from supervision.tests.test_practice import _form

pytestmark = pytest.mark.django_db

SUMMARY = "Ученица седьмого класса и одноклассники; травля в чате класса."


@pytest.fixture
def service():
    return ServiceFactory()


@pytest.fixture
def author(make_user):
    return make_user("trainee", last_name="Соколова", first_name="Анна", patronymic="")


def _name(client, service, emails, **overrides):
    return client.post(reverse("practice_new"), _form(service, co_mediators=emails, **overrides))


def test_a_registered_co_mediator_is_asked_and_counted_only_after_confirming(
    client, commit, author, service, make_user
):
    colleague = make_user("trainee")
    client.force_login(author)
    commit(_name, client, service, colleague.email)
    entry = PracticeEntry.objects.get()
    row = entry.mediators.get(user=colleague)
    assert row.status == MediatorStatus.PENDING
    notice = Notification.objects.get(user=colleague)
    assert notice.url == reverse("practice_log") and "Соколова Анна" in notice.body
    assert SUMMARY not in notice.body

    client.force_login(colleague)
    log = client.get(reverse("practice_log"))
    assert list(log.context["entries"]) == []  # not in their log yet
    assert list(log.context["awaiting_answer"]) == [entry]
    assert SUMMARY not in log.content.decode()  # they see what it is, not the case
    assert client.get(reverse("practice_entry", args=[entry.pk])).status_code == 404

    response = client.post(reverse("practice_answer", args=[entry.pk]), {"answer": "took_part"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == MediatorStatus.CONFIRMED and row.answered_at
    assert list(entries_of(colleague)) == [entry]
    assert client.get(reverse("practice_entry", args=[entry.pk])).status_code == 200
    # answered once: nothing awaits them any more
    again = client.post(reverse("practice_answer", args=[entry.pk]), {"answer": "declined"})
    assert again.status_code == 404
    row.refresh_from_db()
    assert row.status == MediatorStatus.CONFIRMED


def test_a_co_mediator_who_declines_never_sees_or_counts_the_entry(
    client, author, service, make_user
):
    colleague = make_user("trainee")
    entry = EntryFactory(
        author=author,
        service=service,
        mediators=[colleague],
        mediators__status=MediatorStatus.PENDING,
    )
    client.force_login(colleague)
    client.post(reverse("practice_answer", args=[entry.pk]), {"answer": "declined"})
    assert entry.mediators.get(user=colleague).status == MediatorStatus.DECLINED
    assert list(entries_of(colleague)) == []
    assert client.get(reverse("practice_entry", args=[entry.pk])).status_code == 404
    # the author sees the answer
    client.force_login(author)
    page = client.get(reverse("practice_entry", args=[entry.pk])).content.decode()
    assert escape(str(MediatorStatus.DECLINED.label)) in page


def test_a_bad_answer_is_explained_and_changes_nothing(client, author, service, make_user):
    colleague = make_user("trainee")
    entry = EntryFactory(
        author=author, mediators=[colleague], mediators__status=MediatorStatus.PENDING
    )
    client.force_login(colleague)
    response = client.post(
        reverse("practice_answer", args=[entry.pk]), {"answer": "maybe"}, follow=True
    )
    assert response.status_code == 200
    assert "maybe" in response.content.decode()  # Django's "not one of the choices" names it
    assert entry.mediators.get(user=colleague).status == MediatorStatus.PENDING
    empty = client.post(reverse("practice_answer", args=[entry.pk]), {}, follow=True)
    assert escape(_("Say whether you took part in the program.")) in empty.content.decode()


@pytest.mark.parametrize("who", ["author", "stranger", "confirmed"])
def test_only_someone_awaiting_an_answer_may_answer(client, author, make_user, who):
    confirmed = make_user("trainee")
    entry = EntryFactory(author=author, mediators=[confirmed])
    people = {"author": author, "stranger": make_user("trainee"), "confirmed": confirmed}
    client.force_login(people[who])
    response = client.post(reverse("practice_answer", args=[entry.pk]), {"answer": "declined"})
    assert response.status_code == 404
    assert set(entry.mediators.values_list("status", flat=True)) == {MediatorStatus.CONFIRMED}


def test_answering_needs_a_post(client, author, make_user):
    colleague = make_user("trainee")
    entry = EntryFactory(
        author=author, mediators=[colleague], mediators__status=MediatorStatus.PENDING
    )
    client.force_login(colleague)
    assert client.get(reverse("practice_answer", args=[entry.pk])).status_code == 405


def test_someone_not_registered_is_invited_by_email_and_answers_after_signing_up(
    client, commit, author, service, make_user
):
    client.force_login(author)
    commit(_name, client, service, "New.Colleague@Example.org")
    entry = PracticeEntry.objects.get()
    assert list(entry.invitations.values_list("email", flat=True)) == ["new.colleague@example.org"]
    assert entry.mediators.count() == 1  # only the author
    (letter,) = mail.outbox
    assert letter.to == ["new.colleague@example.org"]
    assert "Соколова Анна" in letter.body and reverse("account_signup") in letter.body
    assert SUMMARY not in letter.body and "травля" not in letter.body  # no content of the entry

    newcomer = make_user("trainee", email="new.colleague@example.org")
    client.force_login(newcomer)
    assert list(client.get(reverse("practice_log")).context["awaiting_answer"]) == [entry]
    client.post(reverse("practice_answer", args=[entry.pk]), {"answer": "took_part"})
    assert not CoMediatorInvitation.objects.exists()
    assert entry.mediators.get(user=newcomer).status == MediatorStatus.CONFIRMED
    assert list(entries_of(newcomer)) == [entry]


def _normalised(html: str, *replace) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for old, new in replace:
        html = html.replace(old, new)
    return html


@pytest.mark.parametrize("valid", [True, False])
def test_the_author_cannot_tell_a_registered_email_from_an_unregistered_one(
    client, commit, author, service, make_user, valid
):
    # The review's F6: the form listed exactly which emails were not registered.
    registered = make_user("trainee", email="known@example.org").email
    unregistered = "ghost@example.org"
    overrides = {} if valid else {"request_date": (timezone.localdate() + timedelta(days=5))}
    client.force_login(author)
    pages = []
    for email in (registered, unregistered):
        response = commit(_name, client, service, email, **overrides)
        if valid:
            entry = PracticeEntry.objects.order_by("-pk").first()
            assert response.status_code == 302
            assert response["Location"] == reverse("practice_entry", args=[entry.pk])
            page = client.get(response["Location"]).content.decode()
            edit = client.get(reverse("practice_edit", args=[entry.pk])).content.decode()
            page += edit
            replace = [(email, "EMAIL"), (f"/practice/{entry.pk}/", "/practice/N/")]
        else:
            assert response.status_code == 200
            page, replace = response.content.decode(), [(email, "EMAIL")]
        pages.append(_normalised(page, *replace))
    assert pages[0] == pages[1]
    assert "EMAIL" in pages[0]
    if not valid:
        assert not PracticeEntry.objects.exists()


def test_naming_many_new_co_mediators_is_limited_per_hour_whoever_they_are(
    client, commit, author, service, make_user, settings
):
    settings.LMS_NEW_CO_MEDIATORS_PER_HOUR = 3
    known = make_user("trainee", email="known@example.org").email
    client.force_login(author)
    assert commit(_name, client, service, f"a@example.org, {known}").status_code == 302
    refused = commit(_name, client, service, "b@example.org, c@example.org")
    assert refused.status_code == 200
    message = _(
        "You have named too many new co-mediators within an hour (at most %(limit)s). "
        "%(left)s more can be named now; try the others later."
    ) % {"limit": 3, "left": 1}
    assert escape(message) in refused.content.decode()
    assert PracticeEntry.objects.count() == 1  # nothing saved, nobody asked
    assert CoMediatorInvitation.objects.count() == 1
    # one invitation, one notification of the registered colleague; nothing for b or c
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", known]
    # a registered email uses the allowance just the same
    assert commit(_name, client, service, known).status_code == 302
    assert commit(_name, client, service, "d@example.org").status_code == 200
    # the limit is per person: a colleague is not affected
    client.force_login(make_user("trainee"))
    assert commit(_name, client, service, "d@example.org").status_code == 302


def test_saving_again_keeps_answers_and_asks_only_the_newly_named(
    client, commit, author, service, make_user, settings
):
    settings.LMS_NEW_CO_MEDIATORS_PER_HOUR = 2
    stays, leaves = make_user("trainee"), make_user("trainee")
    entry = EntryFactory(
        author=author, service=service, status=EntryStatus.DRAFT, mediators=[stays, leaves]
    )
    CoMediatorInvitation.objects.create(entry=entry, email="invited@example.org")
    client.force_login(author)
    edit = client.get(reverse("practice_edit", args=[entry.pk]))
    named = edit.context["form"]["co_mediators"].value()
    assert named == ", ".join(sorted([stays.email, leaves.email, "invited@example.org"]))
    emails = f"{stays.email}, invited@example.org, fresh@example.org"
    response = commit(
        client.post, reverse("practice_edit", args=[entry.pk]), _form(service, co_mediators=emails)
    )
    assert response.status_code == 302
    rows = dict(entry.mediators.values_list("user", "status"))
    assert rows == {author.pk: MediatorStatus.CONFIRMED, stays.pk: MediatorStatus.CONFIRMED}
    assert set(entry.invitations.values_list("email", flat=True)) == {
        "invited@example.org",
        "fresh@example.org",
    }
    assert [m.to for m in mail.outbox] == [["fresh@example.org"]]  # one new invitation only


def test_a_co_mediator_who_may_not_keep_a_log_is_not_notified(
    client, commit, author, service, make_user
):
    minor = make_user("trainee", date_of_birth=timezone.localdate() - timedelta(days=15 * 365))
    client.force_login(author)
    commit(_name, client, service, minor.email)
    assert PracticeMediator.objects.get(user=minor).status == MediatorStatus.PENDING
    assert not Notification.objects.filter(user=minor).exists()
    # once enrolled they are among those who keep a log, and answer
    EnrollmentFactory(cohort=CohortFactory(), user=minor)
    client.force_login(minor)
    entry = PracticeEntry.objects.get()
    assert list(client.get(reverse("practice_log")).context["awaiting_answer"]) == [entry]


def test_more_than_ten_co_mediators_or_a_non_email_are_explained(client, author, service):
    client.force_login(author)
    many = ", ".join(f"p{n}@example.org" for n in range(11))
    response = _name(client, service, many)
    assert escape(_("At most 10 co-mediators.")) in response.content.decode()
    response = _name(client, service, "colleague at school")
    html = response.content.decode()
    assert response.status_code == 200 and "colleague at school" in html
    assert not PracticeEntry.objects.exists()


def test_a_colleague_who_confirmed_sees_only_those_who_confirmed(client, author, make_user):
    confirmed, pending = make_user("trainee"), make_user("trainee")
    entry = EntryFactory(author=author, mediators=[confirmed])
    PracticeMediator.objects.create(entry=entry, user=pending, status=MediatorStatus.PENDING)
    CoMediatorInvitation.objects.create(entry=entry, email="typed@example.org")
    client.force_login(confirmed)
    page = client.get(reverse("practice_entry", args=[entry.pk])).content.decode()
    assert pending.email not in page and "typed@example.org" not in page
    client.force_login(author)
    page = client.get(reverse("practice_entry", args=[entry.pk])).content.decode()
    assert pending.email in page and "typed@example.org" in page
    assert confirmed.get_full_name() in page
