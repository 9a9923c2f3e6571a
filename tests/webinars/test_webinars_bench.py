"""The registration burst of `make bench` runs through the services without error."""

from bench.targets import find_targets
from bench.webinars import registration_burst


def test_registration_burst_reports_time_and_no_error(webinars_demo):
    report = registration_burst(count=6, capacity=4, threads=1)
    assert report["errors"] == 0
    assert (report["confirmed"], report["waiting"]) == (4, 2)
    assert report["mean ms"] > 0


def test_bench_measures_a_session_page(webinars_demo):
    targets = {label: path for label, path, _ in find_targets()}
    assert targets["webinar session"]
