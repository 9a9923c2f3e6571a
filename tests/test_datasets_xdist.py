"""How the tests of the shared data sets are spread over the pytest-xdist workers
(tests/datasets.py ``mark_xdist_groups``): each group goes to one worker, and each worker
running a group loads its data set once."""

from collections import Counter

import pytest
from django.test import TestCase

from tests import datasets


class FakeItem:
    """What ``mark_xdist_groups`` reads of a collected test."""

    def __init__(self, number: int, fixturenames: tuple[str, ...], cls: type | None = None) -> None:
        self.nodeid = f"tests/test_fake.py::test_{number}"
        self.fixturenames = fixturenames
        self.cls = cls
        self.stash = pytest.Stash()
        self.marks: list[pytest.Mark] = []

    def get_closest_marker(self, name: str):
        return next(self.iter_markers(name), None)

    def add_marker(self, marker) -> None:
        self.marks.append(marker.mark)

    def iter_markers(self, name: str):
        return (mark for mark in self.marks if mark.name == name)


def groups(items: list[FakeItem]) -> Counter:
    return Counter(mark.args[0] for item in items for mark in item.iter_markers("xdist_group"))


@pytest.fixture
def spread_dataset(monkeypatch):
    loaded = datasets.Dataset("spread_demo", dict, frozenset(), execute_on_commit=False)
    monkeypatch.setitem(datasets.REGISTRY, "spread_demo", loaded)


def test_the_full_demo_goes_to_one_worker_which_loads_it_once():
    items = [FakeItem(number, ("full_demo",)) for number in range(62)]

    datasets.mark_xdist_groups(items)

    assert groups(items) == {"full_demo-1": 62}


def test_a_spread_data_set_is_cut_into_even_runs_without_a_short_last_one(spread_dataset):
    items = [FakeItem(number, ("spread_demo",)) for number in range(272)]

    datasets.mark_xdist_groups(items)

    sizes = groups(items)
    assert len(sizes) == 9
    assert min(sizes.values()) >= 30
    assert max(sizes.values()) <= 31
    # Consecutive tests stay together: a worker goes through a run in the collection order.
    assert [item.marks[0].args[0] for item in items] == sorted(
        (item.marks[0].args[0] for item in items), key=lambda group: int(group.rpartition("-")[2])
    )


def test_a_small_spread_data_set_makes_one_run(spread_dataset):
    items = [FakeItem(number, ("spread_demo",)) for number in range(44)]

    datasets.mark_xdist_groups(items)

    assert groups(items) == {"spread_demo-1": 44}


class OneClass(TestCase):
    pass


def test_the_tests_of_a_django_testcase_share_a_group_and_the_others_none():
    items = [FakeItem(1, ("db",), cls=OneClass), FakeItem(2, ("db",), cls=OneClass), FakeItem(3, ("db",))]

    datasets.mark_xdist_groups(items)

    assert groups(items) == {"OneClass": 2}
    assert not items[2].marks
