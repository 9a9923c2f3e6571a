"""`make bench`: the Atlaas catalogue, one self-assessment report (page and PDF) and every
member's report, measured in process (Django's test client, no HTTP) with their peak memory.

- ``catalogue``: the public catalogue, the site cache cleared before each request (uncached);
- ``report_page`` and ``report_pdf``: the collectivity whose number of sheets is closest to 150,
  its report page as one of its people sees it, and its PDF as the task worker builds it;
- ``all_reports``: the PDFs of ``count`` collectivities (the members first, then those with the
  most sheets: the demo has fewer members than the 460 of the network), built one after the
  other as the staff's yearly run does.

Times are medians of uncached runs; the peak memory (tracemalloc, Python allocations) comes from
one more run traced apart, so that tracing does not slow the timed ones. ``maxrss_mib`` in the
summary is the process's peak resident memory (resource.getrusage).
"""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable

TARGETS_MS = {"catalogue": 100, "report page": 200, "report pdf": 2_000}
ALL_REPORTS_TARGET_S = 600
NETWORK_MEMBERS = 460
BENCH_USER = "bench-rapport@example.test"
HOST = "localhost"  # in the bench's ALLOWED_HOSTS (and Django's test settings')


def _time(call: Callable[[], object], repeats: int) -> tuple[list[tuple[float, float]], float]:
    """([(wall ms, CPU ms of this process)] of ``repeats`` calls, peak KiB of one more call traced
    by tracemalloc). The CPU time tells what a call costs on a machine busy with other work."""
    durations = []
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        durations.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000))
    tracemalloc.start()
    try:
        call()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return durations, peak / 1024


def _summary(label: str, durations: list[tuple[float, float]], peak_kib: float, **extra) -> dict:
    ordered = sorted(wall for wall, _cpu in durations)
    median = statistics.median(ordered)
    target = TARGETS_MS.get(label)
    return {
        "median ms": round(median, 1),
        "p95 ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
        "median CPU ms": round(statistics.median(cpu for _wall, cpu in durations), 1),
        "runs": len(ordered),
        "peak KiB": round(peak_kib),
        **({"target ms": target, "met": median <= target} if target else {}),
        **extra,
    }


def _get(client, url: str, **headers) -> None:
    from django.core.cache import cache

    cache.clear()  # uncached: nothing from a previous request
    response = client.get(url, **headers)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")


def catalogue(repeats: int = 15) -> dict:
    from django.test import Client
    from django.utils import translation

    from actions.models import ActionSheet, catalogue_page

    with translation.override("fr"):
        page = catalogue_page()
    if page is None:
        return {"skipped": "no live catalogue page"}
    client = Client(HTTP_HOST=HOST)
    durations, peak = _time(lambda: _get(client, page.url), repeats)
    return _summary("catalogue", durations, peak, url=page.url, sheets=ActionSheet.objects.count())


def _busy_collectivity(target: int = 150):
    """The collectivity whose number of sheets is closest to ``target``."""
    from django.db.models import Count, F, Func

    from territories.models import Collectivity

    return (
        Collectivity.objects.annotate(n=Count("action_sheets"))
        .filter(n__gt=0)
        .annotate(gap=Func(F("n") - target, function="ABS"))
        .order_by("gap", "pk")
        .first()
    )


def _member_client(collectivity):
    """A client logged in as one of the collectivity's people (a bench account, made once)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from members.models import MemberRole, Profile

    user, _created = get_user_model().objects.get_or_create(
        username=BENCH_USER, defaults={"email": BENCH_USER, "is_active": True}
    )
    MemberRole.objects.get_or_create(user=user, collectivity=collectivity, defaults={"role": "agent"})
    Profile.objects.update_or_create(user=user, defaults={"current_collectivity": collectivity})
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    return client


def _report_year() -> int:
    from django.utils import timezone

    from label.models import LabelEdition

    return LabelEdition.objects.order_by("-year").values_list("year", flat=True).first() or (
        timezone.localdate().year
    )


def report_page(repeats: int = 10) -> dict:
    from django.urls import reverse

    from actions.models import ActionSheet

    collectivity = _busy_collectivity()
    if collectivity is None:
        return {"skipped": "no collectivity with sheets"}
    year = _report_year()
    client = _member_client(collectivity)
    url = reverse("actions_portal:report_year", args=[year])
    durations, peak = _time(lambda: _get(client, url), repeats)
    return _summary(
        "report page",
        durations,
        peak,
        collectivity=collectivity.name,
        sheets=collectivity.action_sheets.count(),
        all_sheets=ActionSheet.objects.count(),
        year=year,
    )


def report_pdf(repeats: int = 3) -> dict:
    from django.conf import settings

    from actions.models import CollectivityReport
    from actions.services.report_documents import report_pdf as build

    collectivity = _busy_collectivity()
    if collectivity is None:
        return {"skipped": "no collectivity with sheets"}
    row, _created = CollectivityReport.objects.get_or_create(
        collectivity=collectivity, year=_report_year(), language=settings.LANGUAGE_CODE
    )
    sizes = []
    durations, peak = _time(lambda: sizes.append(len(build(row).content)), repeats)
    return _summary(
        "report pdf",
        durations,
        peak,
        collectivity=collectivity.name,
        sheets=collectivity.action_sheets.count(),
        bytes=sizes[-1],
    )


def _report_collectivities(count: int) -> list:
    from django.db.models import Count

    from actions.services.report_runs import collectivities_to_report
    from territories.models import Collectivity

    members = list(collectivities_to_report()[:count])
    if len(members) < count:
        others = (
            Collectivity.objects.exclude(pk__in=[c.pk for c in members])
            .annotate(n=Count("action_sheets"))
            .order_by("-n", "pk")[: count - len(members)]
        )
        members += list(others)
    return members


def all_reports(count: int = NETWORK_MEMBERS) -> dict:
    """Build the PDFs of ``count`` collectivities one after the other (the yearly run's work:
    report_documents.build_now, the PDF stored), from scratch."""
    from django.conf import settings

    from actions.models import ReportPdf
    from actions.services.report_documents import build_now

    collectivities = _report_collectivities(count)
    if not collectivities:
        return {"skipped": "no collectivity"}
    year = _report_year()
    ReportPdf.objects.filter(report__year=year, report__language=settings.LANGUAGE_CODE).delete()
    errors = 0
    started, cpu = time.perf_counter(), time.process_time()
    for collectivity in collectivities:
        try:
            build_now(collectivity, year, settings.LANGUAGE_CODE)
        except Exception:  # noqa: BLE001 - counted and reported
            errors += 1
    seconds = time.perf_counter() - started
    return {
        "reports": len(collectivities),
        "seconds": round(seconds, 1),
        "CPU seconds": round(time.process_time() - cpu, 1),
        "per report ms": round(1000 * seconds / len(collectivities)),
        "errors": errors,
        "target s": ALL_REPORTS_TARGET_S if count == NETWORK_MEMBERS else None,
        "met": seconds <= ALL_REPORTS_TARGET_S if count == NETWORK_MEMBERS else None,
    }


def run_all(all_reports_count: int = NETWORK_MEMBERS) -> dict:
    """Every measure of this module, for bench/run.py (one JSON line)."""
    result = {
        "catalogue": catalogue(),
        "report page": report_page(),
        "report pdf": report_pdf(),
        f"all {all_reports_count} reports": all_reports(all_reports_count),
    }
    result["maxrss MiB"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result
