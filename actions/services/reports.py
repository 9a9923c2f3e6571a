"""The self-assessment report of a collectivity for a label year, computed with database
aggregates: the number of queries and the memory depend on the size of the référentiel and the
number of peers, never on the number of sheets.

- coverage: for each enjeu and each family, how many of the collectivity's sheets eligible for
  the year (:meth:`~actions.models.ActionSheetQuerySet.eligible_for`) are filed under it;
- services covered, against the services offered that year;
- evolution: the eligible sheets of each of the last years;
- the sheets that stand out: the eligible sheets filed under the most services, newest first;
- peers: the collectivities of the same category and population band; the collectivity's
  position among them as percentile ranks (:mod:`actions.percentiles`) of its number of
  eligible sheets, of enjeux covered and of services covered, counted by the database in one
  query (``COUNT`` of the peers below and equal): nothing per peer or per sheet in memory;
- suggestions: the services most common among the peers' eligible sheets for which the
  collectivity has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import translation

from territories.models import Collectivity

from ..charts import EnjeuCoverage, FamilyCoverage
from ..models import ActionSheet, Enjeu, Family, Service, population_band_condition, population_band_of
from ..models.sheets import eligibility_condition
from ..percentiles import position_aggregates, position_from_counts

YEARS_SHOWN = 5
STANDOUT = 5
SUGGESTIONS = 5

Links = ActionSheet.services.through


@dataclass
class Report:
    collectivity: Collectivity
    year: int
    sheet_count: int
    enjeux: list[tuple[Enjeu, int]]
    families: list[tuple[Family, int]]
    services_covered: int
    services_offered: int
    evolution: list[tuple[int, int]]
    standout: list[ActionSheet]
    peer_count: int
    percentile: float | None
    positions: list[Position] = field(default_factory=list)
    suggestions: list[tuple[Service, int]] = field(default_factory=list)
    coverage: list[FamilyCoverage] = field(default_factory=list)

    @property
    def enjeux_covered(self) -> int:
        return sum(1 for _enjeu, count in self.enjeux if count)

    @property
    def families_covered(self) -> int:
        return sum(1 for _family, count in self.families if count)


@dataclass(frozen=True)
class Position:
    """The collectivity's value for one measure, and how many peers are below and equal to it."""

    measure: str  # "sheets", "enjeux" or "services"
    value: int
    below: int
    equal: int
    total: int

    @property
    def percentile(self) -> float | None:
        return position_from_counts(self.below, self.equal, self.total)

    @property
    def above(self) -> int:
        return self.total - self.below - self.equal


MEASURES = ("sheets", "enjeux", "services")


def peer_positions(peers, year: int, values: dict[str, int]) -> list[Position]:
    """The position of ``values`` (one per measure of :data:`MEASURES`) among ``peers``: one
    query whatever the number of peers and sheets (the counts are ``COUNT`` aggregates over the
    peers annotated with their own figures)."""
    eligible = eligibility_condition(year, "action_sheets__")
    annotated = peers.annotate(
        sheets=Count("action_sheets", filter=eligible, distinct=True),
        enjeux=Count("action_sheets__services__enjeu", filter=eligible, distinct=True),
        services=Count("action_sheets__services", filter=eligible, distinct=True),
    )
    aggregates = {}
    for measure in MEASURES:
        aggregates.update(position_aggregates(measure, values[measure], prefix=f"{measure}_"))
    counts = annotated.aggregate(**aggregates)
    return [
        Position(
            measure,
            values[measure],
            counts[f"{measure}_below"],
            counts[f"{measure}_equal"],
            counts[f"{measure}_total"],
        )
        for measure in MEASURES
    ]


def peers_of(collectivity: Collectivity):
    """Collectivities of the same category and population band (the collectivity excluded)."""
    peers = Collectivity.objects.exclude(pk=collectivity.pk)
    category = collectivity.category
    if category is not None:
        peers = peers.of_category(category)
    band = population_band_of(collectivity.population)
    if band is not None:
        peers = peers.filter(population_band_condition(band, prefix=""))
    return peers


def coverage_of(
    enjeux: list[tuple[Enjeu, int]],
    families: list[tuple[Family, int]],
    offered_by_enjeu: dict[int, set[int]],
    covered: set[int],
) -> list[FamilyCoverage]:
    """The share of each enjeu's services offered that year that the collectivity's sheets
    cover, grouped by family (the mosaic and the radar draw it)."""
    by_family: dict[int, list[EnjeuCoverage]] = {family.pk: [] for family, _count in families}
    for enjeu, _count in enjeux:
        offered = offered_by_enjeu.get(enjeu.pk, set())
        by_family.setdefault(enjeu.family_id, []).append(
            EnjeuCoverage(enjeu.code, enjeu.name, len(offered & covered), len(offered))
        )
    return [FamilyCoverage(family.code, family.name, by_family[family.pk]) for family, _count in families]


_reused: ContextVar[dict | None] = ContextVar("actions_reused_reports", default=None)


@contextmanager
def reused_reports() -> Iterator[None]:
    """Inside the block, a report is computed once per collectivity, year and language: for one
    PDF build, where core.documents asks for the revision several times and the builder then
    draws the same report (the PDF then matches the revision it is stored under)."""
    token = _reused.set({})
    try:
        yield
    finally:
        _reused.reset(token)


