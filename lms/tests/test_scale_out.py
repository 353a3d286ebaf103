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
The child processes use the Redis database below the tests' (14 for 15), flushed before and after.
"""

import os
import re
import secrets
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.sessions.models import Session
from django.db import connection

from lms.roles import Role
from lms.tests.production_processes import (
    ROOT,
    CookieClient,
    Processes,
    SMTPHandler,
    base_env,
    csrf_token,
    free_port,
    log_tail,
)

GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not REDIS_URL,
        reason="scale-out test needs PostgreSQL (DATABASE_URL=postgres://...) and REDIS_URL",
    ),
    pytest.mark.skipif(not GUNICORN.exists(), reason=f"gunicorn not installed at {GUNICORN}"),
]

STARTUP_TIMEOUT = 20
WORKER_TIMEOUT = 20


def _child_redis_url() -> str:
    """The tests' Redis URL with the database number below theirs (14 when they use 15): the
    root conftest leaves it free, also for each pytest-xdist worker."""
    parts = urlsplit(settings.CACHES["default"]["LOCATION"])
    number = (int(parts.path.strip("/") or 0) - 1) % 16
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


@pytest.fixture
def smtp_sink():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPHandler)
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
    env = base_env(
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
    started = Processes(tmp_path)
    yield started
    started.stop_all()


@pytest.fixture
def production_env(tasks_backend, var_dir, child_redis, smtp_sink):
    return base_env(
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
    "database": ["run_worker", "--no-startup-delay", "--no-reload", "--worker-id", WORKER_ID],
    "rq": ["rqworker", "--job-class", "django_tasks_rq.Job", "--name", WORKER_ID, "default"],
}


@pytest.fixture
def app_ports(tasks_backend, production_env, processes):
    """Two gunicorn processes on two free ports, answering /healthz, and the task worker."""
    ports = [free_port(), free_port()]
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
            assert process.poll() is None, f"gunicorn exited:\n{log_tail(process.log)}"
            try:
                status, _headers, body = CookieClient().request(port, "GET", "/healthz")
                if status == 200:
                    assert '"database": "ok"' in body
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn on {port} did not answer:\n{log_tail(process.log)}")
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
            pytest.fail(f"timed out waiting for {what}; worker log:\n{log_tail(log)}")
        time.sleep(0.2)
    return value


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
    browser = CookieClient()
    status, _headers, html = browser.request(port_a, "GET", "/accounts/login/")
    assert status == 200
    assert "secure" in browser.set_cookie_header("csrftoken").lower()
    status, headers, _html = browser.request(
        port_a,
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": csrf_token(html), "login": trainee.email, "password": password},
    )
    assert status == 302, re.findall(r"(?s)(?:alert|invalid|error).{0,300}", _html)
    assert "/accounts/login/" not in headers["Location"]
    session_cookie = browser.set_cookie_header(settings.SESSION_COOKIE_NAME).lower()
    assert "secure" in session_cookie and "httponly" in session_cookie
    session_key = browser.cookies[settings.SESSION_COOKIE_NAME]
    # The session lives in the database with a copy in Redis (lms/sessions.py): a Redis
    # outage signs nobody out.
    assert child_redis.keys(f"*{session_key}"), "session not copied to Redis"
    assert Session.objects.filter(session_key=session_key).exists()

    # B knows the session A created.
    status, _headers, html = browser.request(port_b, "GET", "/accounts/email/")
    assert status == 200, f"port B answered {status} to a signed-in page"
    assert trainee.email in html

    # Sign out on B: A no longer knows the session, even when the old cookie is replayed.
    status, _headers, html = browser.request(port_b, "GET", "/accounts/logout/")
    assert status == 200
    status, _headers, _html = browser.request(
        port_b, "POST", "/accounts/logout/", {"csrfmiddlewaretoken": csrf_token(html)}
    )
    assert status == 302
    assert settings.SESSION_COOKIE_NAME not in browser.cookies
    assert not child_redis.keys(f"*{session_key}"), "session still in Redis after sign-out"
    replay = CookieClient()
    replay.cookies[settings.SESSION_COOKIE_NAME] = session_key
    status, headers, _html = replay.request(port_a, "GET", "/accounts/email/")
    assert status == 302 and headers["Location"].startswith("/accounts/login/")

    # A password reset requested on A queues the email; the worker process sends it.
    visitor = CookieClient()
    status, _headers, html = visitor.request(port_a, "GET", "/accounts/password/reset/")
    assert status == 200
    status, headers, _html = visitor.request(
        port_a,
        "POST",
        "/accounts/password/reset/",
        {"csrfmiddlewaretoken": csrf_token(html), "email": trainee.email},
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
