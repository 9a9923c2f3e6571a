"""The dues entry of `make bench` issues the calls with their PDFs and reports time and memory."""

import pytest
from django.utils import timezone

from bench.dues import issue_year_with_pdfs
from dues.models import Invoice, InvoicePdf

pytestmark = pytest.mark.django_db


def test_issue_year_with_pdfs_on_a_tiny_dataset():
    report = issue_year_with_pdfs(count=3)
    year = timezone.localdate().year + 1
    assert report["calls issued"] == 3 and report["errors"] == 0
    assert report["PDFs built"] == 3 == InvoicePdf.objects.count()
    assert list(
        Invoice.objects.filter(period_year=year).values_list("sequence", flat=True).order_by("sequence")
    ) == [
        1,
        2,
        3,
    ]
    assert report["total s"] > 0 and report["peak RSS MB"] > 0
    assert issue_year_with_pdfs(count=3) == {"skipped": f"calls for {year} exist already"}
