"""Running the production set-up from a test (lms/tests/test_scale_out.py): child processes
in sessions of their own, an HTTP client that carries Secure cookies over plain http, and an
SMTP sink that keeps what it receives."""

import contextlib
import email
import email.policy
import http.client
import os
import re
import signal
import socket
import socketserver
import subprocess
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
HTTP_TIMEOUT = 10

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED}
    env.update(DJANGO_SETTINGS_MODULE="lms.settings.production", PYTHONUNBUFFERED="1", **extra)
    return env


def log_tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class Processes:
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


class CookieClient:
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


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


class SMTPHandler(socketserver.StreamRequestHandler):
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
