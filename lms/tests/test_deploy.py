"""What deploy/ ships and the start-up guards: the env file, the templates, the log lines.

deploy/check runs the units for real behind nginx (CI); these are the quick checks.
"""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms import envfile
from lms.logs import AccessLogMiddleware, JsonFormatter, LevelFloor, PlainFormatter
from lms.static_check import require_collected_static

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")
# Read by settings but never by production: no line in the env file for them.
NOT_FOR_PRODUCTION = {"DEBUG"}


# --- The env file and manage.py ------------------------------------------------------------


def test_the_env_file_is_read_as_systemd_reads_it():
    text = (
        "# comment\n; also a comment\n\nSECRET_KEY='a b#c'\nALLOWED_HOSTS=lms.example.org\n"
        'EMPTY=\nQUOTED="x"\nSPACED = y\n'
    )
    assert envfile.parse(text) == {
        "SECRET_KEY": "a b#c",
        "ALLOWED_HOSTS": "lms.example.org",
        "EMPTY": "",
        "QUOTED": "x",
        "SPACED": "y",
    }
    with pytest.raises(envfile.EnvFileError, match="line 1"):
        envfile.parse("export SECRET_KEY x\n")


def test_an_env_file_without_a_settings_line_still_means_production(tmp_path):
    path = tmp_path / "env"
    path.write_text("SECRET_KEY=x\n")
    environ = {"LMS_ENV_FILE": str(path), "SECRET_KEY": "from the shell"}
    assert envfile.load(default_settings="lms.settings.dev", environ=environ) == str(path)
    assert environ["DJANGO_SETTINGS_MODULE"] == "lms.settings.production"
    assert environ["SECRET_KEY"] == "from the shell"  # the shell's value wins, as in systemd


def test_without_an_env_file_development_is_the_default(tmp_path, monkeypatch):
    monkeypatch.setattr(envfile, "DEFAULT_ENV_FILE", str(tmp_path / "absent"))
    environ = {}
    assert envfile.load(default_settings="lms.settings.dev", environ=environ) is None
    assert environ == {"DJANGO_SETTINGS_MODULE": "lms.settings.dev"}


@pytest.fixture
def production_env_file(tmp_path):
    path = tmp_path / "env"
    path.write_text(
        "DJANGO_SETTINGS_MODULE=lms.settings.production\n"
        "SECRET_KEY=" + "k" * 50 + "\nALLOWED_HOSTS=lms.example.org\n"
        f"DATABASE_URL=sqlite:///{tmp_path / 'db.sqlite3'}\nLMS_VAR_DIR={tmp_path / 'var'}\n"
    )
    return path


