"""The palmarès list: filters, sort, pagination, bad filters, pinned query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from label.models import Distinction, DistinctionKind, Labellisation
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db
URL = "/label/palmares/2030/"


def listed_names(response) -> list[str]:
    doc = parse(response.content.decode())
    table = doc.find_all("table", class_="palmares__table")
    if not table:
        return []
    return [row.find_all("th")[0].text.strip() for row in table[0].find_all("tr")[1:]]


def count_line(response) -> str:
    return parse(response.content.decode()).find_all("p", class_="palmares__count")[0].text.strip()


@pytest.fixture
def rows(palmares_page, make_rows):
    made = make_rows(palmares_page.edition, 60)
    made += make_rows(palmares_page.edition, 5, start=100, population=500, prefix="Hameau")
    ten = Labellisation.objects.filter(arobases=5).order_by("pk").first()
    Distinction.objects.create(labellisation=ten, kind=DistinctionKind.TEN)
    Distinction.objects.create(labellisation=made[1], kind=DistinctionKind.MEDIATION)
    return made


def test_unfiltered_list_is_paginated_by_25(client, rows):
    first = client.get(URL)
    assert first.status_code == 200
    assert count_line(first) == "65 collectivités"
    assert len(listed_names(first)) == 25
    last = client.get(URL, {"page": 3})
    assert len(listed_names(last)) == 15
    assert set(listed_names(first)).isdisjoint(listed_names(last))
    # A page number that is not one falls back on a real page, never an error.
    assert listed_names(client.get(URL, {"page": "abc"})) == listed_names(first)
    assert listed_names(client.get(URL, {"page": 99})) == listed_names(last)
    doc = parse(first.content.decode())
    current = doc.find_all("nav", class_="pagination")[0].find_all("span")
    assert [span.get("aria-current") for span in current] == ["page"]


def test_filters(client, rows):
    assert count_line(client.get(URL, {"arobases": 5})) == "13 collectivités"
    assert all(name.startswith("Hameau") for name in listed_names(client.get(URL, {"categorie": "village"})))
    assert count_line(client.get(URL, {"categorie": "village"})) == "5 collectivités"
    region = rows[0].collectivity.region
    expected = Labellisation.objects.filter(collectivity__region=region).count()
    assert count_line(client.get(URL, {"region": region.slug})) == f"{expected} collectivités"
    assert listed_names(client.get(URL, {"distinction": "ten"})) == [
        Labellisation.objects.get(distinctions__kind="ten").collectivity.name
    ]
    assert listed_names(client.get(URL, {"distinction": "mention"})) == [rows[1].collectivity.name]
    combined = client.get(URL, {"arobases": 5, "categorie": "ville", "tri": "population"})
    assert count_line(combined) == "12 collectivités"


def test_sort(client, rows):
    by_name = listed_names(client.get(URL))
    assert by_name == sorted(by_name)
    by_population = listed_names(client.get(URL, {"tri": "population"}))
    assert by_population[0] == "Commune fictive 0059"
    by_arobases = client.get(URL, {"tri": "arobases"})
    doc = parse(by_arobases.content.decode())
    table = doc.find_all("table", class_="palmares__table")[0]
    cells = [row.find_all("td", class_="arobases")[0].text for row in table.find_all("tr")[1:]]
    assert cells[0] == "5 @"
    header = [th for th in doc.find_all("th") if th.get("aria-sort")]
    assert [th.text.strip() for th in header] == ["Arobases"]


def test_bad_filter_values_show_a_message_and_the_whole_list(client, rows):
    response = client.get(URL, {"arobases": "9", "region": "atlantide", "tri": "hasard"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Certains filtres demandés ne sont pas valides" in content
    assert count_line(response) == "65 collectivités"
    # The links of the page drop the refused values.
    assert "atlantide" not in content.split("</form>")[1]


def _queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL, params or {}).status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_the_rows(
    client, palmares_page, make_rows, django_assert_max_num_queries
):
    edition = palmares_page.edition
    make_rows(edition, 50)
    for labellisation in Labellisation.objects.filter(arobases=5):
        Distinction.objects.create(labellisation=labellisation, kind=DistinctionKind.TEN)
    client.get(URL)  # warm the caches (site root paths, settings)
    small = _queries(client, {"tri": "population", "arobases": 5})
    small_full = _queries(client)
    made = make_rows(edition, 200, start=50)
    Distinction.objects.bulk_create(
        [Distinction(labellisation=row, kind=DistinctionKind.MEDIATION) for row in made[::3]]
    )
    assert Labellisation.objects.filter(edition=edition).count() == 250
    assert _queries(client, {"tri": "population", "arobases": 5}) == small
    assert _queries(client) == small_full
    with django_assert_max_num_queries(small_full):
        client.get(URL, {"page": 5})
