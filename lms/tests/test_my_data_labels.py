""" "Мои данные" names every kind of record in Russian (the review saw "Deadline reminders",
"Продление срокаs" and Wagtail's "Записи модели лога")."""

import re

import pytest
from django.urls import reverse

from lms.privacy.registry import registry

pytestmark = pytest.mark.django_db


def test_every_kind_of_record_is_named_in_russian():
    bad = [item.label for item in registry.personal if re.search(r"[A-Za-z]|модели", item.label)]
    assert bad == []


def test_the_page_shows_them(client, make_user):
    client.force_login(make_user("trainee"))
    page = client.get(reverse("my_data")).content.decode()
    assert "Журнал действий" in page and "Записи модели лога" not in page
    assert "Продление срокаs" not in page and "Deadline reminders" not in page
