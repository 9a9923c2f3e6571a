"""`make bench`: measure the main public pages over gunicorn, beside a static file.

1. a throw-away database (SQLite in a temporary folder; PostgreSQL if BENCH_DATABASE_URL is
   set — that database is migrated and filled, never use a real one), migrations, the demo
   data, then the large dataset of bench/dataset.py;
2. collectstatic into the temporary folder;
3. gunicorn (gthread, 2 workers) on 127.0.0.1, settings ``config.settings.bench``
   (production minus HTTPS redirect/HSTS, a generated SECRET_KEY, DEBUG off);
4. for each page type (bench/targets.py), a bounded load (BENCH_REQUESTS requests,
   BENCH_CONCURRENCY threads, 10 s timeout each) twice: from the page cache (core.page_cache;
   the X-Cache header of a request after the warm-up is reported), and uncached, that is built
   by Python for every request (the X-Bench-No-Cache header, which config.settings.bench
   honours, skips the cache; the process stays warm); then one client alone, uncached; then the
   same load on /static/css/main.css right after: median, 95th percentile, requests per second;
5. a table on stdout and in bench/results.md; gunicorn is stopped on exit, whatever happens.

Pages whose URL cannot be found or does not answer 200 are skipped, and the output says so.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WARM_UP = 20
MAX_SECONDS_PER_URL = float(os.environ.get("BENCH_MAX_SECONDS", "30"))  # a slow page stops early
TIMEOUT = 10.0
STATIC_PATH = "/static/css/main.css"


@dataclass
class Measure:
    label: str
    path: str
    median_ms: float
    p95_ms: float
    rps: float
    errors: int
    count: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


#: Sent by the "uncached" measures: config.settings.bench's PAGE_CACHE_BYPASS_HEADER.
UNCACHED = {"X-Bench-No-Cache": "1"}
ONE_CLIENT_REQUESTS = 40
#: Issue 13: the pages whose median for one client uncached must be 15 ms or less.
ONE_CLIENT_TARGET_PAGES = {"home", "news index", "article"}
ONE_CLIENT_TARGET_MS = 15.0


def _get(
    port: int,
    path: str,
    connection: http.client.HTTPConnection | None = None,
    headers: dict[str, str] | None = None,
    answer: dict | None = None,
) -> tuple[int, float]:
    """GET path on 127.0.0.1; returns (status, seconds). Reuses `connection` (keep-alive);
    `answer`, when given, receives the response's X-Cache header."""
    own = connection is None
    connection = connection or http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    started = time.perf_counter()
    try:
        connection.request(
            "GET", path, headers={"Host": f"{HOST}:{port}", "Accept-Encoding": "gzip", **(headers or {})}
        )
        response = connection.getresponse()
        response.read()
        if answer is not None:
            answer["x_cache"] = response.getheader("X-Cache") or "-"
        return response.status, time.perf_counter() - started
    finally:
        if own:
            connection.close()


