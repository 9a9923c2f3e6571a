"""The tile map of a palmarès: one tile per région, counts from the rows, shading classes with
a legend, readable colours, fits 320 px (viewBox, width 100%)."""

import pytest

from label.charts import TILE_COLOURS, TILE_POSITIONS, count_classes
from label.models import Labellisation
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_class_has_readable_count_text():
    for fill, text in TILE_COLOURS:
        light, dark = sorted((_luminance(fill), _luminance(text)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (fill, text)


def test_count_classes():
    assert count_classes(0) == [(0, 0)]
    assert count_classes(3) == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert count_classes(30) == [(0, 0), (1, 8), (9, 16), (17, 24), (25, 30)]


def test_the_2026_palmares_map_has_one_tile_per_region_with_its_count(label_demo, client):
    doc = parse(client.get("/label/palmares/2026/").content.decode())
    svg = doc.find_all("svg", class_="region-map__svg")[0]
    assert svg.get("role") == "img"
    assert svg.get("width") == "100%"
    assert svg.get("viewbox") or svg.get("viewBox")
    assert "2026" in svg.find_all("title")[0].text
    width = int((svg.get("viewbox") or svg.get("viewBox")).split()[2])
    assert width <= 320  # drawn at its size or smaller: fits a 320 px screen
    tiles = {rect.get("data-region") for rect in svg.find_all("rect") if rect.get("data-region")}
    assert tiles == set(TILE_POSITIONS) and len(tiles) == 18
    shown = {
        text.get("data-count"): int(text.text) for text in svg.find_all("text") if text.get("data-count")
    }
    expected = dict.fromkeys(TILE_POSITIONS, 0)
    for code in Labellisation.objects.filter(edition__year=2026).values_list(
        "collectivity__region__code", flat=True
    ):
        if code:
            expected[code] += 1
    assert shown == expected
    assert sum(shown.values()) > 0
    # The text equivalent: the région table, with a caption.
    captions = [caption.text for caption in doc.find_all("caption")]
    assert "Répartition par région" in captions
