"""A collectivity's position among its peers, as a percentile rank (pure arithmetic).

The rank of a value among peers is the share of peers strictly below it plus half the share of
peers equal to it, in % (0..100), the "mid-rank" definition:

- the lowest of ten distinct values ranks 5, the highest 95, the middle of an odd group 50;
- every tie gets the same rank (ten equal values all rank 50), and a value that no peer reaches
  ranks 100.

Whether the collectivity itself is among its peers is the caller's choice; if it is, its own
value counts as half a tie, which is what the definition above expects.

For the report, compute ``below``, ``equal`` and ``total`` with database aggregates (one
``COUNT`` each, e.g. with :func:`position_aggregates`) and pass them to
:func:`position_from_counts`: the memory used does not grow with the number of sheets or
peers. :func:`percentile_rank` is the same rank over a sorted list, for small lists and tests.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from django.db.models import Count, Q


def position_from_counts(below: int, equal: int, total: int) -> float | None:
    """The percentile rank (0..100) of a value that ``below`` of ``total`` peers are strictly
    below and ``equal`` of them equal to; None when there is no peer (no position to give).

    Raises ValueError when the counts are inconsistent (negative, or more peers below and equal
    than in total).
    """
    if below < 0 or equal < 0 or total < 0 or below + equal > total:
        raise ValueError(f"inconsistent counts: {below} below and {equal} equal out of {total} peers")
    if total == 0:
        return None
    return 100 * (below + equal / 2) / total


def percentile_rank(value: float, sorted_values: Sequence[float]) -> float | None:
    """The percentile rank (0..100) of ``value`` among ``sorted_values`` (sorted ascending);
    None when the sequence is empty."""
    below = bisect_left(sorted_values, value)
    equal = bisect_right(sorted_values, value) - below
    return position_from_counts(below, equal, len(sorted_values))


def position_aggregates(field: str, value: float, prefix: str = "") -> dict[str, Count]:
    """The keyword arguments of ``QuerySet.aggregate()`` that count the rows whose ``field`` is
    below ``value``, equal to it, and in total, as ``{prefix}below``, ``{prefix}equal`` and
    ``{prefix}total``: one query, whatever the number of rows. ``field`` may be an annotation
    (e.g. the number of enjeux each peer covers)::

        counts = peers.annotate(n=...).aggregate(**position_aggregates("n", mine))
        position_from_counts(counts["below"], counts["equal"], counts["total"])
    """
    return {
        f"{prefix}below": Count("pk", filter=Q(**{f"{field}__lt": value})),
        f"{prefix}equal": Count("pk", filter=Q(**{field: value})),
        f"{prefix}total": Count("pk"),
    }


def median(sorted_values: Sequence[float]) -> float | None:
    """The median of ``sorted_values`` (sorted ascending): the middle value, or the mean of the
    two middle ones; None when the sequence is empty. Used for the peers' polygon of a radar."""
    count = len(sorted_values)
    if not count:
        return None
    middle = count // 2
    if count % 2:
        return float(sorted_values[middle])
    return (sorted_values[middle - 1] + sorted_values[middle]) / 2