def load(
    port: int,
    path: str,
    requests: int = REQUESTS,
    concurrency: int = CONCURRENCY,
    max_seconds: float = MAX_SECONDS_PER_URL,
    headers: dict[str, str] | None = None,
) -> tuple[list[float], int, float]:
    """`requests` GETs of `path` by `concurrency` threads, stopped after `max_seconds`;
    returns (latencies, errors, wall time)."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_thread = [
        requests // concurrency + (1 if i < requests % concurrency else 0) for i in range(concurrency)
    ]

    def worker(count: int) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        try:
            for _ in range(count):
                if time.perf_counter() > deadline:
                    break
                try:
                    status, seconds = _get(port, path, connection, headers)
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
                    status, seconds = 0, TIMEOUT
                with lock:
                    latencies.append(seconds)
                    if status != 200:
                        errors += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(count,), daemon=True) for count in per_thread]
    started = time.perf_counter()
    deadline = started + max_seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max_seconds + 2 * TIMEOUT)
    return latencies, errors, time.perf_counter() - started


def measure(
    port: int,
    label: str,
    path: str,
    headers: dict[str, str] | None = None,
    requests: int = REQUESTS,
    concurrency: int = CONCURRENCY,
) -> Measure:
    for _ in range(WARM_UP):
        _get(port, path, headers=headers)
    latencies, errors, wall = load(port, path, requests, concurrency, headers=headers)
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    return Measure(
        label,
        path,
        statistics.median(latencies) * 1000,
        p95 * 1000,
        len(latencies) / wall,
        errors,
        len(latencies),
    )


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 (fixed arguments, our own interpreter)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return result.stdout


GENERATE = """
import json, sys
import django
django.setup()
from bench.dataset import generate
from bench.targets import find_targets
report = generate(log=lambda message: print(message, file=sys.stderr))
print(json.dumps({"report": report, "targets": find_targets()}))
"""

BURST = """
import json
import django
django.setup()
from bench.webinars import registration_burst
print(json.dumps(registration_burst()))
"""

DUES = """
import json
import django
django.setup()
from bench.dues import issue_year_with_pdfs
print(json.dumps(issue_year_with_pdfs()))
"""


ACTIONS = """
import json
import django
django.setup()
from bench.actions import run_all
print(json.dumps(run_all(), default=str))
"""


def _wait_until_up(port: int, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            if _get(port, "/healthz/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@dataclass
class Row:
    """One page type: from the cache, uncached (built by Python), one client uncached, static."""

    cached: Measure
    x_cache: str
    uncached: Measure
    one_client: Measure
    static: Measure

    def verdict(self) -> str:
        """Issue 13's targets: from cache ≥ 0.8 × static rps, uncached ≥ 1/20 of static rps, and
        for the home, news index and article a median of 15 ms or less for one client uncached."""
        misses = []
        if self.cached.rps < 0.8 * self.static.rps:
            misses.append("cache < 0.8×")
        if self.uncached.rps < self.static.rps / 20:
            misses.append("uncached < 1/20")
        if self.cached.label in ONE_CLIENT_TARGET_PAGES and self.one_client.median_ms > ONE_CLIENT_TARGET_MS:
            misses.append(f"1 client > {ONE_CLIENT_TARGET_MS:.0f} ms")
        return "yes" if not misses else "no: " + ", ".join(misses)


def _table(rows: list[Row]) -> str:
    lines = [
        "| page | X-Cache | from cache req/s (median ms) | uncached req/s (median, p95 ms) "
        "| 1 client uncached median (ms) | static req/s (median ms) | cache ÷ static | uncached ÷ static "
        "| targets met |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        cached, uncached, static = row.cached, row.uncached, row.static
        errors = sum(m.errors for m in (cached, uncached, row.one_client))
        flag = f" ({errors} errors)" if errors else ""
        lines.append(
            f"| {cached.label} `{cached.path}`{flag} | {row.x_cache} "
            f"| {cached.rps:.0f} ({cached.median_ms:.1f}) "
            f"| {uncached.rps:.0f} ({uncached.median_ms:.1f}, {uncached.p95_ms:.1f}) "
            f"| {row.one_client.median_ms:.1f} | {static.rps:.0f} ({static.median_ms:.1f}) "
            f"| {cached.rps / static.rps:.2f} | 1/{static.rps / max(uncached.rps, 0.01):.0f} "
            f"| {row.verdict()} |"
        )
    return "\n".join(lines)


def main() -> int:
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="villes-internet-bench-"))
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
        "PYTHONPATH": str(ROOT),
    }
    server: subprocess.Popen | None = None
    try:
        print(f"== Database: {database_url.split('@')[-1]}")
        _manage(env, "migrate", "--no-input", "-v0")
        _manage(env, "compile_translations", "-v0")
        print("== Demo data")
        _manage(env, "load_demo_data")
        print("== Large dataset")
        generated = subprocess.run(  # noqa: S603 (fixed arguments, our own interpreter)
            [sys.executable, "-c", GENERATE], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        sys.stdout.write(generated.stderr)
        if generated.returncode != 0:
            raise SystemExit("dataset generation failed")
        result = json.loads(generated.stdout.strip().splitlines()[-1])
        _manage(env, "collectstatic", "--no-input", "-v0")

        port = _free_port()
        print(f"== gunicorn (gthread, 2 workers × 4 threads) on {HOST}:{port}")
        server = subprocess.Popen(  # noqa: S603 (fixed arguments, our own interpreter)
            [
                sys.executable, "-m", "gunicorn", "config.wsgi:application",
                "--worker-class", "gthread", "--workers", "2", "--threads", "4",
                "--bind", f"{HOST}:{port}", "--log-level", "warning",
            ],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        _wait_until_up(port, server, time.monotonic() + 60)

        rows: list[Row] = []
        skipped: list[str] = []
        for label, path, reason in result["targets"]:
            if path is None:
                skipped.append(f"{label}: {reason}")
                print(f"-- {label}: skipped ({reason})")
                continue
            status = _get(port, path)[0]
            if status != 200:
                skipped.append(f"{label}: {path} answers {status}")
                print(f"-- {label}: skipped ({path} answers {status})")
                continue
            print(f"-- {label}: {path} from the cache, uncached, then {STATIC_PATH}")
            cached = measure(port, label, path)
            answer: dict = {}
            _get(port, path, answer=answer)
            uncached = measure(port, label, path, headers=UNCACHED)
            one_client = measure(port, label, path, UNCACHED, ONE_CLIENT_REQUESTS, concurrency=1)
            static = measure(port, "static", STATIC_PATH)
            rows.append(Row(cached, answer["x_cache"], uncached, one_client, static))
        print("== Webinar registrations: a burst from 8 threads")
        burst = subprocess.run(  # noqa: S603 (fixed arguments, our own interpreter)
            [sys.executable, "-c", BURST], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        sys.stdout.write(burst.stderr)
        result["report"]["webinar registration burst"] = (
            burst.stdout.strip().splitlines()[-1] if burst.returncode == 0 else "failed"
        )
        print(result["report"]["webinar registration burst"])
        print("== Dues: the year's calls for 460 members, with their PDFs")
        dues = subprocess.run(  # noqa: S603 (fixed arguments, our own interpreter)
            [sys.executable, "-c", DUES], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        sys.stdout.write(dues.stderr)
        result["report"]["dues calls with PDFs"] = (
            dues.stdout.strip().splitlines()[-1] if dues.returncode == 0 else "failed"
        )
        print(result["report"]["dues calls with PDFs"])
        print("== Atlaas: catalogue, one report (page and PDF), every member's report (bench/actions.py)")
        actions = subprocess.run(  # noqa: S603 (fixed arguments, our own interpreter)
            [sys.executable, "-c", ACTIONS], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        sys.stdout.write(actions.stderr[-2000:])
        measured = json.loads(actions.stdout.strip().splitlines()[-1]) if actions.returncode == 0 else {}
        result["report"].update(
            {f"atlaas {name}": value for name, value in measured.items()} or {"atlaas": "failed"}
        )
    finally:
        _stop(server)
        shutil.rmtree(workdir, ignore_errors=True)

    table = _table(rows)
    print()
    print(table)
    for line in skipped:
        print(f"skipped: {line}")
    _write_results(table, skipped, result["report"], time.monotonic() - started)
    return 0


def _write_results(table: str, skipped: list[str], report: dict, seconds: float) -> None:
    dataset = "\n".join(f"- {name}: {value}" for name, value in report.items())
    skipped_text = "\n".join(f"- {line}" for line in skipped) or "- none"
    (ROOT / "bench" / "results.md").write_text(
        f"""# Benchmark results

