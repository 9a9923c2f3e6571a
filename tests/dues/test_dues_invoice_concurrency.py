"""20 invoices issued at the same moment on PostgreSQL get the numbers 1 to 20, no gap, no
duplicate; a failed issue gives its number back."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from dues.models import DuesTier, Invoice
from dues.services import invoices
from territories.factories import CollectivityFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and concurrent writers (SQLite: one writer at a time)",
    ),
]

COUNT = 20


def test_twenty_concurrent_issues_are_gapless():
    year = timezone.localdate().year
    DuesTier.objects.create(year=year, kind="commune", population_min=0, amount_cents=10000)
    collectivities = [CollectivityFactory(population=1000 + n) for n in range(COUNT)]
    barrier = threading.Barrier(COUNT, timeout=10)
    errors = []

    def issue(collectivity):
        try:
            barrier.wait()
            invoices.issue_invoice(collectivity=collectivity, period_year=year)
        except Exception as error:  # noqa: BLE001 - the outcome under test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(c,)) for c in collectivities]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    sequences = sorted(Invoice.objects.filter(year=year).values_list("sequence", flat=True))
    assert sequences == list(range(1, COUNT + 1))


def test_rolled_back_issue_gives_its_number_back():
    year = timezone.localdate().year
    DuesTier.objects.create(year=year, kind="commune", population_min=0, amount_cents=10000)
    first, second = CollectivityFactory(population=10), CollectivityFactory(population=20)
    with pytest.raises(RuntimeError), transaction.atomic():
        invoices.issue_invoice(collectivity=first, period_year=year)
        raise RuntimeError("the caller fails after the issue")
    invoice = invoices.issue_invoice(collectivity=second, period_year=year)
    assert invoice.sequence == 1
