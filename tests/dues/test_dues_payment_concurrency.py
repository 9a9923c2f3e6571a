"""The same Stripe event delivered twice at the same moment on PostgreSQL credits once."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from dues.models import Payment, StripeEvent
from members.models import Membership, MembershipStatus
from tests.dues.payment_helpers import paid_session, pending_member_invoice, signed_event

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and concurrent writers (SQLite: one writer at a time)",
    ),
]

DELIVERIES = 4


def test_concurrent_deliveries_of_one_event_credit_once(stripe_fake):
    invoice, membership = pending_member_invoice()
    session = paid_session(stripe_fake, invoice)
    payload, signature = signed_event("checkout.session.completed", session)
    stripe_fake.delay_seconds = 0.2  # every delivery is inside its Stripe lookup at the same time
    barrier = threading.Barrier(DELIVERIES, timeout=10)
    statuses, errors = [], []

    def deliver():
        try:
            barrier.wait()
            response = Client().post(
                reverse("dues:stripe_webhook"),
                payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=signature,
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - the outcome under test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(DELIVERIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert statuses == [200] * DELIVERIES
    assert Payment.objects.count() == 1
    assert StripeEvent.objects.get().outcome == "credited"
    assert Membership.objects.get(pk=membership.pk).get_status() == MembershipStatus.ACTIVE
