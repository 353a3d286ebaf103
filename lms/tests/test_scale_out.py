"""The production set-up on this machine: two gunicorn processes behind one database and Redis.

Both app processes run ``lms.settings.production`` against PostgreSQL (the pytest test
database) with Redis for cache and sessions, and the task worker runs beside them as a process
of its own. A user signed in on one app process is signed in on the other; signing out on one
signs out of both; an email queued by a request to one app process is sent by the worker. Once
for each task backend: "database" (``db_worker``) and "rq" (``rqworker`` on Redis, the backend
for several machines).

Runs only on PostgreSQL with REDIS_URL set, as in the CI's PostgreSQL run:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms REDIS_URL=redis://127.0.0.1:6379/15 \
    pytest lms/tests/test_scale_out.py --create-db
The child processes use Redis database 14 (13 if REDIS_URL names 14), flushed before and after.
"""

import contextlib
import email
import email.policy
import http.client
import os
import re
import secrets
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.sessions.models import Session
from django.db import connection

from lms.roles import Role

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not REDIS_URL,
        reason="scale-out test needs PostgreSQL (DATABASE_URL=postgres://...) and REDIS_URL",
    ),
    pytest.mark.skipif(not GUNICORN.exists(), reason=f"gunicorn not installed at {GUNICORN}"),
]

# Variables a developer's or CI's shell may carry that would change the set-up under test.
INHERITED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "TASKS_BACKEND",
    "LMS_VAR_DIR",
    "LMS_MFA_REQUIRED_FOR_STAFF",
    "SECURE_SSL_REDIRECT",
    "SENTRY_DSN",
    "S3_BUCKET",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_SSL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
}
STARTUP_TIMEOUT = 20
WORKER_TIMEOUT = 20
HTTP_TIMEOUT = 10


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _child_redis_url() -> str:
    """REDIS_URL with a database number of its own (14, or 13 if the tests already use 14)."""
    parts = urlsplit(REDIS_URL)
    number = "13" if parts.path.strip("/") == "14" else "14"
    return urlunsplit(parts._replace(path=f"/{number}"))


def _test_database_url() -> str:
    """The pytest test database (test_...) as a DATABASE_URL for the child processes."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def _base_env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED}
    env.update(DJANGO_SETTINGS_MODULE="lms.settings.production", PYTHONUNBUFFERED="1", **extra)
    return env


def _log_tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class _Processes:
    """Child processes started by a test, each in a session of its own; all stopped at the end."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[subprocess.Popen] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = self.log_dir / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and commands
                args,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        process.log = log
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        # SIGINT: gunicorn's quick shutdown; the workers finish their task and exit.
        for process in self.started:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGINT)
        for process in self.started:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


