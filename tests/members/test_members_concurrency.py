"""Two référents changing each other's roles at the same moment, on PostgreSQL (row locks).

Each change runs in its own thread, with its own database connection. A barrier holds both
just before the check of the collectivity's référents, where they used to deadlock: with the
collectivity locked first, the second waits for the first, finds that its author is no longer
référent and says so.
"""

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from members import services
from members.models import MemberRole, Role
from members.services import roles

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (SQLite runs one writing transaction at a time)",
    ),
]


def run_at_once(monkeypatch, *changes):
    """Run ``changes`` in threads, each held before the référents check until all get there
    (or two seconds pass: a change blocked on a lock never reaches it). Their outcomes, in order."""
    barrier = threading.Barrier(len(changes), timeout=2)
    original = roles.refuse_without_referent

    def held(member_role, message):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return original(member_role, message)

    monkeypatch.setattr(roles, "refuse_without_referent", held)
    outcomes = [None] * len(changes)

    def run(index, change):
        try:
            outcomes[index] = change()
        except Exception as error:  # noqa: BLE001 - the outcome under test
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, change)) for i, change in enumerate(changes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_referents_demoting_each_other_never_fail(monkeypatch, ours):
    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.elu), role=Role.REFERENT)
    first, second = ours.role_of(ours.referent), ours.role_of(ours.elu)

    outcomes = run_at_once(
        monkeypatch,
        lambda: services.change_role(actor=ours.referent, member_role=second, role=Role.AGENT),
        lambda: services.change_role(actor=ours.elu, member_role=first, role=Role.AGENT),
    )

    won = [o for o in outcomes if isinstance(o, MemberRole)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(won) == 1 and len(refused) == 1, outcomes
    assert "Votre rôle a changé entre-temps" in " ".join(refused[0].messages)
    # One change happened, the other not: the collectivity keeps exactly one référent.
    assert MemberRole.objects.referents().filter(collectivity=ours.collectivity).count() == 1


def test_a_referent_removed_while_removing_the_other_gets_a_message(monkeypatch, ours):
    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.elu), role=Role.REFERENT)
    first, second = ours.role_of(ours.referent), ours.role_of(ours.elu)

    outcomes = run_at_once(
        monkeypatch,
        lambda: services.remove_person(actor=ours.referent, member_role=second),
        lambda: services.remove_person(actor=ours.elu, member_role=first),
    )

    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), outcomes
    assert MemberRole.objects.referents().filter(collectivity=ours.collectivity).count() == 1
