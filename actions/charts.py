"""Server-side charts of a self-assessment report (inline SVG, no JavaScript, no ``style``
attribute: the CSP forbids inline styles, so colours are SVG presentation attributes).

Pure geometry over plain data: the caller computes the coverage with the database and passes
numbers; the templates ``actions/includes/mosaic.html`` and ``actions/includes/radar.html``
draw the result and its text equivalent (a table with the same values).

- :func:`mosaic`: one tile per enjeu, grouped by family, shaded by coverage, with a legend.
- :func:`radar`: N axes (the 16 enjeux or the 4 families), the collectivity's polygon and
  optionally the polygon of its peers' medians.

Every drawing is at most 320 units wide and drawn with ``width="100%"``, so that it fits a
320 px screen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

#: (fill, text colour) of the shading classes, lightest first: the same palette as the
#: palmarès map (label.charts). Every pair has a contrast of at least 4.5:1, and the tiles
#: a dark outline (3:1 at least against the white page).
COVERAGE_COLOURS: tuple[tuple[str, str], ...] = (
    ("#f4f6f9", "#1b1f24"),
    ("#d3e3f5", "#1b1f24"),
    ("#93b9e6", "#1b1f24"),
    ("#2f6db5", "#ffffff"),
    ("#123a66", "#ffffff"),
)
#: Upper bound (in %, inclusive) of each shading class: 0 % alone, then four quarters
#: (a class holds the coverages above the previous bound up to its own).
CLASS_BOUNDS: tuple[int, ...] = (0, 25, 50, 75, 100)
OUTLINE = "#404854"  # 8.8:1 on white
TEXT = "#1b1f24"

# Mosaic geometry (SVG user units).
MOSAIC_WIDTH = 316
TILES_PER_ROW = 4
TILE_GAP = 4
TILE_WIDTH = (MOSAIC_WIDTH - (TILES_PER_ROW - 1) * TILE_GAP) // TILES_PER_ROW  # 76
TILE_HEIGHT = 48
FAMILY_LABEL_HEIGHT = 20  # the family's name above its tiles
FAMILY_GAP = 10
FAMILY_NAME_MAX = 44  # characters of a family's name drawn in the SVG (the table has it whole)
LEGEND_ITEM_WIDTH = MOSAIC_WIDTH // len(CLASS_BOUNDS)
LEGEND_HEIGHT = 18

# Radar geometry.
RADAR_SIZE = 316
RADAR_RADIUS = 112
RADAR_LABEL_OFFSET = 14
RADAR_RINGS = (0.25, 0.5, 0.75, 1.0)
RADAR_LEGEND_HEIGHT = 40
RADAR_COLOUR = "#1d3a6e"  # the collectivity: 11.3:1 on white, solid line, round markers
PEER_COLOUR = "#b3400a"  # the peers' median: 5.6:1 on white, dashed line, square markers
GRID_COLOUR = "#8a929e"  # rings and spokes: 3.3:1 on white


def _share(covered: int, total: int) -> float:
    """``covered / total``, 0 when there is nothing to cover."""
    return covered / total if total else 0.0


def coverage_class(coverage: float) -> int:
    """Index of the shading class of ``coverage`` (0..1) in :data:`COVERAGE_COLOURS`:
    0 for exactly 0, then 1 for (0, 25 %], 2 for (25, 50 %], 3 for (50, 75 %], 4 for (75, 100 %].
    """
    _check_unit(coverage, "coverage")
    percent = coverage * 100
    return next(index for index, high in enumerate(CLASS_BOUNDS) if percent <= high)


def _check_unit(value: float, name: str) -> None:
    if math.isnan(value) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")


def _coordinate(value: float) -> str:
    """A coordinate for an SVG attribute: one decimal, a dot whatever the language (SVG is
    not localised), never ``-0.0``."""
    return f"{round(value, 1) + 0.0:.1f}"


# The data the caller passes.


@dataclass(frozen=True)
class EnjeuCoverage:
    """One enjeu: ``covered`` of its ``total`` services have at least one counting sheet of the
    collectivity."""

    code: str  # short, drawn on the tile ("1.2")
    name: str
    covered: int
    total: int

    def __post_init__(self) -> None:
        if self.total < 0 or not 0 <= self.covered <= max(self.total, 0):
            raise ValueError(
                f"enjeu {self.code}: covered ({self.covered}) must be between 0 and total ({self.total})"
            )

    @property
    def coverage(self) -> float:
        """Share of the enjeu's services covered, 0..1 (0 when the enjeu has no service)."""
        return _share(self.covered, self.total)

    @property
    def percent(self) -> float:
        return self.coverage * 100