def manage(*args, **env) -> subprocess.CompletedProcess:
    """manage.py from a shell that set nothing but what a test gives."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LMS_"))}
    clean.update(env)
    return subprocess.run(  # noqa: S603 - this interpreter, our manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SHOW = ["shell", "-c", "from django.conf import settings as s; print(s.LMS_ENVIRONMENT)"]


def test_manage_py_takes_production_settings_from_the_env_file(production_env_file):
    result = manage(*SHOW, LMS_ENV_FILE=str(production_env_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "production"


def test_manage_py_refuses_other_settings_than_the_env_files(production_env_file):
    result = manage(
        *SHOW, LMS_ENV_FILE=str(production_env_file), DJANGO_SETTINGS_MODULE="lms.settings.dev"
    )
    assert result.returncode == 2
    assert "lms.settings.production" in result.stderr and "dev" not in result.stdout


def test_manage_py_refuses_an_env_file_that_is_named_but_missing(tmp_path):
    result = manage(*SHOW, LMS_ENV_FILE=str(tmp_path / "typo"))
    assert result.returncode == 2 and "no such file" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_manage_py_refuses_an_env_file_it_cannot_read(production_env_file):
    production_env_file.chmod(0)
    result = manage(*SHOW, LMS_ENV_FILE=str(production_env_file))
    assert result.returncode == 2 and "cannot be read" in result.stderr
    assert "dev" not in result.stdout


def test_production_refuses_to_serve_without_collected_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with pytest.raises(ImproperlyConfigured, match="collectstatic"):
        require_collected_static()
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    require_collected_static()


# --- deploy/: the env-file template and the rendered files ---------------------------------


def settings_variables() -> set[str]:
    source = "".join(p.read_text() for p in (ROOT / "lms" / "settings").glob("*.py"))
    found = re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', source)
    return set(found) | {"LMS_VAR_DIR"}


def test_the_env_template_explains_every_setting_production_reads():
    template = (DEPLOY / "env.example").read_text()
    documented = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, flags=re.MULTILINE))
    missing = settings_variables() - documented - NOT_FOR_PRODUCTION
    assert not missing, f"add these to deploy/env.example, with a comment: {sorted(missing)}"
    setting = re.compile(r"^#?[A-Z][A-Z0-9_]+=")
    lines = template.splitlines()
    for number, line in enumerate(lines):
        if setting.match(line):
            # A comment right above it, or above the group of settings it belongs to.
            above = next(x for x in reversed(lines[:number]) if not setting.match(x))
            assert above.startswith("# "), f"{line!r} has no comment above it"
    assert envfile.parse(template)["DJANGO_SETTINGS_MODULE"] == "lms.settings.production"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("rendered")
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(DEPLOY / "render"), "--env-file", str(DEPLOY / "env.example"),
         "--out", str(out)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


def test_the_nginx_site_redirects_to_https_and_sends_every_private_file(rendered):
    site = (rendered / "nginx" / "mediator-lms.conf").read_text()
    assert not re.search(r"@[A-Z_]+@", site)  # no placeholder left
    assert "return 301 https://lms.example.org$request_uri;" in site
    assert "ssl_certificate /etc/letsencrypt/live/lms.example.org/fullchain.pem;" in site
    assert "$request_id" in site.split("log_format", 1)[1].split(";", 1)[0]
    for location, folder in (("/_private/", "private"), ("/_media/", "media")):
        block = site.split(f"location {location} {{", 1)[1].split("}", 1)[0]
        assert "internal;" in block and f"alias /var/lib/mediator-lms/{folder}/;" in block
        for header in ("X-Content-Type-Options", "Strict-Transport-Security", "X-Request-ID"):
            assert f"add_header {header}" in block
    env = envfile.parse((DEPLOY / "env.example").read_text())
    assert env["LMS_X_ACCEL_REDIRECT_PREFIX"] == "/_private/"
    assert env["LMS_X_ACCEL_MEDIA_PREFIX"] == "/_media/"


def unit(rendered, name) -> dict[str, str]:
    lines = (rendered / "systemd" / name).read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and line[0] not in "#;")


def test_the_units_run_as_the_sites_user_with_the_env_file(rendered):
    names = {p.name for p in (rendered / "systemd").iterdir()}
    assert {"lms-reminders.timer", "lms-purge.timer"} <= names
    for name in names - {"lms-reminders.timer", "lms-purge.timer"}:
        settings = unit(rendered, name)
        assert settings["User"] == "mediator-lms"
        assert settings["WorkingDirectory"] == str(ROOT)
        assert settings["EnvironmentFile"] == str(DEPLOY / "env.example")
        assert settings["ExecStart"].startswith(str(ROOT / ".venv" / "bin"))
    web = unit(rendered, "lms-web@.service")
    assert "--no-control-socket" in web["ExecStart"] and "127.0.0.1:%i" in web["ExecStart"]
    assert unit(rendered, "lms-worker.service")["Restart"] == "always"
    assert "send_deadline_reminders" in unit(rendered, "lms-reminders.service")["ExecStart"]
    assert unit(rendered, "lms-reminders.timer")["OnCalendar"] == "hourly"
    assert "purge_expired --apply" in unit(rendered, "lms-purge.service")["ExecStart"]


# --- Log lines -------------------------------------------------------------------------------


def record(level=logging.INFO, name="lms.test") -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, "hello %s", ("world",), None)


def test_json_and_plain_lines_carry_the_time_with_its_utc_offset():
    line = json.loads(JsonFormatter().format(record()))
    assert ISO_WITH_OFFSET.match(line["time"]), line["time"]
    assert (line["level"], line["logger"], line["message"]) == ("INFO", "lms.test", "hello world")
    assert line["request_id"] == "-"  # outside a request (gunicorn, the worker)
    plain = PlainFormatter().format(record())
    assert ISO_WITH_OFFSET.match(plain.split(" ")[0]) and "[-] hello world" in plain


def test_the_workers_level_is_the_operators_whatever_the_worker_sets():
    floor = LevelFloor("WARNING")
    for name in ("django_tasks", "django_tasks_db.worker", "lms.worker"):
        assert not floor.filter(record(logging.INFO, name)), name
        assert floor.filter(record(logging.ERROR, name)), name
    assert floor.filter(record(logging.INFO, "lms.access"))  # other loggers: their own level
    with pytest.raises(ValueError, match="Unknown log level"):
        LevelFloor("LOUD")


@pytest.mark.django_db
def test_every_request_logs_one_access_line_with_its_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="lms.access"):
        client.get("/healthz", HTTP_X_REQUEST_ID="req-77")
    [line] = [r for r in caplog.records if r.name == "lms.access"]
    assert (line.method, line.path, line.status) == ("GET", "/healthz", 200)
    assert line.request_id == "req-77" and line.duration_ms >= 0
    assert AccessLogMiddleware.__module__ == "lms.logs"
