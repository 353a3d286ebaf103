"""Every URL × every role (and anonymous) against the table in authorization.txt.

The URLs come from the URLconf itself, so a new URL without a row fails
``test_every_url_has_a_row``. Objects are real (lms/tests/world.py) and all belong to
cohort A, so the B-side columns are object swaps: trainee_b asking for trainee_a's
submission, certificate, practice entry, consent; trainer_b for cohort A's gradebook.

To see the actual statuses after a deliberate change: ``AUTHZ_WRITE=1 pytest
lms/tests/test_authorization_matrix.py`` writes var/authorization-actual.txt; review
every changed cell before copying it over the table.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lms.tests.world import COLUMNS, build_world

pytestmark = pytest.mark.django_db
TABLE = Path(__file__).with_name("authorization.txt")
OUR_MODULES = ("lms.", "courses.", "modules.", "assessments.", "supervision.")
# Third-party URLs in our URLconf that the table still covers: the doors into the site.
THIRD_PARTY_ROWS = {
    "account_login",
    "wagtailcore_login",
    "account_signup",
    "account_logout",
    "account_email",
    "account_change_password",
    "mfa_index",
    "wagtailadmin_home",
    "wagtail_serve",
    "set_language",
}


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    args: tuple[tuple[str, str], ...]
    expected: tuple[str, ...]

    @property
    def id(self) -> str:
        args = ",".join(f"{k}={v}" for k, v in self.args)
        return f"{self.name}:{self.method}:{args}"


def read_table() -> list[Row]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, method, args, *cells = line.split()
        assert len(cells) == len(COLUMNS), f"{name}: {len(cells)} cells for {len(COLUMNS)} columns"
        pairs = tuple(tuple(a.split("=", 1)) for a in args.split(",")) if args != "-" else ()
        rows.append(Row(name, method, pairs, tuple(cells)))
    return rows


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield pattern, namespace


def project_url_names() -> set[str]:
    names = set()
    for pattern, namespace in _walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "") or ""
        if pattern.name and (module.startswith(OUR_MODULES) or pattern.name in THIRD_PARTY_ROWS):
            names.add(namespace + pattern.name)
    return names


def test_every_url_has_a_row():
    covered = {row.name for row in read_table()}
    missing = sorted(project_url_names() - covered)
    assert missing == [], f"add rows to {TABLE.name} for: {missing}"
    stale = sorted(covered - project_url_names())
    assert stale == [], f"rows for URLs that no longer exist: {stale}"


def _url(row: Row, objects: dict) -> str:
    values = {key: objects[value] for key, value in row.args}
    if row.name == "wagtail_serve":
        return values["path"]
    if row.name == "wagtailadmin_home":
        return reverse(row.name)
    return reverse(row.name, kwargs=values)


def _status(response) -> str:
    if response.status_code in (301, 302):
        if response["Location"].startswith(reverse(settings.LOGIN_URL)):
            return "login"
        return "302"
    return str(response.status_code)


def _actual(row: Row, people: dict, objects: dict) -> list[str]:
    url = _url(row, objects)
    statuses = []
    for column in COLUMNS:
        cache.clear()  # rate limits must not carry over from one column to the next
        client = Client(raise_request_exception=False)
        if column != "anon":
            client.force_login(people[column])
        sid = transaction.savepoint()  # a permitted POST must not change the next column's world
        try:
            response = client.post(url, {}) if row.method == "POST" else client.get(url)
            statuses.append(_status(response))
        finally:
            transaction.savepoint_rollback(sid)
    return statuses


def test_every_role_gets_the_expected_status_from_every_url():
    # One world for all rows (building it per row took minutes); each request is rolled back.
    people, objects = build_world()
    wrong, written = [], []
    for row in read_table():
        actual = _actual(row, people, objects)
        args = ",".join(f"{k}={v}" for k, v in row.args) or "-"
        written.append(f"{row.name} {row.method} {args} {' '.join(actual)}")
        cells = {
            column: f"{want}→{got}"
            for column, want, got in zip(COLUMNS, row.expected, actual, strict=True)
            if want != got
        }
        if cells:
            wrong.append(f"{row.method} {_url(row, objects)} ({row.name}): {cells}")
    if os.environ.get("AUTHZ_WRITE"):
        Path(settings.VAR_DIR, "authorization-actual.txt").write_text(
            "\n".join(written) + "\n", encoding="utf-8"
        )
        return
    assert wrong == [], "expected→actual:\n" + "\n".join(wrong)


def test_the_table_admits_no_server_error():
    assert [row.id for row in read_table() if "500" in row.expected] == []


# People who edit every field of their own profile towards territory 1 (cohort A's, the
# curator's and supervisor A's) and an adult's birth date: none of it may open anything.
PROFILE_EDITORS = ("trainee_b", "nobody", "curator_2", "supervisor_2")


def _statuses(row: Row, person, objects: dict) -> str:
    cache.clear()
    client = Client(raise_request_exception=False)
    client.force_login(person)
    sid = transaction.savepoint()
    try:
        url = _url(row, objects)
        response = client.post(url, {}) if row.method == "POST" else client.get(url)
        return _status(response)
    finally:
        transaction.savepoint_rollback(sid)


def test_editing_ones_own_profile_opens_nothing():
    people, objects = build_world()
    rows = read_table()
    before = {name: [_statuses(r, people[name], objects) for r in rows] for name in PROFILE_EDITORS}
    for name in PROFILE_EDITORS:
        client = Client()
        client.force_login(people[name])
        response = client.post(
            reverse("profile"),
            {
                "last_name": "Новая",
                "first_name": "Фамилия",
                "organisation": "МБОУ «СОШ № 1»",
                "position": "педагог-психолог",
                "territory": objects["territory_1"],
                "date_of_birth": "1980-01-01",
            },
        )
        assert response.status_code == 302, name
    changed = []
    for name in PROFILE_EDITORS:
        people[name].refresh_from_db()
        for row, was in zip(rows, before[name], strict=True):
            now = _statuses(row, people[name], objects)
            if now != was:
                changed.append(f"{name} {row.id}: {was}→{now}")
    assert changed == []
    # the free-to-edit ones really did move into territory 1
    assert people["nobody"].territory_id == objects["territory_1"]
    assert people["curator_2"].territory_id == objects["territory_1"]