@dataclass(frozen=True)
class FamilyCoverage:
    """One family and its enjeux, in the référentiel's order."""

    code: str
    name: str
    enjeux: list[EnjeuCoverage] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(enjeu.covered for enjeu in self.enjeux)

    @property
    def total(self) -> int:
        return sum(enjeu.total for enjeu in self.enjeux)

    @property
    def coverage(self) -> float:
        """Share of the family's services covered, 0..1: every service weighs the same."""
        return _share(self.covered, self.total)

    @property
    def percent(self) -> float:
        return self.coverage * 100


# The mosaic.


@dataclass(frozen=True)
class MosaicTile:
    enjeu: EnjeuCoverage
    x: int
    y: int
    shade: int  # index in COVERAGE_COLOURS
    fill: str
    text: str

    @property
    def width(self) -> int:
        return TILE_WIDTH

    @property
    def height(self) -> int:
        return TILE_HEIGHT

    @property
    def label_x(self) -> int:
        return self.x + TILE_WIDTH // 2

    @property
    def percent(self) -> int:
        """The coverage drawn on the tile, in whole % rounded half up (12.5 % → 13 %, as the
        table's ``floatformat`` would)."""
        return math.floor(self.enjeu.percent + 0.5)


@dataclass(frozen=True)
class MosaicGroup:
    """A family: its name above a frame around its tiles."""

    family: FamilyCoverage
    tiles: list[MosaicTile]
    label_y: int
    frame_y: int
    frame_height: int

    @property
    def label(self) -> str:
        """The family's name as drawn in the SVG, shortened to fit 320 px."""
        name = self.family.name
        if len(name) <= FAMILY_NAME_MAX:
            return name
        return name[: FAMILY_NAME_MAX - 1].rstrip() + "…"


@dataclass(frozen=True)
class LegendSwatch:
    shade: int
    high: int  # upper bound of the class, in %
    fill: str
    x: int
    y: int

    @property
    def label_x(self) -> int:
        return self.x + 18


@dataclass(frozen=True)
class Mosaic:
    width: int
    height: int
    groups: list[MosaicGroup]
    legend: list[LegendSwatch]
    html_id: str = "mosaic"

    @property
    def view_box(self) -> str:
        """The drawing plus a 2-unit margin, so that the outlines of the edge tiles show."""
        return f"-2 -2 {self.width + 4} {self.height + 4}"

    @property
    def tiles(self) -> list[MosaicTile]:
        return [tile for group in self.groups for tile in group.tiles]

    @property
    def families(self) -> list[FamilyCoverage]:
        return [group.family for group in self.groups]


