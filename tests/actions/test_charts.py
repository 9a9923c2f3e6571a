"""The charts of a self-assessment report: the mosaic (one tile per enjeu, shaded by coverage,
grouped by family) and the radar (polygon points computed in Python), both inline SVG with a
table giving the same values, readable colours, no division by zero, and a fit at 320 px."""

import math
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from actions.charts import (
    CLASS_BOUNDS,
    COVERAGE_COLOURS,
    RADAR_RADIUS,
    Axis,
    EnjeuCoverage,
    FamilyCoverage,
    coverage_class,
    enjeu_axes,
    family_axes,
    mosaic,
    radar,
)
from tests.editorial.htmlparse import parse

CHROMIUM = Path("/usr/bin/chromium")


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _families() -> list[FamilyCoverage]:
    """4 families × 4 enjeux of 8 services; enjeu n (1..16) covers (n - 1) % 9 services,
    capped at 8: coverages 0, 1/8, …, 8/8, then 0, 1/8, …"""
    families = []
    for f in range(1, 5):
        enjeux = []
        for e in range(1, 5):
            n = (f - 1) * 4 + e
            enjeux.append(EnjeuCoverage(f"{f}.{e}", f"Enjeu numéro {n}", min((n - 1) % 9, 8), 8))
        families.append(FamilyCoverage(f"F{f}", f"Famille numéro {f}", enjeux))
    return families


def _svg(html):
    return parse(html).find_all("svg")[0]


def _attr(element, name):
    return element.get(name) or element.get(name.lower())


def test_every_shade_has_readable_text():
    for fill, text in COVERAGE_COLOURS:
        assert _contrast(fill, text) >= 4.5, (fill, text)
    assert _contrast("#1d3a6e", "#ffffff") >= 4.5  # the collectivity's polygon
    assert _contrast("#b3400a", "#ffffff") >= 4.5  # the peers' median


@pytest.mark.parametrize(
    ("coverage", "shade"),
    [(0, 0), (0.001, 1), (0.25, 1), (0.2501, 2), (0.5, 2), (0.51, 3), (0.75, 3), (0.76, 4), (1, 4)],
)
def test_coverage_classes_bounds(coverage, shade):
    assert coverage_class(coverage) == shade


@pytest.mark.parametrize("coverage", [-0.1, 1.01, math.nan])
def test_a_coverage_outside_0_1_is_refused(coverage):
    with pytest.raises(ValueError, match="between 0 and 1"):
        coverage_class(coverage)


def test_inconsistent_counts_are_refused():
    with pytest.raises(ValueError, match="covered"):
        EnjeuCoverage("1.1", "Enjeu", 5, 4)
    with pytest.raises(ValueError, match="value must be between 0 and 1"):
        Axis("1.1", "Enjeu", 1.5)


def test_coverage_of_enjeux_and_families_by_hand():
    family = FamilyCoverage(
        "F1", "Famille", [EnjeuCoverage("1.1", "A", 1, 4), EnjeuCoverage("1.2", "B", 5, 6)]
    )
    assert family.enjeux[0].coverage == 0.25
    assert family.covered == 6 and family.total == 10
    assert family.coverage == 0.6  # every service weighs the same: 6 of 10, not (25 % + 83 %) / 2
    # Nothing to cover: 0, no division by zero.
    assert EnjeuCoverage("1.3", "C", 0, 0).coverage == 0
    assert FamilyCoverage("F2", "Vide").coverage == 0


def test_the_mosaic_has_16_tiles_grouped_by_family_and_shaded_by_coverage():
    chart = mosaic(_families())
    assert len(chart.tiles) == 16
    assert [len(group.tiles) for group in chart.groups] == [4, 4, 4, 4]
    shades = {tile.enjeu.code: tile.shade for tile in chart.tiles}
    assert shades["1.1"] == 0  # 0 of 8
    assert shades["1.2"] == 1  # 1 of 8: 12.5 %
    assert shades["1.3"] == 1  # 2 of 8: 25 %, the top of the first quarter
    assert shades["1.4"] == 2  # 3 of 8: 37.5 %
    assert shades["2.1"] == 2  # 4 of 8: 50 %
    assert shades["2.2"] == 3  # 62.5 %
    assert shades["2.4"] == 4  # 87.5 %
    assert shades["3.1"] == 4  # 8 of 8
    assert shades["3.2"] == 0  # 0 again
    for tile in chart.tiles:
        assert (tile.fill, tile.text) == COVERAGE_COLOURS[tile.shade]
        assert tile.x >= 0 and tile.x + tile.width <= chart.width
        assert tile.y >= 0 and tile.y + tile.height <= chart.height
    # Families one under another, in order, without overlapping.
    frames = [(group.frame_y, group.frame_y + group.frame_height) for group in chart.groups]
    assert all(end < next_start for (_, end), (next_start, _) in zip(frames, frames[1:], strict=False))
    assert [swatch.high for swatch in chart.legend] == list(CLASS_BOUNDS)
    assert chart.width <= 320


