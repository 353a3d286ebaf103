"""Hypothesis strategies and checks shared by the fuzz tests of forms and JSON endpoints.

Every fuzz test follows the same pattern (see ``Fuzzer``): each example runs in a savepoint
that is rolled back afterwards, so examples do not see each other's writes; the request goes
through a client that turns a server error into a 500 response instead of raising; and the
row counts of every table are compared before and after a rejected request.
"""

from __future__ import annotations

import os
import traceback
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Examples per test: ~40 tests must run in about a minute on SQLite on a shared 2-core box.
# FUZZ_EXAMPLES=1000 digs deeper locally.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FEW = settings(FUZZ, max_examples=max(EXAMPLES // 3, 5))  # endpoints with no fields of their own

HUGE = 100_000

# Inputs that broke or nearly broke something somewhere: parsers (int(), Decimal, dates),
# databases (NUL in PostgreSQL text, integers beyond 64 bits), templates and redirects.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202e\u200fתשובה\u202c",  # RTL override and mark, Hebrew
    "\ufeff\u200b\u2060",  # BOM, zero-width space and word joiner
    "Ё̈́ё\u0301",  # combining marks
    "😀👩‍👩‍👧",
    "\r\n\t",
    "²",  # str.isdigit() is True, int() refuses it
    "١٢٣",  # Arabic-Indic digits: int() accepts them
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "sNaN",
    "-Infinity",
    "0x1F",
    "1_000",
    "9" * 20,
    "9" * 5000,  # beyond Python's int-from-string digit limit
    "-" + "9" * 30,
    "true",
    "null",
    "[]",
    "{}",
    "2027-02-30T10:00",  # well formed, impossible date
    "9999-12-31T23:59:59-12:00",  # valid, overflows when converted to UTC
    "0001-01-01T00:00:00+14:00",
    "9999-12-31",
    "0001-01-01",
    "2027-13-45",
    "25:61",
    "<script>alert(1)</script>",
    "{{ request }}{% debug %}",
    "%(name)s %s %n",
    "' OR 1=1 --",
    "../../etc/passwd",
    "/\\evil.example",
    "//evil.example",
    "javascript:alert(1)",
    "a@b",
    "@",
    "Иванова@пример.рф",
    "x" * 255 + "@example.org",
    "a" * HUGE,
    "Ольга Петровна " * (HUGE // 15),
]

_CHARS = st.characters(exclude_categories=("Cs",))  # surrogates cannot be encoded at all

junk_text = st.one_of(st.sampled_from(NASTY), st.text(_CHARS, max_size=40))
junk_number = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
).map(str)
# A list is posted as the same field repeated (what a tampered form or a script sends).
junk_list = st.lists(
    st.one_of(st.sampled_from(NASTY[:30]), st.text(_CHARS, max_size=10)), min_size=2, max_size=3
)
junk_value = st.one_of(junk_text, junk_text, junk_number, junk_list)
junk_key = st.one_of(
    st.sampled_from(["csrfmiddlewaretoken", "pk", "id", "user", "status", "__proto__", "ÿ"]),
    st.text(st.characters(codec="ascii", exclude_characters='"\r\n\x00'), min_size=1, max_size=12),
)


ABSENT = object()  # a "plausible value" meaning: leave the field out (a button not pressed)

# Free text as people type it, and as it arrives when something goes wrong: a NUL pasted from
# a PDF (PostgreSQL refuses it in text), bidirectional marks, and far too much of it.
prose = st.sampled_from(
    [
        "Стороны договорились о встрече.",
        "",
        "  пробелы  по краям  ",
        "Строка\x00с нулевым символом",
        "\u202eобратный порядок\u202c и \u200fметка",
        "Эмодзи 😀 и ё\u0301",
        "<b>разметка</b> {{ шаблон }} %(name)s",
        "Ё" * 5000,
        "a" * HUGE,
    ]
)


@st.composite
def form_data(draw, fields: dict[str, st.SearchStrategy], *, extra: bool = True):
    """Dicts with the form's real field names, plus junk.

    ``fields`` maps a field name to a strategy of plausible values (``ABSENT`` among them
    leaves the field out). Some examples send every field plausible (so accepted requests
    are tried too); the others give each field a plausible value, junk, or nothing.
    """
    plausible = draw(st.booleans())
    data = {}
    for name, valid in fields.items():
        how = "valid" if plausible else draw(st.sampled_from(["valid", "junk", "missing"]))
        value = draw(valid) if how == "valid" else draw(junk_value) if how == "junk" else ABSENT
        if value is not ABSENT:
            data[name] = value
    if extra and not plausible:
        data = {**draw(st.dictionaries(junk_key, junk_value, max_size=3)), **data}
    return data


def pick(usual, *others):
    """The usual (valid) value at least half the time, else one of the others."""
    return (
        st.one_of(st.just(usual), st.sampled_from([usual, *others])) if others else st.just(usual)
    )


button = st.sampled_from([ABSENT, "1"])


