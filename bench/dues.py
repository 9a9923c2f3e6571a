"""`make bench`: the year's dues calls for 460 members, issued with their Factur-X PDFs.

What staff start from the admin ("Émettre les appels de l'année"): one run
(dues.services.runs) issues a numbered call per member, then each call's PDF is built as its
task would (core.documents.build: WeasyPrint, then the Factur-X XML embedded). Reports the
time of each phase (wall clock, and the process's CPU time, which a busy machine does not
inflate) and the process's peak memory (resident set size); target: 2 minutes.

It issues for a year no one else uses (the current year + 1) and adds members until there
are ``count`` to call, so that it leaves the demo's calls alone.
"""

from __future__ import annotations

import resource
import time

#: What the issue promises for 460 calls with their PDFs.
TARGET_SECONDS = 120


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def issue_year_with_pdfs(count: int = 460) -> dict[str, float | int | str]:
    from django.utils import timezone

    from core import documents
    from dues.models import DuesTier, Invoice, InvoicePdf, InvoiceRun
    from dues.services import runs
    from members.factories import MembershipFactory
    from territories.choices import CollectivityKind

    year = timezone.localdate().year + 1
    if Invoice.objects.filter(period_year=year).exists():
        return {"skipped": f"calls for {year} exist already"}
    for kind in CollectivityKind.values:
        DuesTier.objects.get_or_create(
            year=year, kind=kind, population_min=0, defaults={"amount_cents": 40000, "illustrative": True}
        )
    missing = count - runs.members_to_invoice().count()
    for _ in range(max(missing, 0)):
        MembershipFactory()
    memory_before = _peak_rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    run = InvoiceRun.objects.create(period_year=year, total=count)
    run = runs.execute_run(run.pk)
    issued_at = time.perf_counter()
    ids = list(Invoice.objects.filter(period_year=year).order_by("sequence").values_list("pk", flat=True))
    for invoice_id in ids:
        documents.build(InvoicePdf, invoice_id)
    finished, cpu = time.perf_counter(), time.process_time() - cpu_started
    total = finished - started
    return {
        "calls issued": run.issued,
        "errors": len(run.errors),
        "PDFs built": InvoicePdf.objects.filter(invoice_id__in=ids).count(),
        "issue s": round(issued_at - started, 1),
        "PDFs s": round(finished - issued_at, 1),
        "total s": round(total, 1),
        "ms per call": round(total * 1000 / max(len(ids), 1), 1),
        # CPU time of this process: what the run costs, whatever else the machine is doing
        "CPU s": round(cpu, 1),
        "peak RSS MB": _peak_rss_mb(),
        "RSS before MB": memory_before,
        "target": f"≤ {TARGET_SECONDS} s: {'met' if total <= TARGET_SECONDS else 'missed'}",
    }
