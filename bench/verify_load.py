"""Throughput of the public certificate check under load, against gunicorn.

Run by hand after `bench/certificates.py` has issued documents into the same database:

    DATABASE_URL=postgres://postgres@127.0.0.1/bench_certs .venv/bin/python bench/verify_load.py

Starts gunicorn (2 workers, one per core here) with Redis as the cache, then runs `wrk`
(apt-get install wrk) for 10 s per page with 16 connections: the HTML check, its JSON, and a
minimal Django view as the ceiling. The rate limit is lifted for the run, then kept on
for one more run to show what a hammering client gets.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


def wrk(path: str) -> dict:
    out = subprocess.run(  # noqa: S603
        [shutil.which("wrk"), "-t2", "-c16", "-d10s", "--latency", BASE + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "total": total,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def server(rate: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
        "DJANGO_SETTINGS_MODULE": "loadsettings",
        "LMS_VAR_DIR": str(ROOT / "var" / "bench-certificates"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "LMS_VERIFY_RATE": rate,
    }
    process = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "lms.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    from benchsetup import wait_until_up

    wait_until_up(process, BASE + "/bench/minimal/", tries=50)
    return process


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    sys.path.insert(0, str(ROOT / "bench"))
    from benchsetup import start

    start("bench-certificates")
    from courses.models import Certificate

    code = Certificate.objects.values_list("code", flat=True).first()
    if code is None:
        sys.exit("no certificates: run bench/certificates.py first")
    rows = []
    process = server("1000000/m")
    try:
        for name, path in (
            ("minimal Django view", "/bench/minimal/"),
            ("check page /verify/<code>/", f"/verify/{code}/"),
            ("check JSON /verify/<code>.json", f"/verify/{code}.json"),
        ):
            rows.append((name, wrk(path)))
    finally:
        process.terminate()
        process.wait()
    process = server("60/m")
    try:
        rows.append(("check page, limit 60/min on", wrk(f"/verify/{code}/")))
    finally:
        process.terminate()
        process.wait()
    print(f"{'page':34} {'req/s':>8} {'p50':>9} {'p99':>9} {'requests':>9} {'non-2xx':>8}")
    for name, r in rows:
        figures = f"{r['rps']:8.0f} {r['p50']:>9} {r['p99']:>9} {r['total']:9d} {r['non2xx']:8d}"
        print(f"{name:34} {figures}")


if __name__ == "__main__":
    main()
