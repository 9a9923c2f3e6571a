"""The figures of a label edition, computed from its labellisations, never typed by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, Func, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from territories.models import Category, Collectivity, CollectivityKind

from ..models import MAX_AROBASES, MIN_AROBASES, Distinction, DistinctionKind, LabelEdition, Labellisation
from ..models.editions import category_conditions, edition_population


@dataclass(frozen=True)
class RegionFigure:
    name: str
    slug: str
    labelled: int


@dataclass(frozen=True)
class EditionFigures:
    """What the palmarès page, the figures block and the press quote about an edition."""

    edition: LabelEdition
    labelled: int
    villes: int
    villages: int
    territoires: int
    unknown_category: int
    by_arobases: dict[int, int]
    communes: int
    inhabitants: int
    unknown_population: int
    ten: int
    mentions: int
    mentions_by_kind: dict[str, int] = field(default_factory=dict)
    regions: list[RegionFigure] = field(default_factory=list)

    @property
    def by_category(self) -> dict[str, int]:
        return {
            Category.VILLE: self.villes,
            Category.VILLAGE: self.villages,
            Category.TERRITOIRE: self.territoires,
        }

    @property
    def inhabitants_millions(self) -> Decimal | None:
        """The inhabitants in millions to one decimal, as the press says them ("près de 4,6
        millions"), or None below a million (the exact number is shown then)."""
        if self.inhabitants < 1_000_000:
            return None
        return (Decimal(self.inhabitants) / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def inhabitants_whole_millions(self) -> int:
        """The whole part of :attr:`inhabitants_millions`, which chooses "million" or "millions"."""
        return int(self.inhabitants_millions or 0)

    @property
    def arobases_rows(self) -> list[tuple[int, str, int]]:
        """(number of @, "@@@", count) from 5 @ down to 1 @, for templates."""
        return [(n, "@" * n, self.by_arobases[n]) for n in range(MAX_AROBASES, MIN_AROBASES - 1, -1)]

    @property
    def mention_rows(self) -> list[tuple[str, int]]:
        return [
            (DistinctionKind(kind).label, count)
            for kind, count in self.mentions_by_kind.items()
            if kind != DistinctionKind.TEN and count
        ]


CATEGORY_LABELS = {
    Category.VILLE: _("villes"),
    Category.VILLAGE: _("villages"),
    Category.TERRITOIRE: _("territoires"),
}


def edition_figures(edition: LabelEdition, *, with_regions: bool = True) -> EditionFigures:
    """Compute every figure of ``edition`` in two queries, whatever its size: the totals (with
    the communes concerned and the distinctions as sub-queries) and the regions (left empty,
    and not asked, with ``with_regions=False``).

    Communes concerned: the labelled communes plus the member communes of the labelled EPCI and
    syndicats, each counted once. Inhabitants: the sum of the labelled collectivities'
    populations, an unknown population counting as 0 (``unknown_population`` says how many).
    """
    rows = Labellisation.objects.filter(edition=edition)
    conditions = category_conditions("collectivity")
    labelled_ids = rows.values("collectivity_id")
    in_a_labelled_grouping = Collectivity.member_communes.through.objects.filter(
        to_collectivity=OuterRef("pk"), from_collectivity__in=labelled_ids
    )
    communes = (
        Collectivity.objects.filter(kind=CollectivityKind.COMMUNE)
        .filter(Q(pk__in=labelled_ids) | Q(Exists(in_a_labelled_grouping)))
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count")
    )
    # A distinction is given once per labellisation: rows with one of a kind count them.
    kinds = {
        f"kind_{kind.value}": Count(
            "pk",
            filter=Q(Exists(Distinction.objects.filter(labellisation=OuterRef("pk"), kind=kind.value))),
        )
        for kind in DistinctionKind
    }
    totals = rows.aggregate(
        labelled=Count("pk"),
        villes=Count("pk", filter=conditions[Category.VILLE]),
        villages=Count("pk", filter=conditions[Category.VILLAGE]),
        territoires=Count("pk", filter=conditions[Category.TERRITOIRE]),
        inhabitants=Sum(edition_population(), default=0),
        unknown_population=Count(
            "pk", filter=Q(population__isnull=True, collectivity__population__isnull=True)
        ),
        # A sub-query inside an aggregate: one value for the whole edition.
        communes=Max(Subquery(communes, output_field=IntegerField())),
        **{f"arobases_{n}": Count("pk", filter=Q(arobases=n)) for n in range(MIN_AROBASES, MAX_AROBASES + 1)},
        **kinds,
    )
    communes = totals["communes"] or 0
    by_kind = {kind.value: totals[f"kind_{kind.value}"] for kind in DistinctionKind}
    regions = []
    if with_regions:
        regions = [
            RegionFigure(name or "", slug or "", count)
            for name, slug, count in rows.values_list(
                "collectivity__region__name", "collectivity__region__slug"
            )
            .annotate(count=Count("pk"))
            .order_by("-count", "collectivity__region__name")
        ]
    known = totals["villes"] + totals["villages"] + totals["territoires"]
    mentions_by_kind = {kind.value: by_kind.get(kind.value, 0) for kind in DistinctionKind}
    return EditionFigures(
        edition=edition,
        labelled=totals["labelled"],
        villes=totals["villes"],
        villages=totals["villages"],
        territoires=totals["territoires"],
        unknown_category=totals["labelled"] - known,
        by_arobases={n: totals[f"arobases_{n}"] for n in range(MIN_AROBASES, MAX_AROBASES + 1)},
        communes=communes,
        inhabitants=totals["inhabitants"],
        unknown_population=totals["unknown_population"],
        ten=mentions_by_kind[DistinctionKind.TEN],
        mentions=sum(count for kind, count in mentions_by_kind.items() if kind != DistinctionKind.TEN),
        mentions_by_kind=mentions_by_kind,
        regions=regions,
    )