def test_a_family_of_six_enjeux_wraps_to_a_second_row():
    enjeux = [EnjeuCoverage(f"1.{i}", "E", 1, 2) for i in range(1, 7)]
    group = mosaic([FamilyCoverage("F1", "F", enjeux)]).groups[0]
    assert [tile.y for tile in group.tiles].count(group.frame_y) == 4
    assert group.tiles[4].x == 0 and group.tiles[4].y > group.frame_y
    assert group.frame_height > group.tiles[4].y - group.frame_y


def test_the_mosaic_renders_tiles_legend_and_a_table_with_every_value():
    with translation.override("fr"):
        html = render_to_string("actions/includes/mosaic.html", {"mosaic": mosaic(_families())})
    doc = parse(html)
    svg = _svg(html)
    assert svg.get("role") == "img" and svg.get("width") == "100%"
    assert int(_attr(svg, "viewBox").split()[2]) <= 320
    assert svg.find_all("title")[0].text and svg.find_all("desc")[0].text
    assert "style" not in html  # the CSP forbids inline styles
    tiles = [rect for rect in svg.find_all("rect") if rect.get("data-enjeu")]
    assert len(tiles) == 16
    assert {rect.get("data-enjeu"): rect.get("data-shade") for rect in tiles}["1.4"] == "2"
    assert len([g for g in svg.find_all("g") if g.get("data-family")]) == 4
    # The table: a caption, every family and every enjeu with its share, French decimals.
    table = doc.find_all("table")[0]
    assert table.find_all("caption")[0].text
    rows = {row.get("data-enjeu"): row.text for row in table.find_all("tr") if row.get("data-enjeu")}
    assert len(rows) == 16
    assert "37,5 %" in rows["1.4"] and "3 sur 8" in rows["1.4"]
    assert "100" in rows["3.1"] and "8 sur 8" in rows["3.1"]
    assert "0 sur 8" in rows["1.1"]
    assert table.text.count("Famille « Famille numéro") == 4


def test_numbers_follow_the_language():
    chart = mosaic([FamilyCoverage("F1", "F", [EnjeuCoverage("1.1", "E", 3, 8)])])
    with translation.override("en"):
        html = render_to_string("actions/includes/mosaic.html", {"mosaic": chart})
    assert "37.5" in html and "37,5" not in html


def test_radar_of_four_axes_at_full_coverage_is_a_square_of_the_radius():
    chart = radar([Axis(f"F{i}", f"Famille {i}", 1.0) for i in range(1, 5)])
    c, r = chart.center, RADAR_RADIUS
    expected = [(c.x, c.y - r), (c.x + r, c.y), (c.x, c.y + r), (c.x - r, c.y)]
    points = [float(n) for point in chart.points.split() for n in point.split(",")]
    assert points == pytest.approx([n for point in expected for n in point])
    assert chart.points == "158.0,46.0 270.0,158.0 158.0,270.0 46.0,158.0"
    assert chart.median_points == "" and not chart.has_median


def test_radar_points_for_known_values_and_the_peers_median():
    axes = [
        Axis("A", "a", 0.5, 0.25),
        Axis("B", "b", 0.0, 0.5),
        Axis("C", "c", 1.0, 1.0),
        Axis("D", "d", 0.25, 0.0),
    ]
    chart = radar(axes)
    c, r = chart.center, RADAR_RADIUS
    assert chart.points == (
        f"{c.x:.1f},{c.y - r / 2:.1f} {c.x:.1f},{c.y:.1f} {c.x:.1f},{c.y + r:.1f} {c.x - r / 4:.1f},{c.y:.1f}"
    )
    assert chart.median_points == (
        f"{c.x:.1f},{c.y - r / 4:.1f} {c.x + r / 2:.1f},{c.y:.1f} {c.x:.1f},{c.y + r:.1f} {c.x:.1f},{c.y:.1f}"
    )
    assert chart.has_median
    # Labels outside the rim, anchored away from the centre.
    assert [spoke.anchor for spoke in chart.spokes] == ["middle", "start", "middle", "end"]
    assert [ring.percent for ring in chart.rings] == [25, 50, 75, 100]


def test_sixteen_axes_stay_inside_the_drawing():
    chart = radar(enjeu_axes(_families()))
    assert len(chart.spokes) == 16
    assert chart.width <= 320
    for spoke in chart.spokes:
        assert 0 < spoke.label.x < chart.width and 0 < spoke.label.y < chart.height
    # A median missing on one axis: no peers' polygon rather than a wrong one.
    medians = {f"{f}.{e}": 0.5 for f in range(1, 5) for e in range(1, 5)}
    assert radar(enjeu_axes(_families(), medians)).has_median
    del medians["2.3"]
    assert not radar(enjeu_axes(_families(), medians)).has_median