def json_bodies():
    """Raw bodies for JSON-answering endpoints: broken JSON, arrays, deep objects, binary."""
    nested = st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), junk_text),
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(junk_text, children, max_size=4)
        ),
        max_leaves=12,
    )
    import json

    deep = "[" * 5000 + "]" * 5000
    return st.one_of(
        nested.map(lambda value: (json.dumps(value), "application/json")),
        st.sampled_from(
            [
                ("{", "application/json"),
                ("[1, 2, {]", "application/json"),
                (deep, "application/json"),
                ('{"text": "a", "revision": 0}', "application/json"),
                ("\x00\xff", "application/json"),
                ("%ZZ&&=&text=%E0%A4%A", "application/x-www-form-urlencoded"),
                ("text=" + "a" * 3_000_000, "application/x-www-form-urlencoded"),  # too big
                ("&".join(f"f{i}=1" for i in range(10_050)), "application/x-www-form-urlencoded"),
                ("--x\r\nbroken", "multipart/form-data; boundary=x"),
                ("garbage", "multipart/form-data"),
                ("garbage", "text/plain"),
            ]
        ),
        st.binary(max_size=200).map(lambda raw: (raw, "application/octet-stream")),
    )


# --- the database before and after

# Sessions change on every signed-in request (the message storage, the login itself) and
# hold no user data of the forms under test; everything else must stay as it was.
VOLATILE = {"sessions.Session"}


def _models():
    return [
        m
        for m in apps.get_models(include_auto_created=True)  # many-to-many tables too
        if m._meta.managed and not m._meta.proxy and m._meta.label not in VOLATILE
    ]


def row_counts() -> dict[str, int]:
    """Rows per table, in one query (85 separate counts would double each example's time)."""
    from django.db import connection

    tables = sorted({m._meta.db_table for m in _models()})
    quoted = [connection.ops.quote_name(t) for t in tables]  # our models' tables, not input
    counts = ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in quoted)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def rows_of(*models) -> dict[str, list]:
    """Every row of ``models`` (for updates that leave the counts alone)."""
    return {m._meta.label: list(m._default_manager.order_by("pk").values()) for m in models}


def changes(before: dict, after: dict) -> dict[str, tuple[int, int]]:
    return {label: (n, after[label]) for label, n in before.items() if after[label] != n}


def warm_up(user=None) -> None:
    """Rows made lazily on the first page view whatever the input: make them beforehand.

    The centre's settings row is created the first time the layout is rendered, and
    Wagtail keeps each user's admin preferences in a row made on their first admin page.
    """
    from lms.home.models import CentreSettings

    CentreSettings.load()
    if user is not None:
        from wagtail.users.models import UserProfile

        UserProfile.get_for_user(user)


def multipart(fields: dict, files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart body by hand: the test client refuses the file names we want to send."""
    boundary = "fuzz-boundary-7MA4YWxkTrZu0gW"
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + str(item).encode()
                + b"\r\n"
            )
    for name, (filename, content) in files.items():
        quoted = filename.replace("\\", "\\\\").replace('"', '\\"')
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{quoted}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


# --- the request


def error_messages(response) -> list[str]:
    storage = getattr(response.wsgi_request, "_messages", None)
    if storage is None:
        return []
    queued = getattr(storage, "_queued_messages", [])
    return [str(m) for m in queued if m.level >= messages.ERROR]


def describe(response) -> str:
    if getattr(response, "exc_info", None):
        return "".join(traceback.format_exception(*response.exc_info))
    return f"{response.status_code} {response.content[:500]!r}"


class Fuzzer:
    """Sends one fuzzed request as ``user`` and checks the outcome.

    ``success_redirects``: the endpoint answers a POST it accepted with a redirect, so a 200
    re-render (a form with its errors) is a rejection too.
    """

    def __init__(self, user=None, *, watch=(), success_redirects=True, password=None):
        self.user = user
        self.watch = watch
        self.success_redirects = success_redirects
        self.password = password  # for pages that ask for the password again (allauth's MFA)

    def client(self) -> Client:
        client = Client(raise_request_exception=False)
        if self.user is not None:
            client.force_login(self.user)
        if self.password is not None:
            from django.urls import reverse

            again = {"password": self.password}
            assert client.post(reverse("account_reauthenticate"), again).status_code == 302
        return client

    def send(self, method, url, data=None, *, body=None, content_type=None, prepare=None, **extra):
        """One request; returns (response, rejected). Asserts no 500, no write if rejected.

        ``prepare`` runs first inside the same rolled-back savepoint (state for this example).
        """
        warm_up(self.user)
        with transaction.atomic():
            cache.clear()  # rate-limit counters: each example starts afresh
            if prepare is not None:
                prepare()
            client = self.client()
            counts, rows = row_counts(), rows_of(*self.watch)
            if body is not None:
                response = client.generic(method, url, body, content_type=content_type, **extra)
            elif method == "GET":
                response = client.get(url, data or {}, **extra)
            elif content_type == "application/x-www-form-urlencoded":
                response = client.post(url, urlencode(data, doseq=True), content_type, **extra)
            else:
                response = client.post(url, data or {}, **extra)
            assert response.status_code < 500, describe(response)
            rejected = self.rejected(method, response)
            if rejected or method == "GET":
                changed = changes(counts, row_counts())
                assert not changed, f"written on a rejected request: {changed} {describe(response)}"
                assert rows_of(*self.watch) == rows, "rows changed on a rejected request"
            elif response.status_code in (301, 302, 303):
                # What was accepted must also display: follow the redirect once.
                shown = client.get(response["Location"])
                assert shown.status_code < 500, describe(shown)
            transaction.set_rollback(True)
        return response, rejected

    def rejected(self, method: str, response) -> bool:
        if response.status_code >= 400:
            return True
        if error_messages(response):
            return True
        return method != "GET" and self.success_redirects and response.status_code == 200

    def post(self, url, data, **kwargs):
        return self.send("POST", url, data, **kwargs)

    def get(self, url, data=None, **kwargs):
        return self.send("GET", url, data, **kwargs)


encodings = st.sampled_from([None, "application/x-www-form-urlencoded"])
