"""The smoke test of deploy/check: the rendered units' commands behind the rendered nginx.

Standard library only. Every process is started in a session of its own and stopped by
``Smoke.stop``; nothing outside the temporary folder is written (except a PostgreSQL
database of its own when DEPLOY_CHECK_PG names a server).
"""

import json
import os
import pwd
import re
import secrets
import shlex
import signal
import socket
import ssl
import subprocess
import sys
import time
from http.client import HTTPConnection, HTTPSConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from lms.envfile import parse as parse_env  # noqa: E402

ADMIN = {"email": "admin@example.org", "password": secrets.token_urlsafe(16) + "-Aa1"}
DOCUMENT = b"%PDF-1.4\n% deploy check\n%%EOF\n"
FILES = f"""
import io, json
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
doc = get_document_model()(title="Проверка развёртывания")
doc.file.save("проверка развёртывания.pdf", ContentFile({DOCUMENT!r}), save=True)
data = io.BytesIO()
Image.new("RGB", (8, 8), "#336699").save(data, "PNG")
image = get_image_model().objects.create(title="check", file=ImageFile(data, name="check.png"))
print(json.dumps({{"document": doc.url, "image": image.file.url, "stored": doc.file.name}}))
"""
SYSTEMD_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")


class Failed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def expect(condition, message: str) -> None:
    if not condition:
        raise Failed(message)


class Response:
    def __init__(self, raw):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read()

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


