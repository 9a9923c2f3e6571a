"""Data sets built once and shared by consecutive tests, instead of being rebuilt for each test.

A data set is a fixture (``demo_site``, ``label_demo``, ``full_demo``...) whose loader is
registered here with :func:`dataset`. Before a test's own transaction opens, the plugin in
``tests/conftest.py`` makes sure the data set the test asks for is loaded, inside a transaction
that stays open for the tests that follow and need the same data set. Each test still runs in
its own savepoint (pytest-django's per-test atomic), so whatever it changes is rolled back
before the next one: every test sees the database it would see if the data set were loaded
for it alone.

The shared transaction is rolled back (and the data set forgotten) as soon as a test needs
another data set, an empty database (plain ``db``), real commits (``transactional_db``, the
live server: those load their data set themselves) or is a Django ``TestCase`` (which opens its
own class-wide transaction), and at the end of the session. The tests are grouped by data set
(in the order each data set first appears, pytest-django then puts the transactional tests
last) so that each data set is loaded once per process.

Under pytest-xdist every worker has its own database and its own shared transaction. With
``--dist loadgroup`` the tests of a data set go to one worker by runs of 30 (``xdist_group``
marks, see :func:`mark_xdist_groups`; all of them for a data set registered with
``spread=False``, the full demo, whose loading costs more than its tests); those runs are
scheduled first, the largest first, then
the other tests one by one in the order above, so that every worker still runs the
transactional tests after the others (their flush empties the database, migration data
included).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase, TransactionTestCase

WANTED = pytest.StashKey[str | None]()


@dataclass(frozen=True)
class Dataset:
    name: str
    load: Callable[[], object]
    # The other data sets this one holds: a test asking for several gets the one holding all.
    contains: frozenset[str]
    execute_on_commit: bool
    # Under pytest-xdist, whether its tests may go to several workers (each loading it).
    spread: bool = True


REGISTRY: dict[str, Dataset] = {}
# The session's SharedData (set by the ``shared_data_session`` fixture of tests/conftest.py).
ACTIVE: SharedData | None = None


def dataset(name: str, *, contains: Iterable[str] = (), execute_on_commit: bool = False, spread: bool = True):
    """Register the decorated function as the loader of the fixture ``name`` (the fixture's own
    name: the tests asking for that fixture are the ones the data set is loaded for).

    The fixture itself calls ``shared_data.use(name)`` and returns what its tests need (fetch
    model instances again there: the loader's own objects would be shared by every test).
    With ``execute_on_commit`` the ``transaction.on_commit`` callbacks queued while loading are
    run, as ``django_capture_on_commit_callbacks(execute=True)`` runs them (generated files).
    With ``spread=False`` all its tests go to one pytest-xdist worker: for a data set whose
    loading takes longer than its tests (the full demo), a second worker loading it again
    costs more than it saves.
    """

    def register(load: Callable[[], object]) -> Callable[[], object]:
        REGISTRY[name] = Dataset(name, load, frozenset(contains), execute_on_commit, spread)
        return load

    return register


def is_django_testcase(item: pytest.Item) -> bool:
    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


def is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker:
        # django_db(transaction=False, reset_sequences=False, ...), by keyword or position.
        transactional = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        reset = marker.kwargs.get("reset_sequences", marker.args[1] if len(marker.args) > 1 else False)
        if transactional or reset:
            return True
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & fixtures)


def wanted_by(item: pytest.Item) -> str | None:
    """The shared data set ``item`` needs; None for none, and for the tests that cannot share
    one (transactional tests load theirs themselves). A UsageError if no single one serves it."""
    if WANTED in item.stash:
        return item.stash[WANTED]
    names = {name for name in getattr(item, "fixturenames", ()) if name in REGISTRY}
    wanted = None
    if names and not is_django_testcase(item) and not is_transactional(item):
        holding_all = sorted(name for name in names if names - {name} <= REGISTRY[name].contains)
        if not holding_all:
            raise pytest.UsageError(
                f"{item.nodeid} asks for the data sets {sorted(names)}: no registered data set "
                "contains the others (tests/datasets.py)."
            )
        wanted = holding_all[0]
    item.stash[WANTED] = wanted
    return wanted


def group_by_dataset(items: list[pytest.Item]) -> None:
    """Reorder ``items`` in place: the tests wanting one data set one after the other, data
    sets in the order they first appear and before the tests wanting none, tests in their
    collection order within a data set."""
    rank: dict[str | None, int] = {}
    for item in items:
        if wanted_by(item) is not None:
            rank.setdefault(wanted_by(item), len(rank))
    positions = {id(item): position for position, item in enumerate(items)}
    items.sort(key=lambda item: (rank.get(wanted_by(item), len(rank)), positions[id(item)]))


def mark_xdist_groups(items: list[pytest.Item], chunk: int = 30) -> None:
    """Mark the tests that must run in one worker under ``--dist loadgroup``: those of one data
    set, and those of one Django TestCase class (its class-wide set-up runs once).

    The tests of a data set are cut into runs of about ``chunk`` tests (as many runs as
    ``chunk`` goes into their number, of even sizes, so that no short last run makes a worker
    load the data set for a couple of tests), so that the large data sets still spread over the
    workers; one worker running two runs of one data set loads it once. The tests of a data set
    registered with ``spread=False`` make a single run."""
    by_dataset: dict[str, list[pytest.Item]] = {}
    for item in items:
        wanted = wanted_by(item)
        if wanted is not None:
            by_dataset.setdefault(wanted, []).append(item)
        elif is_django_testcase(item) and issubclass(item.cls, TestCase):
            item.add_marker(pytest.mark.xdist_group(item.cls.__qualname__))
    for name, tests in by_dataset.items():
        runs = max(1, round(len(tests) / chunk)) if REGISTRY[name].spread else 1
        for index, item in enumerate(tests):
            item.add_marker(pytest.mark.xdist_group(f"{name}-{index * runs // len(tests) + 1}"))


def add_xdist_group_suffixes(items: list[pytest.Item]) -> None:
    """Do what ``--dist loadgroup`` does on a worker with the ``xdist_group`` marks when
    pytest-xdist could not: append ``@group`` to the node ids, from which the controller groups
    the tests. pytest-xdist 3.8 writes an attribute that pytest 9 no longer reads, and the
    groups are silently ignored (pytest-dev/pytest-xdist#1386); once it works, the node ids
    already end with the group and nothing is changed here."""
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # pytest before 9.2: pytest-xdist sets the suffixes itself
        return

    for item in items:
        names = sorted(
            {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
        )
        if names and "@" not in item.nodeid.rpartition("]")[2]:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(names)}")


class SharedData:
    """At most one data set, loaded in a transaction kept open across tests."""

    def __init__(self, blocker) -> None:
        self.blocker = blocker
        self.current: Dataset | None = None
        self.value: object = None
        self.atomic = None
        self.memos: dict[str, object] = {}

    def holds(self, name: str) -> bool:
        return self.current is not None and (name == self.current.name or name in self.current.contains)

    def prepare(self, item: pytest.Item) -> None:
        """Load the data set ``item`` wants, or roll the shared one back if it wants none or
        cannot share it."""
        wanted = wanted_by(item)
        if wanted is None:
            self.release()
        elif self.current is None or self.current.name != wanted:
            self.release()
            self.switch_to(REGISTRY[wanted])

    def switch_to(self, found: Dataset) -> None:
        with self.blocker.unblock():
            cache.clear()
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            # Nested atomics (durable ones too) treat this block as the test case's own, as
            # they treat the class-wide atomic of Django's TestCase.
            self.atomic._from_testcase = True
            try:
                self.value = load(found)
            except BaseException:
                self.rollback()
                raise
        self.current = found

    def release(self) -> None:
        if self.atomic is not None:
            with self.blocker.unblock():
                self.rollback()

    def rollback(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        self.atomic = None
        self.current = None
        self.value = None
        self.memos = {}
        cache.clear()


def load(found: Dataset) -> object:
    if not found.execute_on_commit:
        return found.load()
    with TestCase.captureOnCommitCallbacks(execute=True):
        return found.load()


class DatasetAccess:
    """What a data-set fixture gets from the ``shared_data`` fixture, for one test."""

    def __init__(self, shared: SharedData, item: pytest.Item) -> None:
        self.shared = shared
        self.item = item
        self.transactional = is_transactional(item)

    def use(self, name: str) -> object:
        """What the loader of ``name`` returned (a copy). A transactional test cannot share the
        data set (its database is emptied after it): it is loaded for that test alone."""
        if self.transactional:
            return REGISTRY[name].load()  # real commits run the on_commit callbacks themselves
        if name not in self.item.fixturenames:
            raise RuntimeError(f"the data set {name!r} must be registered under its fixture's name")
        if not self.shared.holds(name):
            raise RuntimeError(f"the data set {name!r} is not loaded for {self.item.nodeid}")
        return copy.deepcopy(self.shared.value) if self.shared.current.name == name else None

    def memo(self, key: str, compute: Callable[[], object]) -> object:
        """``compute()``, computed once while the current data set stays loaded (a crawl of its
        pages, say) and given as it is to the next tests of that data set."""
        if self.transactional:
            return compute()
        if key not in self.shared.memos:
            self.shared.memos[key] = compute()
        return self.shared.memos[key]
