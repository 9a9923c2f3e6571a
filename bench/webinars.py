"""`make bench`: a burst of webinar registrations, through the services, from threads.

Registers ``count`` visitors (each then confirming) to one new session of ``capacity`` seats,
from ``threads`` threads at once, and reports the time per registration and the errors.
"""

from __future__ import annotations

import datetime
import statistics
import threading
import time


def registration_burst(
    count: int = 200, capacity: int = 50, threads: int = 8
) -> dict[str, float | int | str]:
    from django.db import connections
    from django.utils import timezone

    from webinars import services
    from webinars.models import CyclePage, Registration, SessionPage, Status

    cycle = CyclePage.objects.filter(locale__language_code="fr").first()
    if cycle is None:
        return {"skipped": "no webinar cycle (webinars demo not loaded)"}
    session = SessionPage(
        title=f"Bancdessai séance {time.time_ns()}",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        capacity=capacity,
    )
    cycle.add_child(instance=session)
    session.save_revision().publish()
    durations: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def run(numbers: range) -> None:
        try:
            for number in numbers:
                started = time.perf_counter()
                try:
                    registration = services.register_visitor(
                        session=session,
                        name=f"Bancdessai {number}",
                        email=f"bench{number}@example.test",
                        role="agent",
                    )
                    services.confirm(registration.token)
                except Exception as error:  # noqa: BLE001 - counted and reported
                    with lock:
                        errors.append(repr(error))
                    continue
                with lock:
                    durations.append(time.perf_counter() - started)
        finally:
            if threads > 1:
                connections.close_all()  # each thread's own connection

    if threads == 1:
        run(range(count))
    else:
        workers = [threading.Thread(target=run, args=(range(i, count, threads),)) for i in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    registrations = Registration.objects.filter(session=session)
    return {
        "registrations": count,
        "threads": threads,
        "errors": len(errors),
        "mean ms": round(statistics.mean(durations) * 1000, 1) if durations else 0,
        "p95 ms": round(sorted(durations)[int(len(durations) * 0.95) - 1] * 1000, 1) if durations else 0,
        "confirmed": registrations.filter(status=Status.CONFIRMED).count(),
        "waiting": registrations.filter(status=Status.WAITING).count(),
    }
