"""200 people registering at once for a 50-seat session, on PostgreSQL (row locks)."""

import threading

import pytest
from django.db import connection, connections

from webinars import services
from webinars.models import Registration, Status

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (SQLite runs one writing transaction at a time)",
    ),
]


def test_200_concurrent_registrations_for_50_seats(wagtail_root):
    from core.demo import quiet
    from home import demo as home_demo
    from webinars import demo
    from webinars.models import SeasonPage

    from .conftest import future_session

    home_demo.load(quiet)
    demo.load(quiet)
    session = future_session(SeasonPage.objects.get(locale__language_code="fr"), capacity=50)
    barrier = threading.Barrier(20, timeout=30)
    errors = []

    def run(chunk):
        try:
            barrier.wait()
            for i in chunk:
                registration = services.register_visitor(
                    session=session, name=f"P {i}", email=f"p{i}@example.test", role="agent"
                )
                services.confirm(registration.token)
        except Exception as error:  # noqa: BLE001 - the outcome under test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(range(i, 200, 20),)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    registrations = Registration.objects.filter(session=session)
    assert registrations.filter(status=Status.CONFIRMED).count() == 50
    assert registrations.filter(status=Status.WAITING).count() == 150
    assert registrations.values("email_normalised").distinct().count() == 200

    first_waiting = list(registrations.waiting_list()[:3].values_list("pk", flat=True))
    for registration in list(registrations.filter(status=Status.CONFIRMED)[:3]):
        services.cancel(registration)
    promoted = set(
        registrations.filter(pk__in=first_waiting, status=Status.CONFIRMED).values_list("pk", flat=True)
    )
    assert promoted == set(first_waiting)
    assert registrations.filter(status=Status.CONFIRMED).count() == 50
