"""Percentile ranks (share strictly below + half the ties), checked against values computed by
hand, from a sorted list and from database COUNT aggregates."""

import pytest
from django.db.models import Count

from actions.percentiles import median, percentile_rank, position_aggregates, position_from_counts
from territories.factories import CollectivityFactory, RegionFactory
from territories.models import Region

# Ten peers; by hand: 2 is above 1 peer (1) and ties 3 (2, 2, 2) -> (1 + 1.5) / 10 = 25 %.
PEERS = [1, 2, 2, 2, 3, 5, 8, 8, 9, 10]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0.0),  # below every peer
        (1, 5.0),  # 0 below, 1 tie: 0.5 / 10
        (2, 25.0),  # 1 below, 3 ties: 2.5 / 10
        (4, 50.0),  # 5 below, no tie, not a peer's value
        (8, 70.0),  # 6 below, 2 ties: 7 / 10
        (10, 95.0),  # 9 below, 1 tie
        (11, 100.0),  # above every peer
    ],
)
def test_percentile_rank_by_hand(value, expected):
    assert percentile_rank(value, PEERS) == pytest.approx(expected)


def test_ties_share_one_rank_and_the_middle_of_an_odd_group_is_50():
    assert percentile_rank(7, [7] * 10) == 50.0
    assert percentile_rank(3, [1, 3, 5]) == pytest.approx(50.0)
    assert percentile_rank(0.25, [0.0, 0.25, 0.5, 0.75]) == pytest.approx(37.5)


def test_no_peer_has_no_position():
    assert percentile_rank(3, []) is None
    assert position_from_counts(0, 0, 0) is None


def test_position_from_counts_matches_the_sorted_list():
    assert position_from_counts(below=1, equal=3, total=10) == pytest.approx(25.0)
    assert position_from_counts(below=6, equal=2, total=10) == pytest.approx(70.0)
    assert position_from_counts(below=0, equal=1, total=1) == 50.0
    assert position_from_counts(below=4, equal=0, total=4) == 100.0


@pytest.mark.parametrize(("below", "equal", "total"), [(-1, 0, 3), (0, -1, 3), (2, 2, 3), (0, 0, -1)])
def test_inconsistent_counts_are_refused(below, equal, total):
    with pytest.raises(ValueError, match="inconsistent counts"):
        position_from_counts(below, equal, total)


def test_median_by_hand():
    assert median([]) is None
    assert median([4]) == 4.0
    assert median([1, 2, 9]) == 2.0
    assert median(PEERS) == 4.0  # (3 + 5) / 2
    assert median([0.25, 0.5]) == pytest.approx(0.375)


@pytest.mark.django_db
def test_position_aggregates_count_an_annotation_in_one_query(django_assert_num_queries):
    # Four régions with 0, 1, 1 and 3 collectivities: the rank of 1 is (1 + 2 / 2) / 4 = 50 %.
    regions = []
    for count in (0, 1, 1, 3):
        region = RegionFactory()
        regions.append(region.pk)
        for _ in range(count):
            CollectivityFactory(region=region, department=None)
    peers = Region.objects.filter(pk__in=regions).annotate(n=Count("collectivities"))
    with django_assert_num_queries(1):
        counts = peers.aggregate(**position_aggregates("n", 1))
    assert counts == {"below": 1, "equal": 2, "total": 4}
    assert position_from_counts(counts["below"], counts["equal"], counts["total"]) == 50.0
    prefixed = peers.aggregate(**position_aggregates("n", 3, prefix="sheets_"))
    assert prefixed == {"sheets_below": 3, "sheets_equal": 1, "sheets_total": 4}