class _Client:
    """A minimal HTTP client that carries cookies by hand: production cookies are Secure, and
    over plain http a cookie jar would not send them back (nginx terminates TLS in production).
    Cookies are shared between ports, as a browser shares them between them too."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.set_cookie_headers: list[str] = []

    def request(self, port: int, method: str, path: str, data: dict | None = None):
        # What nginx adds in production (README): rate limits key on the client's address.
        headers = {"X-Real-IP": "203.0.113.10", "X-Request-ID": "scale-out-test"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            conn.close()
        self.set_cookie_headers = response.headers.get_all("Set-Cookie") or []
        for header in self.set_cookie_headers:
            for name, morsel in SimpleCookie(header).items():
                expired = morsel["max-age"] == "0" or "1970" in morsel["expires"]
                if expired or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def set_cookie_header(self, name: str) -> str:
        return next((h for h in self.set_cookie_headers if h.startswith(f"{name}=")), "")


def _csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's SMTP backend: stores each message it receives."""

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self._reply("220 sink ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            verb = line[:4].decode("ascii", errors="replace").upper()
            if verb == "EHLO":
                self._reply("250-sink")
                self._reply("250 8BITMIME")
            elif verb == "RCPT":
                recipients.append(line.decode(errors="replace").split(":", 1)[1].strip(" <>\r\n"))
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                message = email.message_from_bytes(b"".join(data), policy=email.policy.default)
                self.server.messages.append((recipients, message))
                recipients = []
                self._reply("250 OK")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            elif verb in ("HELO", "MAIL", "RSET", "NOOP"):
                recipients = [] if verb == "RSET" else recipients
                self._reply("250 OK")
            else:
                self._reply("502 Command not implemented")


@pytest.fixture
def smtp_sink():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.daemon_threads = True
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    """LMS_VAR_DIR with collected static files: production reads whitenoise's manifest."""
    path = tmp_path_factory.mktemp("scale-out-var")
    env = _base_env(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgres://unused@127.0.0.1/unused"),
        LMS_VAR_DIR=str(path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=40,
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def child_redis():
    import redis

    client = redis.Redis.from_url(_child_redis_url())
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def processes(tmp_path):
    started = _Processes(tmp_path)
    yield started
    started.stop_all()


@pytest.fixture
def production_env(tasks_backend, var_dir, child_redis, smtp_sink):
    return _base_env(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=_test_database_url(),
        REDIS_URL=_child_redis_url(),
        TASKS_BACKEND=tasks_backend,
        LMS_VAR_DIR=str(var_dir),
        # Plain http on 127.0.0.1: nginx would terminate TLS and send X-Forwarded-Proto.
        SECURE_SSL_REDIRECT="False",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_sink.server_address[1]),
        EMAIL_USE_TLS="False",
        LOG_FORMAT="plain",
    )


WORKER_ID = "scale-out-worker"
WORKER_COMMANDS = {
    "database": ["db_worker", "--no-startup-delay", "--no-reload", "--worker-id", WORKER_ID],
    "rq": ["rqworker", "--job-class", "django_tasks_rq.Job", "--name", WORKER_ID, "default"],
}


@pytest.fixture
def app_ports(tasks_backend, production_env, processes):
    """Two gunicorn processes on two free ports, answering /healthz, and the task worker."""
    ports = [_free_port(), _free_port()]
    started = [
        processes.start(
            f"gunicorn-{port}",
            [
                str(GUNICORN),
                "lms.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--graceful-timeout",
                "2",
            ],
            production_env,
        )
        for port in ports
    ]
    processes.start(
        "worker", [sys.executable, "manage.py", *WORKER_COMMANDS[tasks_backend]], production_env
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT
    for port, process in zip(ports, started, strict=True):
        while True:
            assert process.poll() is None, f"gunicorn exited:\n{_log_tail(process.log)}"
            try:
                status, _headers, body = _Client().request(port, "GET", "/healthz")
                if status == 200:
                    assert '"database": "ok"' in body
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn on {port} did not answer:\n{_log_tail(process.log)}")
            time.sleep(0.2)
    return ports


def _finished_task(tasks_backend: str, child_redis) -> tuple[str, str, list[str]] | None:
    """(status, task path, worker ids) of the one task queued, once it has finished."""
    if tasks_backend == "database":
        from django_tasks_db.models import DBTaskResult

        results = list(DBTaskResult.objects.all())
        assert len(results) <= 1, f"expected one task, found {results}"
        if results and results[0].finished_at:
            return results[0].status, results[0].task_path, results[0].worker_ids
        return None
    from rq import Queue
    from rq.job import Job

    queue = Queue("default", connection=child_redis)
    ids = queue.finished_job_registry.get_job_ids() + queue.failed_job_registry.get_job_ids()
    assert len(ids) <= 1, f"expected one task, found {ids}"
    if not ids:
        return None
    job = Job.fetch(ids[0], connection=child_redis)
    result = job.latest_result()
    status = {"finished": "SUCCESSFUL", "failed": "FAILED"}[job.get_status()]
    return status, job.func_name, [result.worker_name] if result else []


def _wait_for(what: str, check, log: Path, timeout: float = WORKER_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; worker log:\n{_log_tail(log)}")
        time.sleep(0.2)
    return value


@pytest.mark.usefixtures("migration_data_back_afterwards")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("tasks_backend", ["database", "rq"])
def test_two_app_processes_share_sessions_and_a_worker_runs_their_tasks(
    tasks_backend, app_ports, processes, child_redis, smtp_sink, make_user, password
):
    port_a, port_b = app_ports
    worker_log = processes.log_dir / "worker.log"
    trainee = make_user(Role.TRAINEE.value, email="scale-out.trainee@example.org")
    # The test settings hash with MD5, which production does not accept: store a hash that
    # production can check.
    trainee.password = PBKDF2PasswordHasher().encode(password, PBKDF2PasswordHasher().salt())
    trainee.save(update_fields=["password"])

    # Sign in on A.
    browser = _Client()
    status, _headers, html = browser.request(port_a, "GET", "/accounts/login/")
    assert status == 200
    assert "secure" in browser.set_cookie_header("csrftoken").lower()
    status, headers, _html = browser.request(
        port_a,
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": _csrf_token(html), "login": trainee.email, "password": password},
    )
    assert status == 302, re.findall(r"(?s)(?:alert|invalid|error).{0,300}", _html)
    assert "/accounts/login/" not in headers["Location"]
    session_cookie = browser.set_cookie_header(settings.SESSION_COOKIE_NAME).lower()
    assert "secure" in session_cookie and "httponly" in session_cookie
    session_key = browser.cookies[settings.SESSION_COOKIE_NAME]
    # The session lives in Redis (cache-backed sessions), not in the database.
    assert child_redis.keys(f"*{session_key}"), "session not stored in Redis"
    assert not Session.objects.filter(session_key=session_key).exists()

    # B knows the session A created.
    status, _headers, html = browser.request(port_b, "GET", "/accounts/email/")
    assert status == 200, f"port B answered {status} to a signed-in page"
    assert trainee.email in html

    # Sign out on B: A no longer knows the session, even when the old cookie is replayed.
    status, _headers, html = browser.request(port_b, "GET", "/accounts/logout/")
    assert status == 200
    status, _headers, _html = browser.request(
        port_b, "POST", "/accounts/logout/", {"csrfmiddlewaretoken": _csrf_token(html)}
    )
    assert status == 302
    assert settings.SESSION_COOKIE_NAME not in browser.cookies
    assert not child_redis.keys(f"*{session_key}"), "session still in Redis after sign-out"
    replay = _Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = session_key
    status, headers, _html = replay.request(port_a, "GET", "/accounts/email/")
    assert status == 302 and headers["Location"].startswith("/accounts/login/")

    # A password reset requested on A queues the email; the worker process sends it.
    visitor = _Client()
    status, _headers, html = visitor.request(port_a, "GET", "/accounts/password/reset/")
    assert status == 200
    status, headers, _html = visitor.request(
        port_a,
        "POST",
        "/accounts/password/reset/",
        {"csrfmiddlewaretoken": _csrf_token(html), "email": trainee.email},
    )
    assert status == 302 and "/accounts/password/reset/done/" in headers["Location"]
    _wait_for("the email", lambda: smtp_sink.messages, worker_log)
    assert len(smtp_sink.messages) == 1
    recipients, message = smtp_sink.messages[0]
    assert recipients == [trainee.email]
    body = message.get_body(preferencelist=("plain",)).get_content()
    # Rendered in the request on A (its host and port in the link).
    assert f"http://127.0.0.1:{port_a}/accounts/password/reset/key/" in body

    # The task ran in the worker process, not in an app process.
    status, task_path, worker_ids = _wait_for(
        "the task result", lambda: _finished_task(tasks_backend, child_redis), worker_log
    )
    assert (status, task_path) == ("SUCCESSFUL", "lms.accounts.tasks.send_email")
    assert worker_ids == [WORKER_ID]
