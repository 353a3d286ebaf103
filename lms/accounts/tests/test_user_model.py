from datetime import date

import pytest
from django.db import IntegrityError, transaction

from lms.accounts.models import User
from lms.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_stored_lower_case_and_used_to_sign_in(client, password):
    user = UserFactory(email="Anna.Petrova@Example.ORG")
    assert user.email == "anna.petrova@example.org"
    assert client.login(username="ANNA.PETROVA@example.org", password=password)


def test_the_same_email_in_another_case_cannot_make_a_second_account():
    UserFactory(email="dup@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(
            email="DUP@example.org", password="x", last_name="А", first_name="Б"
        )


def test_full_name_is_in_russian_order_last_first_patronymic():
    user = UserFactory.build(last_name="Петрова", first_name="Анна", patronymic="Сергеевна")
    assert user.get_full_name() == "Петрова Анна Сергеевна"
    assert user.get_short_name() == "Анна Сергеевна"
    assert str(user) == "Петрова Анна Сергеевна"


def test_full_name_without_patronymic_has_no_trailing_space():
    user = UserFactory.build(last_name="Smith-Петрова", first_name="Анн'а", patronymic="")
    assert user.get_full_name() == "Smith-Петрова Анн'а"


@pytest.mark.parametrize(
    ("born", "minor"),
    [
        (date(2008, 11, 22), True),  # turns 18 tomorrow
        (date(2008, 11, 21), False),  # 18th birthday today
        (date(1990, 1, 1), False),
        (None, False),
    ],
)
def test_date_of_birth_marks_a_minor(born, minor, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2026, 11, 21))
    assert UserFactory.build(date_of_birth=born).is_minor is minor


def test_create_superuser_needs_no_username():
    admin = User.objects.create_superuser(
        email="root@example.org", password="x", last_name="А", first_name="Б"
    )
    assert admin.is_superuser and admin.is_staff
    assert not hasattr(admin, "username") or admin.username is None
