"""Faults under load: two gunicorn processes and the task worker (production settings, our
own PostgreSQL proxy and redis-server), signed-in browsers requesting pages the whole time.

    .venv/bin/python bench/faults.py [--no-results]

Phases, each with the same request loop (THREADS threads, each a signed-in browser asking
for a signed-in page, the home page and the public check in turn):
- baseline, 10 s;
- the database restarting: the proxy drops every connection and refuses new ones for
  2.5 s, inside a 12 s window;
- Redis down for 20 s (stopped; started again empty), inside a 30 s window;
- a bulk issuance of COHORT documents whose worker is SIGKILLed at half-way; a new worker
  is started at once (what systemd's Restart=always does): seconds until the batch finishes.

A request fails on a connection error, a status other than 200, or a signed-in page
answered with the sign-in page. Uses its own database (bench_faults), dropped and rebuilt
on every run. Appends a dated section to bench/RESULTS.md.
"""

import argparse
import http.client
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "bench_faults"
THREADS = 8
COHORT = 220
STALE = 10  # LMS_WORKER_STALE_SECONDS for the worker kill (production's default: 60)
VAR = ROOT / "var" / "bench-faults"


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.dev"
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
    os.environ["TASKS_BACKEND"] = "database"
    os.environ["LMS_VAR_DIR"] = str(VAR)
    os.environ.setdefault("DEBUG", "false")
    postgres = ["-h", "127.0.0.1", "-U", "postgres"]
    run = subprocess.run
    run(["dropdb", *postgres, "--if-exists", DB_NAME], check=True)
    run(["createdb", *postgres, DB_NAME], check=True)
    manage = [sys.executable, "manage.py"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    for command in (["migrate"], ["collectstatic", "--noinput"]):
        run([*manage, *command, "-v", "0"], cwd=ROOT, env=env, check=True)
    import django

    django.setup()


def build(threads: int):
    from courses.tests.factories import CohortFactory, EnrollmentFactory, build_program
    from courses.tests.test_certificates import _finish
    from lms.accounts.tests.factories import UserFactory

    people = [UserFactory(roles=["trainee"]) for _ in range(threads)]
    for person in people:
        person.set_password("bench-password-1")
        person.save()
    registrar = UserFactory(roles=["registrar"])
    cohort = CohortFactory(program=build_program(modules=1, lessons=1))
    enrollments = EnrollmentFactory.create_batch(COHORT, cohort=cohort)
    for enrollment in enrollments:
        _finish(enrollment)
    return people, registrar, cohort, [e.pk for e in enrollments]


class Browser:
    def __init__(self, port: int, number: int = 0):
        # One address each, as nginx would pass on: rate limits are per address.
        self.port, self.cookies, self.ip = port, {}, f"203.0.113.{10 + number}"

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {}, **{"X-Real-IP": self.ip})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _eq, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "Max-Age=0" not in header:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        return response.status, response.headers, text

    def sign_in(self, email: str):
        import re
        from urllib.parse import urlencode

        _s, _h, html = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urlencode(
            {"csrfmiddlewaretoken": token, "login": email, "password": "bench-password-1"}
        )
        status, headers, _t = self.request(
            "POST", "/accounts/login/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302 and "/accounts/login/" not in headers["Location"], status


class Load:
    PAGES = ("/accounts/email/", "/", "/verify/")

    def __init__(self, browsers):
        self.browsers, self.running = browsers, False
        self.log: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        self.fault: list[float] = []  # when the fault began and ended

    def _loop(self, browser):
        turn = 0
        while self.running:
            path = self.PAGES[turn % len(self.PAGES)]
            turn += 1
            try:
                status, _h, text = browser.request("GET", path)
                outcome = "ok" if status == 200 else str(status)
                if path == "/accounts/email/" and 'name="login"' in text:
                    outcome = "signed out"
            except OSError:
                outcome = "no answer"
            with self.lock:
                self.log.append((time.monotonic(), outcome))

    def run(self, seconds: float, fault=None):
        self.log, self.running, self.fault = [], True, []
        threads = [threading.Thread(target=self._loop, args=(b,)) for b in self.browsers]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        if fault:
            fault()
        time.sleep(max(0.0, seconds - (time.monotonic() - started)))
        self.running = False
        for thread in threads:
            thread.join()
        failed = [(t, outcome) for t, outcome in self.log if outcome != "ok"]
        kinds = {}
        for _t, outcome in failed:
            kinds[outcome] = kinds.get(outcome, 0) + 1
        # Failures more than a second outside the fault itself: what recovery cost.
        after = 0
        if self.fault:
            begin, end = self.fault[0], self.fault[-1]
            after = sum(1 for t, _o in failed if not begin - 1 <= t <= end + 1)
        return len(self.log), len(failed), kinds, after


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-results", action="store_true")
    args = parser.parse_args()
    load_average = os.getloadavg()
    setup_django()
    from django.db import connection

    from courses.certificates.batches import batch_start
    from courses.models import Certificate, CertificateBatch
    from lms.tests.faults.helpers import (
        Processes,
        RedisServer,
        TcpProxy,
        child_env,
        database_url,
        free_port,
        wait_for,
    )

    people, registrar, cohort, enrollment_ids = build(THREADS)
    logs = VAR / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    redis = RedisServer(logs).start()
    proxy = TcpProxy("127.0.0.1", 5432).start()
    processes = Processes(logs)
    try:
        env = child_env(
            VAR,
            database_url("127.0.0.1", proxy.port),
            redis.url,
            LMS_WORKER_STALE_SECONDS=str(STALE),
            LMS_MFA_REQUIRED_FOR_STAFF="False",
        )
        ports = [free_port(), free_port()]
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        for port in ports:
            processes.start(
                f"gunicorn-{port}",
                [
                    gunicorn,
                    "lms.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--threads",
                    "4",
                    "--timeout",
                    "60",
                ],
                env,
            )
        worker = processes.worker("w1", env)
        for port in ports:
            wait_for(f"gunicorn on {port}", lambda p=port: _up(p), 120, every=0.5)
        browsers = [Browser(ports[i % 2], i) for i in range(THREADS)]
        for browser, person in zip(browsers, people, strict=True):
            browser.sign_in(person.email)
        load = Load(browsers)
        results = {"baseline (10 s)": load.run(10)}

        def cut_database():
            time.sleep(3)
            load.fault.append(time.monotonic())
            proxy.cut()
            time.sleep(2.5)
            proxy.restore()
            load.fault.append(time.monotonic())

        results["database restart, 2.5 s (12 s window)"] = load.run(12, cut_database)

        def redis_outage():
            time.sleep(3)
            load.fault.append(time.monotonic())
            redis.stop()
            time.sleep(20)
            redis.start()
            load.fault.append(time.monotonic())

        results["Redis down 20 s (30 s window)"] = load.run(30, redis_outage)
        signed_in = sum(
            1 for b in browsers if 'name="login"' not in b.request("GET", "/accounts/email/")[2]
        )

        batch = batch_start(cohort=cohort, by=registrar, enrollment_ids=enrollment_ids)
        queued = time.monotonic()
        wait_for(
            "half the batch",
            lambda: len(CertificateBatch.objects.get(pk=batch.pk).processed) >= COHORT // 2,
            300,
        )
        processes.kill(worker)
        killed = time.monotonic()
        first_half = killed - queued
        processes.worker("w2", env)
        wait_for(
            "the batch", lambda: CertificateBatch.objects.get(pk=batch.pk).finished, 600, every=0.5
        )
        recovery = time.monotonic() - killed
        batch.refresh_from_db()
        certificates = Certificate.objects.filter(enrollment__cohort=cohort)
        sequences = sorted(certificates.values_list("sequence", flat=True))
        exact = (
            certificates.count() == COHORT
            and len(set(certificates.values_list("enrollment_id", flat=True))) == COHORT
            and sequences == list(range(1, COHORT + 1))
            and batch.done == COHORT
            and all((VAR / "private" / c.pdf.name).is_file() for c in certificates)
        )
    finally:
        processes.stop_all()
        proxy.stop()
        redis.stop()
        connection.close()
    report = _report(load_average, results, signed_in, (first_half, recovery), exact, batch)
    print(report)
    if not args.no_results:
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as out:
            out.write("\n" + report)


def _up(port) -> bool:
    try:
        return Browser(port).request("GET", "/healthz")[0] in (200, 503)
    except OSError:
        return False


def _report(load_average, results, signed_in, times, exact, batch) -> str:
    def kinds(found):
        return ", ".join(f"{k}: {n}" for k, n in sorted(found.items())) or "-"

    rows = "\n".join(
        f"| {phase} | {total:,} | {failed:,} | {kinds(found)} | {after} |"
        for phase, (total, failed, found, after) in results.items()
    )
    first_half, recovery = times
    return f"""## Faults under load ({time.strftime("%Y-%m-%d")}, bench/faults.py)

Two gunicorn processes (1 worker, 4 threads each) and `manage.py run_worker`, production
settings, PostgreSQL through the bench's own TCP proxy, Redis its own redis-server; {THREADS}
signed-in browsers (an address each) asking for a signed-in page, the home page and the
public check in turn, as fast as they are answered. Load average at the start:
{load_average[0]:.2f}, {load_average[1]:.2f}, {load_average[2]:.2f} (the machine is shared:
read counts and ratios, not speeds). A failed request answers at once while a good one takes
its time, so failures pile up inside a fault; the last column counts those more than a
second outside it (what recovery cost).

| phase | requests | failed | failed, by answer | failed outside the fault ±1 s |
| --- | ---: | ---: | --- | ---: |
{rows}

- Still signed in after Redis came back (empty): {signed_in} of {THREADS} browsers.
- Bulk issuance of {COHORT} documents: the first half took {first_half:.1f} s; the worker
  was then SIGKILLed and a new one started at once (LMS_WORKER_STALE_SECONDS={STALE}, so
  the task is reclaimed after 10 s of silence): finished {recovery:.1f} s after the kill;
  issued {batch.done}, not issued {batch.failed}; every trainee exactly one document,
  numbers gapless, every PDF on disk: {"yes" if exact else "NO"}.
"""


if __name__ == "__main__":
    main()
