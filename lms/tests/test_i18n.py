"""Russian first: every interface string has a Russian translation, and Russian is the default."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
RU_PO = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"
RU_MO = RU_PO.with_suffix(".mo")


SOURCE_DIRS = ["lms", "courses", "modules", "assessments", "supervision", "templates"]


def extract_messages(tmp_path) -> set[str]:
    """Run makemessages over a scratch copy of the project's own code.

    A copy, because makemessages writes into any ``locale`` folder it finds beside the
    sources, and a test must never touch the real catalogue.
    """
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("xgettext (Debian package gettext) is needed to check translations")
        pytest.skip("gettext is not installed: translation completeness not checked")
    from django.test import override_settings

    source = tmp_path / "src"
    skip = shutil.ignore_patterns("tests", "migrations", "__pycache__", "locale", "*.pyc")
    for name in SOURCE_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=skip)
    (source / "locale").mkdir()
    cwd = Path.cwd()
    os.chdir(source)
    try:
        with override_settings(LOCALE_PATHS=[source / "locale"]):
            call_command("makemessages", locale=["ru"], keep_pot=True, verbosity=0)
    finally:
        os.chdir(cwd)
    pot = polib.pofile(str(source / "locale" / "django.pot"))
    return {entry.msgid for entry in pot if entry.msgid}


def is_translated(entry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        # Russian has three plural forms; each must be filled in.
        return len(entry.msgstr_plural) == 3 and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_every_interface_string_has_a_russian_translation(tmp_path):
    wanted = extract_messages(tmp_path)
    assert wanted, "no strings extracted: the check itself is broken"
    catalogue = polib.pofile(str(RU_PO))
    translated = {e.msgid for e in catalogue if is_translated(e)}
    missing = sorted(wanted - translated)
    assert not missing, f"Missing Russian translations (run make messages, then fill in): {missing}"


def test_compiled_russian_catalogue_matches_the_po_file():
    # Keyed with the context: "name" of a person's data is not "name" of a program.
    po = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(RU_PO))
        if e.msgstr and not e.obsolete and "fuzzy" not in e.flags
    }
    mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(RU_MO)) if e.msgid}
    stale = sorted(k for k in po if mo.get(k) != po[k])
    assert not stale, f"django.mo is out of date (run make messages): {stale[:5]}"


@pytest.mark.django_db
def test_russian_is_the_default_even_for_an_english_browser(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "ru"
    assert "Войти" in response.content.decode()


@pytest.mark.django_db
def test_the_switcher_turns_the_interface_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/")
    assert page["Content-Language"] == "en"
    html = page.content.decode()
    assert '<html lang="en">' in html and "Sign In" in html
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert client.get("/accounts/login/")["Content-Language"] == "ru"


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_russian(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("account_login"))["Content-Language"] == "ru"