def test_family_axes_weigh_every_service():
    axes = family_axes(_families(), {"F1": 0.4})
    assert [axis.code for axis in axes] == ["F1", "F2", "F3", "F4"]
    assert axes[0].value == pytest.approx(6 / 32)  # 0 + 1 + 2 + 3 of 32 services
    assert axes[0].median == 0.4 and axes[1].median is None


def test_the_radar_renders_and_its_table_lists_every_axis_with_its_value():
    axes = [
        Axis("F1", "Services", 0.125, 0.5),
        Axis("F2", "Territoire", 1.0, 0.375),
        Axis("F3", "Écoles", 0.0, 0.0),
    ]
    with translation.override("fr"):
        html = render_to_string(
            "actions/includes/radar.html",
            {"radar": radar(axes, html_id="radar-familles"), "name": "Ville-Test"},
        )
    doc = parse(html)
    svg = _svg(html)
    assert svg.get("role") == "img" and svg.get("width") == "100%"
    assert _attr(svg, "aria-labelledby") == "radar-familles-title radar-familles-desc"
    assert int(_attr(svg, "viewBox").split()[2]) <= 320
    assert "style" not in html
    polygons = [p.get("points") for p in svg.find_all("polygon")]
    assert radar(axes).points in polygons and radar(axes).median_points in polygons
    assert {t.get("data-axis") for t in svg.find_all("text") if t.get("data-axis")} == {"F1", "F2", "F3"}
    rows = {row.get("data-axis"): row.text for row in doc.find_all("tr") if row.get("data-axis")}
    assert set(rows) == {"F1", "F2", "F3"}
    assert "12,5" in rows["F1"] and "50" in rows["F1"]
    assert "100" in rows["F2"] and "37,5" in rows["F2"]
    assert "Services" in rows["F1"]
    headers = [th.text for th in doc.find_all("th") if th.get("scope") == "col"]
    assert headers == ["Axe", "Ville-Test", "Médiane des collectivités similaires"]


def test_empty_data_is_handled():
    empty_radar = radar([])
    assert empty_radar.points == "" and empty_radar.rings == [] and not empty_radar.has_median
    empty_mosaic = mosaic([])
    assert empty_mosaic.tiles == [] and empty_mosaic.height > 0
    no_services = mosaic([FamilyCoverage("F1", "F", [EnjeuCoverage("1.1", "E", 0, 0)])])
    assert no_services.tiles[0].shade == 0 and no_services.tiles[0].percent == 0
    with translation.override("fr"):
        for template, context in (("radar", {"radar": empty_radar}), ("mosaic", {"mosaic": empty_mosaic})):
            html = render_to_string(f"actions/includes/{template}.html", context)
            assert "<svg" not in html and "<table" not in html
            assert "Aucune donnée de couverture à afficher." in html


def test_both_charts_fit_320_px():
    if not CHROMIUM.exists():
        pytest.skip("needs the system Chromium at /usr/bin/chromium (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with translation.override("fr"):
        body = render_to_string("actions/includes/mosaic.html", {"mosaic": mosaic(_families())})
        body += render_to_string("actions/includes/radar.html", {"radar": radar(enjeu_axes(_families()))})
    css = (Path(settings.BASE_DIR) / "site" / "css" / "main.css").read_text(encoding="utf-8")
    html = (
        f'<!doctype html><html lang="fr"><head><style>{css}</style></head>'
        f'<body><main class="container">{body}</main></body></html>'
    )
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 320, "height": 800})
            page.set_content(html)
            page_width = page.evaluate("document.documentElement.scrollWidth")
            widths = page.evaluate(
                "[...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect().width)"
            )
        finally:
            browser.close()
    assert page_width <= 320
    assert len(widths) == 2 and all(0 < width <= 320 for width in widths)


def test_tiles_round_half_up_and_long_family_names_are_shortened_in_the_drawing():
    name = "Administration numérique et relation avec les usagers du service public"
    chart = mosaic(
        [FamilyCoverage("F1", name, [EnjeuCoverage("1.1", "E", 1, 8), EnjeuCoverage("1.2", "E", 5, 8)])]
    )
    assert [tile.percent for tile in chart.tiles] == [13, 63]  # 12.5 and 62.5, as floatformat rounds
    label = chart.groups[0].label
    assert label.endswith("…") and len(label) <= 44 and name.startswith(label[:-1])
    assert mosaic([FamilyCoverage("F2", "Court", [])]).groups[0].label == "Court"


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_radar_of_few_axes_is_drawn(count):
    chart = radar([Axis(str(i), "a", 0.5, 0.5) for i in range(count)])
    assert len(chart.points.split()) == count and len(chart.median_points.split()) == count
    assert len(chart.rings) == 4