Measured by `make bench` on {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}: gunicorn
(gthread, 2 workers × 4 threads) on 127.0.0.1, settings `config.settings.bench`, {REQUESTS} requests
per URL by {CONCURRENCY} concurrent keep-alive clients after {WARM_UP} warm-up requests. Each page is
measured from the page cache (X-Cache: the header of a request after the warm-up), then uncached:
built by Python for every request (the `X-Bench-No-Cache` header skips the page cache; processes,
connections and the other caches stay warm), then by one client alone ({ONE_CLIENT_REQUESTS} requests,
uncached), then the same load on `{STATIC_PATH}` (WhiteNoise) in the same run. Targets (issue 13):
from cache ≥ 0.8 × static req/s, uncached ≥ 1/20 of static req/s, and 15 ms or less for one
client on the home, news index and article. Machine: {platform.machine()},
{os.cpu_count()} CPU, Python {platform.python_version()}, database
{"PostgreSQL" if os.environ.get("BENCH_DATABASE_URL") else "SQLite"}, page cache in
{"Redis (REDIS_URL), shared by the workers" if os.environ.get("REDIS_URL") else "each worker's local memory"}.
Whole run: {seconds:.0f} s. Load average
at the end (1, 5, 15 min): {", ".join(f"{value:.1f}" for value in os.getloadavg())}; figures from a
machine busy with other work are slower than the site is.

{table}

Dataset generated (bench/dataset.py):

{dataset}

Skipped pages:

{skipped_text}
""",
        encoding="utf-8",
    )
    print("Results written to bench/results.md")


if __name__ == "__main__":
    sys.exit(main())
