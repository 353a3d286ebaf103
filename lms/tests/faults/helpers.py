"""What the fault suite breaks: its own TCP proxy in front of PostgreSQL, its own
redis-server, and worker or app processes it starts and kills. The shared PostgreSQL and
Redis are never stopped; every process here is ours and is stopped by the fixtures."""

import asyncio
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

# Each module of the suite: ``pytestmark = FAULTS``.
FAULTS = [
    pytest.mark.faults,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[3]
# Variables a developer's or CI's shell may carry that would change the set-up under test.
INHERITED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "TASKS_BACKEND",
    "LMS_VAR_DIR",
    "LMS_ENV_FILE",
    "SENTRY_DSN",
    "S3_BUCKET",
    "DJANGO_SETTINGS_MODULE",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(what: str, check, timeout: float, every: float = 0.1, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            tail = log_tail(log) if log else ""
            raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{tail}")
        time.sleep(every)
    return value


def log_tail(path: Path, lines: int = 30) -> str:
    if not path or not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def database_url(host: str, port: int) -> str:
    """The pytest test database, reached at host:port (the proxy's, or the server's)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{host}:{port}/{quote(db['NAME'], safe='')}"


def child_env(var_dir: Path, database: str, redis_url: str, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        PYTHONUNBUFFERED="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database,
        REDIS_URL=redis_url,
        TASKS_BACKEND="database",
        LMS_VAR_DIR=str(var_dir),
        SECURE_SSL_REDIRECT="False",
        LOG_FORMAT="plain",
        TASKS_LOG_LEVEL="INFO",
        # Quick enough for a test: silent for 3 s is dead, its tasks reclaimed.
        LMS_WORKER_STALE_SECONDS="3",
    )
    env.update(extra)
    return env


class Processes:
    """Child processes, each in a session of its own; all stopped at the end."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: list[subprocess.Popen] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = self.log_dir / f"{name}.log"
        with log.open("ab") as out:
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

    def worker(self, name: str, env: dict[str, str]) -> subprocess.Popen:
        args = [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--no-reload"]
        args += ["--worker-id", name, "--heartbeat-every", "0.5", "--reclaim-every", "1"]
        return self.start(name, args, env)

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill(process)


class TcpProxy:
    """A TCP proxy on a port of its own, run by asyncio in a thread. ``cut()`` is what a
    database restart looks like from the app: every connection drops and new ones are
    refused until ``restore()``."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.server = None
        self.writers: set[asyncio.StreamWriter] = set()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def _pipe(self, reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    async def _handle(self, client_reader, client_writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        self.writers |= {client_writer, upstream_writer}
        await asyncio.gather(
            self._pipe(client_reader, upstream_writer), self._pipe(upstream_reader, client_writer)
        )
        self.writers -= {client_writer, upstream_writer}

    async def _listen(self):
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def _cut(self):
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=10)

    def start(self) -> "TcpProxy":
        self.thread.start()
        self._run(self._listen())
        return self

    def cut(self) -> None:
        self._run(self._cut())

    def restore(self) -> None:
        self._run(self._listen())

    async def _shutdown(self):
        await self._cut()
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def stop(self) -> None:
        self._run(self._shutdown())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


class RedisServer:
    """A redis-server of our own on a spare port, with no persistence: stop() is an outage
    that loses everything, as a restart without a dump does."""

    def __init__(self, log_dir: Path):
        self.port = free_port()
        self.log = log_dir / f"redis-{self.port}.log"
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--logfile", str(self.log)]
        self.process = subprocess.Popen(args, start_new_session=True)  # noqa: S603
        wait_for("redis-server", self.answers, timeout=10)
        return self

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a hung server must hear the signal
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def hang(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)
