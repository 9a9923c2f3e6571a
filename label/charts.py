"""Server-side charts (inline SVG, no JS): the bar chart of a collectivity's @ over the editions
and the tile map of a palmarès by région."""

from __future__ import annotations

from dataclasses import dataclass

from .models import MAX_AROBASES

BAR_WIDTH = 28
GAP = 12
UNIT = 24  # height of one @
LEFT = 44
TOP = 12
BOTTOM = 28


@dataclass(frozen=True)
class Bar:
    year: int
    arobases: int | None
    x: float
    y: float
    height: float
    label_x: float
    show_year: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    grid: list[tuple[int, float]]  # (level, y)
    baseline: float
    left: int

    @property
    def right(self) -> int:
        return self.width - 4


def history_chart(points: list[tuple[int, int | None]]) -> Chart:
    """Geometry of the chart of ``points``: (year, @ or None when not labelled that year)."""
    plot_height = UNIT * MAX_AROBASES
    baseline = TOP + plot_height
    step = BAR_WIDTH + GAP
    every = 1 if len(points) <= 12 else 5
    bars = []
    for index, (year, arobases) in enumerate(points):
        x = LEFT + GAP / 2 + index * step
        height = UNIT * (arobases or 0)
        show = index % every == 0 or index == len(points) - 1
        bars.append(Bar(year, arobases, x, baseline - height, height, x + BAR_WIDTH / 2, show))
    width = int(LEFT + max(len(points), 1) * step + 4)
    grid = [(level, baseline - UNIT * level) for level in range(1, MAX_AROBASES + 1)]
    return Chart(width, int(baseline + BOTTOM), bars, grid, baseline, LEFT)


# The tile map of a palmarès: one square per région, placed roughly as on a map of France.

TILE = 58  # side of a tile
TILE_GAP = 4
TILE_STEP = TILE + TILE_GAP
MAP_COLUMNS = 5
#: Région INSEE code → (abbreviation shown on the tile, column, row). Metropolitan France
#: occupies columns 0.5 to 3.5 and rows 0 to 4; the five overseas régions sit in a row below.
TILE_POSITIONS: dict[str, tuple[str, float, float]] = {
    "32": ("HDF", 2.5, 0),
    "53": ("BRE", 0.5, 1),
    "28": ("NOR", 1.5, 1),
    "11": ("IDF", 2.5, 1),
    "44": ("GES", 3.5, 1),
    "52": ("PDL", 0.5, 2),
    "24": ("CVL", 1.5, 2),
    "27": ("BFC", 2.5, 2),
    "75": ("NAQ", 1, 3),
    "84": ("ARA", 2.5, 3),
    "76": ("OCC", 1.5, 4),
    "93": ("PAC", 2.5, 4),
    "94": ("COR", 3.7, 4.3),
    "01": ("GUA", 0, 5.6),
    "02": ("MAR", 1, 5.6),
    "03": ("GUY", 2, 5.6),
    "04": ("REU", 3, 5.6),
    "06": ("MAY", 4, 5.6),
}
#: (fill, text colour) of the classes, lightest first; every pair has a contrast of at least
#: 4.5:1, and the tiles a dark outline.
TILE_COLOURS = (
    ("#f4f6f9", "#1b1f24"),
    ("#d3e3f5", "#1b1f24"),
    ("#93b9e6", "#1b1f24"),
    ("#2f6db5", "#ffffff"),
    ("#123a66", "#ffffff"),
)


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    abbreviation: str
    count: int
    x: int
    y: int
    fill: str
    text: str

    @property
    def label_x(self) -> int:
        return self.x + TILE // 2


@dataclass(frozen=True)
class LegendItem:
    low: int
    high: int
    fill: str
    x: int
    y: int

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class TileMap:
    width: int
    height: int
    tiles: list[Tile]
    legend: list[LegendItem]
    overseas_y: int

    @property
    def view_box(self) -> str:
        """The drawing plus a 2-unit margin, so that the outlines of the edge tiles show."""
        return f"-2 -2 {self.width + 4} {self.height + 4}"


def count_classes(maximum: int) -> list[tuple[int, int]]:
    """(low, high) bounds of the shading classes: 0 alone, then up to four equal ranges up to
    ``maximum``."""
    classes = [(0, 0)]
    if maximum <= 0:
        return classes
    width = -(-maximum // (len(TILE_COLOURS) - 1))  # ceiling division
    low = 1
    while low <= maximum:
        classes.append((low, min(low + width - 1, maximum)))
        low += width
    return classes


def region_tile_map(figures, regions=None) -> TileMap | None:
    """The tile map of ``figures`` (objects with ``slug`` and ``labelled``, as in
    :class:`label.services.figures.RegionFigure`) over ``regions`` (every région by default),
    or None when no région is known."""
    from territories.models import Region

    counts = {figure.slug: figure.labelled for figure in figures if figure.slug}
    if regions is None:
        regions = Region.objects.all()
    known = sorted((region.code, region.name, region.slug) for region in regions)
    if not known:
        return None
    classes = count_classes(max(counts.values(), default=0))
    tiles = []
    for code, name, slug in known:
        if code not in TILE_POSITIONS:
            continue
        abbreviation, column, row = TILE_POSITIONS[code]
        count = counts.get(slug, 0)
        index = next(i for i, (low, high) in enumerate(classes) if low <= count <= high)
        fill, text = TILE_COLOURS[index]
        x, y = round(column * TILE_STEP), round(row * TILE_STEP)
        tiles.append(Tile(code, name, abbreviation, count, x, y, fill, text))
    legend_y = int(6.6 * TILE_STEP + 8)
    legend = [
        LegendItem(low, high, TILE_COLOURS[i][0], i * TILE_STEP, legend_y)
        for i, (low, high) in enumerate(classes)
    ]
    return TileMap(
        width=MAP_COLUMNS * TILE_STEP - TILE_GAP,
        height=legend_y + 18,
        tiles=tiles,
        legend=legend,
        overseas_y=round(5.6 * TILE_STEP),
    )