class Smoke:
    def __init__(self, *, tmp: Path, cert: Path, ports: dict[str, int], deadline: float):
        self.tmp, self.cert, self.ports, self.deadline = tmp, cert, ports, deadline
        self.user = pwd.getpwuid(os.geteuid()).pw_name
        self.processes: dict[str, subprocess.Popen] = {}
        self.timings: list[str] = []
        self.cookies: dict[str, str] = {}
        self.pg = os.environ.get("DEPLOY_CHECK_PG", "")  # postgres://user@host:port
        self.database = f"lms_deploy_check_{os.getpid()}"
        self.created_database = False
        self.origin = f"https://localhost:{ports['https']}"

    # --- set-up ---------------------------------------------------------------------------

    def write_env(self, template: Path) -> Path:
        """The env file from the shipped template, with this machine's values."""
        var = self.tmp / "var"
        var.mkdir()
        database = f"sqlite:///{self.tmp / 'db.sqlite3'}"
        if self.pg:
            database = self.create_database()
        values = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": database,
            "LMS_VAR_DIR": str(var),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.ports["smtp"]),
            "EMAIL_USE_TLS": "False",
            "WAGTAILADMIN_BASE_URL": self.origin,
            # The port is not the browser's default: the origin must be named.
            "CSRF_TRUSTED_ORIGINS": self.origin,
            # The administrator fetches a staff-only file without enrolling a second factor.
            "LMS_MFA_REQUIRED_FOR_STAFF": "False",
        }
        lines = []
        for line in template.read_text(encoding="utf-8").splitlines():
            key = line.lstrip("#").partition("=")[0]
            if "=" in line and key in values:
                line = f"{key}={values.pop(key)}"
            lines.append(line)
        lines += [f"{key}={value}" for key, value in values.items()]
        path = self.tmp / "env"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.env = parse_env(path.read_text(encoding="utf-8"))
        return path

    def create_database(self) -> str:
        url = urlsplit(self.pg)
        argv = ["createdb", "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432)]
        argv += ["-U", url.username or "postgres", self.database]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=30)  # noqa: S603
        expect(result.returncode == 0, f"createdb: {result.stderr}")
        self.created_database = True
        auth = url.username or "postgres"
        return f"postgres://{auth}@{url.hostname}:{url.port or 5432}/{self.database}"

    def drop_database(self) -> None:
        url = urlsplit(self.pg)
        argv = ["dropdb", "--if-exists", "--force", "-h", url.hostname or "127.0.0.1"]
        argv += ["-p", str(url.port or 5432), "-U", url.username or "postgres", self.database]
        subprocess.run(argv, capture_output=True, timeout=30, check=False)  # noqa: S603

    def left(self) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise Failed("out of time (deploy/check allows itself under two minutes)")
        return remaining

    def manage(self, *args: str, extra_env=None, wait=True):
        """The rendered lms-manage, from a shell that knows nothing of the site: manage.py
        must find the env file by itself."""
        argv = [str(self.rendered / "bin" / "lms-manage"), *args]
        env = {**SYSTEMD_ENV, "HOME": str(self.tmp), **(extra_env or {})}
        log = open(self.tmp / "logs" / f"manage-{args[0]}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=log)  # noqa: S603
        return self.finish(process, args[0]) if wait else process

    def finish(self, process: subprocess.Popen, name: str) -> str:
        began = time.monotonic()
        try:
            out, _err = process.communicate(timeout=self.left())
        except subprocess.TimeoutExpired as error:
            process.kill()
            raise Failed(f"lms-manage {name} took too long") from error
        log = (self.tmp / "logs" / f"manage-{name}.log").read_text()
        expect(process.returncode == 0, f"lms-manage {name} failed:\n{out.decode()}{log}")
        self.timings.append(f"{name} {time.monotonic() - began:.0f}s")
        return out.decode()

    def unit(self, file: str, instance: str = "") -> tuple[list[str], dict[str, str], str]:
        """ExecStart=, its environment and working directory, as systemd would give them."""
        text = (self.rendered / "systemd" / file).read_text()
        settings: dict[str, list[str]] = {}
        for line in text.splitlines():
            if "=" in line and not line.startswith(("#", "[")):
                key, _sep, value = line.partition("=")
                settings.setdefault(key.strip(), []).append(value.strip())
        command = settings["ExecStart"][0].replace("%i", instance)
        expect("%" not in command, f"{file}: a specifier this check does not know: {command}")
        env = {**SYSTEMD_ENV, "HOME": str(self.tmp)}
        for path in settings.get("EnvironmentFile", []):
            env.update(parse_env(Path(path).read_text(encoding="utf-8")))
        for assignment in settings.get("Environment", []):
            key, _sep, value = assignment.partition("=")
            env[key] = value
        return shlex.split(command), env, settings["WorkingDirectory"][0]

    def start(self, name: str, argv, env=None, cwd=None) -> None:
        log = open(self.tmp / "logs" / f"{name}.log", "w")  # noqa: SIM115
        self.processes[name] = subprocess.Popen(  # noqa: S603
            argv, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_for(self, port: int, name: str) -> None:
        while self.left():
            process = self.processes[name]
            if process.poll() is not None:
                raise Failed(f"{name} exited with {process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.3)

    # --- the run ----------------------------------------------------------------------------

    def run(self, *, rendered: Path, nginx: list[str]) -> None:
        self.rendered = rendered
        # The README's steps, in its order (migrate and collectstatic side by side: time).
        migrate = self.manage("migrate", "--noinput", wait=False)
        self.finish(self.manage("collectstatic", "--noinput", wait=False), "collectstatic")
        self.finish(migrate, "migrate")
        expect((self.tmp / "var" / "static" / "staticfiles.json").exists(), "no static manifest")
        self.manage("createcachetable")
        self.manage(
            "setup_site", "--noinput", "--centre-name", "Центр проверки",
            "--centre-city", "Кемерово", "--centre-signatory-name", "И. И. Иванова",
            "--centre-signatory-position", "Директор", "--admin-email", ADMIN["email"],
            "--admin-last-name", "Иванова", "--admin-first-name", "Ирина",
            extra_env={"DJANGO_SUPERUSER_PASSWORD": ADMIN["password"]},
        )  # fmt: skip
        files = json.loads(self.manage("shell", "-c", FILES).strip().splitlines()[-1])

        for port in (self.ports["web1"], self.ports["web2"]):
            argv, env, cwd = self.unit("lms-web@.service", str(port))
            self.start(f"web-{port}", argv, env, cwd)
        argv, env, cwd = self.unit("lms-worker.service")
        self.start("worker", argv, env, cwd)
        self.start("nginx", nginx)
        for port in (self.ports["web1"], self.ports["web2"]):
            self.wait_for(port, f"web-{port}")
        self.wait_for(self.ports["https"], "nginx")

        self.check_site(files)
        self.check_logs()
        for timer in ("lms-reminders.service", "lms-purge.service"):
            argv, env, cwd = self.unit(timer)
            result = subprocess.run(  # noqa: S603
                argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=self.left()
            )
            expect(result.returncode == 0, f"{timer}: {result.stdout}{result.stderr}")

    def get(self, path: str, *, method="GET", body=None, headers=None, tls=True) -> Response:
        if tls:
            context = ssl.create_default_context(cafile=str(self.cert))
            conn = HTTPSConnection("localhost", self.ports["https"], context=context, timeout=20)
        else:
            conn = HTTPConnection("localhost", self.ports["http"], timeout=20)
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        conn.request(method, path, body=body, headers=sent)
        response = Response(conn.getresponse())
        conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def nginx_line(self, request_id: str) -> dict:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for line in (self.tmp / "logs" / "mediator-lms.access.log").read_text().splitlines():
                entry = json.loads(line)
                if entry["request_id"] == request_id:
                    return entry
            time.sleep(0.2)
        raise Failed(f"no line for request {request_id} in nginx's access log")

    def sent_by_nginx(self, response: Response, internal: str) -> None:
        """Headers nginx adds to files it sends, and its log showing the internal redirect."""
        expect(response.header("X-Content-Type-Options") == "nosniff", "no nosniff")
        expect("max-age=" in response.header("Strict-Transport-Security"), "no HSTS")
        request_id = response.header("X-Request-ID")
        expect(re.fullmatch(r"[0-9a-f]{32}", request_id), f"no nginx request id: {request_id!r}")
        entry = self.nginx_line(request_id)
        expect(
            entry["uri"].startswith(internal),
            f"nginx did not send it from {internal}: logged uri {entry['uri']}",
        )

    def check_site(self, files: dict) -> None:
        redirect = self.get("/catalogue/?x=1", tls=False)
        expect(redirect.status == 301, f"http answered {redirect.status}, not 301")
        expect(redirect.header("Location") == f"{self.origin}/catalogue/?x=1", "bad redirect")

        home = self.get("/")
        expect(home.status == 200, f"/ answered {home.status}")
        expect(home.header("X-Request-ID"), "the page has no X-Request-ID")
        catalogue = self.get("/catalogue/")
        expect(catalogue.status == 302, f"/catalogue/ answered {catalogue.status}")
        expect(self.get(catalogue.header("Location")).status == 200, "no catalogue page")

        css = re.search(rb'href="(/static/[^"]+\.css)"', home.body)
        expect(css, "no stylesheet on the home page")
        static = self.get(css.group(1).decode())
        expect(static.status == 200, f"{css.group(1)} answered {static.status}")
        expect("max-age=315360000" in static.header("Cache-Control"), "hashed static not cached")
        self.sent_by_nginx(static, "/static/")
        expect(self.nginx_line(static.header("X-Request-ID"))["upstream"] == "", "app sent static")

        anonymous = self.get(files["document"])
        expect(anonymous.status == 302, f"anonymous got the document: {anonymous.status}")
        expect("/accounts/login/" in anonymous.header("Location"), "not sent to sign in")
        self.sign_in()
        document = self.get(files["document"])
        expect(document.status == 200, f"the document answered {document.status}")
        expect(document.body == DOCUMENT, "the document's bytes differ")
        expect(document.header("Content-Security-Policy") == "default-src 'none'", "no CSP")
        expect("filename=" in document.header("Content-Disposition"), "no download name")
        self.sent_by_nginx(document, "/_media/documents/")
        image = self.get(files["image"])
        expect(image.status == 200 and image.body[:4] == b"\x89PNG", f"image: {image.status}")
        self.sent_by_nginx(image, "/_media/original_images/")
        for internal in ("/_media/" + quote(files["stored"]), "/_private/x.pdf"):
            expect(self.get(internal).status == 404, f"{internal} is reachable from outside")

    def sign_in(self) -> None:
        form = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
        expect(token, "no sign-in form")
        body = urlencode({"login": ADMIN["email"], "password": ADMIN["password"],
                          "csrfmiddlewaretoken": token.group(1).decode()})  # fmt: skip
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": f"{self.origin}/accounts/login/",
        }
        response = self.get("/accounts/login/", method="POST", body=body, headers=headers)
        expect(response.status == 302, f"sign-in answered {response.status}")

    def check_logs(self) -> None:
        """JSON lines with UTC offsets from gunicorn, the app (one per request) and the worker."""
        time.sleep(0.5)
        lines = []
        for name in (f"web-{self.ports['web1']}", f"web-{self.ports['web2']}", "worker"):
            for raw in (self.tmp / "logs" / f"{name}.log").read_text().splitlines():
                try:
                    lines.append((name, json.loads(raw)))
                except ValueError:
                    raise Failed(f"{name} wrote a line that is not JSON: {raw}") from None
        for _name, line in lines:
            expect(ISO_WITH_OFFSET.match(line["time"]), f"time without offset: {line['time']}")
        loggers = {(name.split("-")[0], line["logger"]) for name, line in lines}
        for wanted in (("web", "gunicorn.error"), ("web", "lms.access")):
            expect(wanted in loggers, f"no {wanted[1]} line from {wanted[0]}: {sorted(loggers)}")
        # TASKS_LOG_LEVEL=INFO (the template's): the worker says it started.
        worker = {logger for name, logger in loggers if name == "worker"}
        expect(worker & {"lms.worker", "django_tasks_db"}, f"no start line from worker: {worker}")
        access = [line for _name, line in lines if line["logger"] == "lms.access"]
        expect(all(line["request_id"] != "-" for line in access), "an access line has no id")

    # --- the end --------------------------------------------------------------------------

    def show_logs(self) -> None:
        for log in sorted((self.tmp / "logs").glob("*.log")):
            text = log.read_text(errors="replace").strip()
            if text:
                tail = "\n".join(text.splitlines()[-25:])
                print(f"--- {log.name} (last lines)\n{tail}", file=sys.stderr)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if self.created_database:
            self.drop_database()