def mosaic(families: list[FamilyCoverage], html_id: str = "mosaic") -> Mosaic:
    """The mosaic of ``families``: one tile per enjeu, up to four a row, each family under its
    name in a frame, then the legend of the shading classes. ``html_id`` prefixes the ids of
    the SVG's title and description (two charts on one page need two prefixes)."""
    groups = []
    y = 0
    for family in families:
        label_y = y + FAMILY_LABEL_HEIGHT - 6
        frame_y = y + FAMILY_LABEL_HEIGHT
        tiles = []
        for index, enjeu in enumerate(family.enjeux):
            row, column = divmod(index, TILES_PER_ROW)
            shade = coverage_class(enjeu.coverage)
            fill, text = COVERAGE_COLOURS[shade]
            tiles.append(
                MosaicTile(
                    enjeu=enjeu,
                    x=column * (TILE_WIDTH + TILE_GAP),
                    y=frame_y + row * (TILE_HEIGHT + TILE_GAP),
                    shade=shade,
                    fill=fill,
                    text=text,
                )
            )
        rows = max(1, -(-len(family.enjeux) // TILES_PER_ROW))  # ceiling division
        frame_height = rows * TILE_HEIGHT + (rows - 1) * TILE_GAP
        groups.append(MosaicGroup(family, tiles, label_y, frame_y, frame_height))
        y = frame_y + frame_height + FAMILY_GAP
    legend_y = y + 4
    legend = [
        LegendSwatch(shade, high, COVERAGE_COLOURS[shade][0], shade * LEGEND_ITEM_WIDTH, legend_y)
        for shade, high in enumerate(CLASS_BOUNDS)
    ]
    return Mosaic(MOSAIC_WIDTH, legend_y + LEGEND_HEIGHT, groups, legend, html_id)


# The radar.


@dataclass(frozen=True)
class Axis:
    """One axis of a radar: the collectivity's ``value`` (0..1) and, optionally, the median of
    its peers (None: unknown, not drawn)."""

    code: str  # short, drawn at the end of the axis ("1.2", "F1")
    name: str
    value: float
    median: float | None = None

    def __post_init__(self) -> None:
        _check_unit(self.value, f"axis {self.code}: value")
        if self.median is not None:
            _check_unit(self.median, f"axis {self.code}: median")

    @property
    def percent(self) -> float:
        return self.value * 100

    @property
    def median_percent(self) -> float | None:
        return None if self.median is None else self.median * 100


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    @property
    def svg(self) -> str:
        return f"{_coordinate(self.x)},{_coordinate(self.y)}"

    @property
    def sx(self) -> str:
        return _coordinate(self.x)

    @property
    def sy(self) -> str:
        return _coordinate(self.y)


@dataclass(frozen=True)
class RadarSpoke:
    axis: Axis
    end: Point  # the rim, at 100 %
    label: Point  # where the code is written
    anchor: str  # text-anchor of the code: start, middle or end
    value: Point  # the collectivity's vertex
    median: Point | None  # the peers' vertex


@dataclass(frozen=True)
class RadarRing:
    share: float
    points: str  # an SVG polygon's points
    label: Point  # where its percentage is written, right of the top spoke

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    center: Point
    radius: float
    spokes: list[RadarSpoke]
    rings: list[RadarRing]
    points: str  # the collectivity's polygon ("" without axes)
    median_points: str  # the peers' polygon ("" unless every axis has a median)
    legend_y: int
    html_id: str = "radar"

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def axes(self) -> list[Axis]:
        return [spoke.axis for spoke in self.spokes]

    @property
    def has_median(self) -> bool:
        return bool(self.median_points)


def _polar(center: Point, radius: float, index: int, count: int) -> Point:
    """The point at ``radius`` on axis ``index`` of ``count``: the first axis points up, the
    others follow clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return Point(center.x + radius * math.cos(angle), center.y + radius * math.sin(angle))


def _anchor(center: Point, point: Point) -> str:
    if abs(point.x - center.x) < 1:
        return "middle"
    return "start" if point.x > center.x else "end"


def radar(axes: list[Axis], html_id: str = "radar") -> Radar:
    """The radar of ``axes``: spokes, rings at 25, 50, 75 and 100 %, the collectivity's polygon
    and, when every axis has one, the polygon of the peers' medians. Without axes the radar has
    no spoke and empty polygons (the template then says there is nothing to show)."""
    center = Point(RADAR_SIZE / 2, RADAR_SIZE / 2)
    count = len(axes)
    spokes = []
    for index, axis in enumerate(axes):
        end = _polar(center, RADAR_RADIUS, index, count)
        label = _polar(center, RADAR_RADIUS + RADAR_LABEL_OFFSET, index, count)
        spokes.append(
            RadarSpoke(
                axis=axis,
                end=end,
                label=Point(label.x, label.y + 4),  # roughly centred on the line: 12-unit text
                anchor=_anchor(center, label),
                value=_polar(center, RADAR_RADIUS * axis.value, index, count),
                median=None
                if axis.median is None
                else _polar(center, RADAR_RADIUS * axis.median, index, count),
            )
        )
    rings = []
    if count:
        for share in RADAR_RINGS:
            ring = " ".join(_polar(center, RADAR_RADIUS * share, i, count).svg for i in range(count))
            rings.append(RadarRing(share, ring, Point(center.x + 3, center.y - RADAR_RADIUS * share + 11)))
    points = " ".join(spoke.value.svg for spoke in spokes)
    medians = [spoke.median for spoke in spokes]
    median_points = " ".join(m.svg for m in medians if m) if spokes and all(medians) else ""
    return Radar(
        width=RADAR_SIZE,
        height=RADAR_SIZE + RADAR_LEGEND_HEIGHT,
        center=center,
        radius=RADAR_RADIUS,
        spokes=spokes,
        rings=rings,
        points=points,
        median_points=median_points,
        legend_y=RADAR_SIZE + 8,
        html_id=html_id,
    )


def enjeu_axes(families: list[FamilyCoverage], medians: Mapping[str, float] | None = None) -> list[Axis]:
    """One axis per enjeu of ``families``, with the peers' median of each enjeu's coverage
    from ``medians`` (enjeu code → 0..1) when given."""
    medians = medians or {}
    return [
        Axis(enjeu.code, enjeu.name, enjeu.coverage, medians.get(enjeu.code))
        for family in families
        for enjeu in family.enjeux
    ]


def family_axes(families: list[FamilyCoverage], medians: Mapping[str, float] | None = None) -> list[Axis]:
    """One axis per family, with the peers' median from ``medians`` (family code → 0..1)."""
    medians = medians or {}
    return [Axis(family.code, family.name, family.coverage, medians.get(family.code)) for family in families]
