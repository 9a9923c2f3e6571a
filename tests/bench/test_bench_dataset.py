"""`make bench`: its code imports, its dataset generator runs on a tiny size, and its load
generator counts requests and errors (not a timed test)."""

import http.server
import threading

import pytest

from bench import run as bench_run
from bench.dataset import TINY, generate
from bench.targets import find_targets
from territories.models import Collectivity


@pytest.mark.django_db
def test_tiny_dataset_is_generated_once_and_missing_apps_are_reported():
    messages = []

    report = generate(TINY, log=messages.append)

    assert report["collectivities"] == TINY.collectivities
    assert Collectivity.objects.filter(slug__startswith="bench-").count() == TINY.collectivities
    names = Collectivity.objects.filter(slug__startswith="bench-").values_list("name", flat=True)
    fictional = ("Bancdessai", "Mesureville", "Chronoval", "Latencebourg", "Débitmont", "Communauté")
    assert all(name.startswith(fictional) for name in names)
    # Each part either ran (a count) or says why it did not.
    for name in ("articles", "labellisations"):
        assert isinstance(report[name], int) or report[name].startswith("skipped: ")
    assert len(messages) == 3

    again = generate(TINY, log=messages.append)
    assert again["collectivities"] == TINY.collectivities
    assert Collectivity.objects.filter(slug__startswith="bench-").count() == TINY.collectivities


@pytest.mark.django_db
def test_targets_always_include_the_home_page_and_explain_the_missing_ones(demo_site):
    targets = find_targets()

    assert targets[0] == ("home", "/", "")
    assert [label for label, _path, _reason in targets] == [
        "home",
        "news index",
        "article",
        "press room",
        "press release",
        "palmarès",
        "collectivity",
        "search",
        "Atlaas catalogue",
        "action sheet",
        "webinar season",
        "webinar cycle",
        "webinar session",
        "join page",
        "dues calculator",
    ]
    for _label, path, reason in targets:
        assert path or reason


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server's naming)
        status = 200 if self.path == "/ok" else 404
        body = b"ok"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_load_generator_makes_every_request_and_counts_errors():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        latencies, errors, wall = bench_run.load(port, "/ok", requests=23, concurrency=4)
        assert len(latencies) == 23 and errors == 0 and wall > 0
        _latencies, errors, _wall = bench_run.load(port, "/missing", requests=5, concurrency=2)
        assert errors == 5
        measure = bench_run.measure(port, "ok", "/ok")
        assert measure.errors == 0 and measure.median_ms <= measure.p95_ms
        assert measure.count == bench_run.REQUESTS
        # Bounded: a load stops at its time limit even if requests remain.
        latencies, _errors, wall = bench_run.load(
            port, "/ok", requests=10_000, concurrency=2, max_seconds=0.3
        )
        assert len(latencies) < 10_000 and wall < 5
    finally:
        server.shutdown()
        server.server_close()


def test_the_verdict_checks_each_target_of_issue_13():
    from bench.run import Measure, Row

    def row(label, cached_rps, uncached_rps, one_client_ms, static_rps=2000.0):
        measure = lambda rps, median=1.0: Measure(label, "/", median, median, rps, 0, 300)  # noqa: E731
        return Row(
            cached=measure(cached_rps),
            x_cache="HIT",
            uncached=measure(uncached_rps),
            one_client=measure(50.0, one_client_ms),
            static=measure(static_rps),
        )

    assert row("home", 1600, 100, 15.0).verdict() == "yes"
    assert row("home", 1599, 99, 15.1).verdict() == "no: cache < 0.8×, uncached < 1/20, 1 client > 15 ms"
    assert row("palmarès", 1600, 100, 40.0).verdict() == "yes"  # the 15 ms target is for three pages
    assert row("article", 1600, 100, 16.0).verdict() == "no: 1 client > 15 ms"
