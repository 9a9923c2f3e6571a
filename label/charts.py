"""A small server-side bar chart of a collectivity's @ over the editions (inline SVG, no JS)."""

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