def build_report(collectivity: Collectivity, year: int) -> Report:
    reused = _reused.get()
    if reused is None:
        return _build_report(collectivity, year)
    key = (collectivity.pk, year, translation.get_language())
    if key not in reused:
        reused[key] = _build_report(collectivity, year)
    return reused[key]


def _build_report(collectivity: Collectivity, year: int) -> Report:
    eligible = ActionSheet.objects.eligible_for(year)
    own = eligible.filter(collectivity=collectivity)
    own_links = Links.objects.filter(
        eligibility_condition(year, "actionsheet__"), actionsheet__collectivity=collectivity
    )
    by_enjeu = dict(
        own_links.values("service__enjeu_id")
        .annotate(n=Count("actionsheet_id", distinct=True))
        .values_list("service__enjeu_id", "n")
    )
    by_family = dict(
        own_links.values("service__enjeu__family_id")
        .annotate(n=Count("actionsheet_id", distinct=True))
        .values_list("service__enjeu__family_id", "n")
    )
    covered = set(own_links.values_list("service_id", flat=True).distinct())
    enjeux = [(enjeu, by_enjeu.get(enjeu.pk, 0)) for enjeu in Enjeu.objects.select_related("family")]
    families = [(family, by_family.get(family.pk, 0)) for family in Family.objects.all()]
    offered_by_enjeu: dict[int, set[int]] = {}
    for service_id, enjeu_id in Service.objects.offered_in(year).values_list("pk", "enjeu_id"):
        offered_by_enjeu.setdefault(enjeu_id, set()).add(service_id)
    offered = sum(len(services) for services in offered_by_enjeu.values())
    coverage = coverage_of(enjeux, families, offered_by_enjeu, covered)
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    evolution_counts = collectivity.action_sheets.aggregate(
        **{str(y): Count("pk", filter=eligibility_condition(y)) for y in years}
    )
    evolution = [(y, evolution_counts[str(y)]) for y in years]
    standout = list(
        own.annotate(service_total=Count("services")).order_by("-service_total", "-started_on", "-pk")[
            :STANDOUT
        ]
    )
    peers = peers_of(collectivity)
    sheet_count = evolution_counts[str(year)]
    positions = peer_positions(
        peers,
        year,
        {
            "sheets": sheet_count,
            "enjeux": sum(1 for _enjeu, count in enjeux if count),
            "services": len(covered),
        },
    )
    peer_count = positions[0].total
    suggestions = []
    if peer_count:
        common = (
            Links.objects.filter(
                actionsheet__in=eligible.filter(collectivity__in=peers.values("pk")).values("pk")
            )
            .exclude(service_id__in=covered)
            .values("service_id")
            .annotate(n=Count("actionsheet_id"))
            .order_by("-n", "service_id")[:SUGGESTIONS]
        )
        counts = {row["service_id"]: row["n"] for row in common}
        services = Service.objects.select_related("enjeu").in_bulk(counts)
        suggestions = [(services[pk], n) for pk, n in counts.items()]
    return Report(
        collectivity=collectivity,
        year=year,
        sheet_count=sheet_count,
        enjeux=enjeux,
        families=families,
        coverage=coverage,
        services_covered=len(covered),
        services_offered=offered,
        evolution=evolution,
        standout=standout,
        peer_count=peer_count,
        percentile=positions[0].percentile,
        positions=positions,
        suggestions=suggestions,
    )


#: Bumped when the PDF's layout changes, so that every stored PDF is built again.
PDF_FORMAT = 1


def fingerprint(report: Report) -> str:
    """A digest of everything the report shows, in both languages: the collectivity's name, its
    counts per enjeu and family, the services covered and offered, the evolution, the standout
    sheets' titles, the positions among peers and the suggestions. Any change of the
    collectivity's sheets, of the référentiel's names or of the peers' figures that reaches the
    report changes it; nothing else does."""
    import hashlib
    import json

    def named(item) -> list:
        return [item.pk, item.name_fr, item.name_en]

    data = {
        "format": PDF_FORMAT,
        "collectivity": [report.collectivity.pk, report.collectivity.name],
        "year": report.year,
        "sheets": report.sheet_count,
        "enjeux": [[*named(enjeu), enjeu.family_id, count] for enjeu, count in report.enjeux],
        "families": [[*named(family), count] for family, count in report.families],
        "coverage": [
            [family.code, [[enjeu.code, enjeu.covered, enjeu.total] for enjeu in family.enjeux]]
            for family in report.coverage
        ],
        "services": [report.services_covered, report.services_offered],
        "evolution": report.evolution,
        "standout": [[sheet.pk, sheet.title, sheet.service_total] for sheet in report.standout],
        "positions": [[p.measure, p.value, p.below, p.equal, p.total] for p in report.positions],
        "suggestions": [
            [*named(service), *named(service.enjeu), count] for service, count in report.suggestions
        ],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:32]


def charts_of(report: Report) -> dict:
    """The mosaic and the radar of a report (the page and the PDF draw the same)."""
    from ..charts import family_axes, mosaic, radar

    return {"mosaic": mosaic(report.coverage), "radar": radar(family_axes(report.coverage))}
