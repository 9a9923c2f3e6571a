"""The collectivity history page: chart, table, pinned query count (3 vs 27 editions)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from label.models import (
    Distinction,
    DistinctionKind,
    LabelEdition,
    Labellisation,
    PalmaresIndexPage,
    PalmaresPage,
)
from territories.models import Collectivity, CollectivityKind
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(palmares_page):
    index = PalmaresIndexPage.objects.get(pk=palmares_page.get_parent().pk)
    editions = [palmares_page.edition]
    for year in range(2004, 2030):
        edition = LabelEdition.objects.create(
            year=year, number=year - 1999, results_published_at=timezone.now()
        )
        editions.append(edition)
        index = PalmaresIndexPage.objects.get(pk=index.pk)
        index.add_child(
            instance=PalmaresPage(
                title=f"Palmarès {year}", slug=str(year), edition=edition, locale=index.locale
            )
        )
    editions.sort(key=lambda e: e.year)
    region_department = {"department": None}
    short = Collectivity.objects.create(
        name="Brumeville-Courte",
        slug="brumeville-courte",
        kind=CollectivityKind.COMMUNE,
        population=900,
        **region_department,
    )
    long = Collectivity.objects.create(
        name="Brumeville-Longue",
        slug="brumeville-longue",
        kind=CollectivityKind.COMMUNE,
        population=9000,
        **region_department,
    )
    for edition in editions[-3:]:
        row = Labellisation.objects.create(collectivity=short, edition=edition, arobases=3)
        Distinction.objects.create(labellisation=row, kind=DistinctionKind.ECOLOGY)
    for index_, edition in enumerate(editions):
        row = Labellisation.objects.create(collectivity=long, edition=edition, arobases=index_ % 5 + 1)
        if row.arobases == 5:
            Distinction.objects.create(labellisation=row, kind=DistinctionKind.TEN)
    return short, long


def _get(client, slug):
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"/label/palmares/collectivites/{slug}/")
    assert response.status_code == 200
    return response, len(context.captured_queries)


def test_query_count_is_the_same_for_3_and_27_editions(client, history):
    client.get("/label/palmares/")  # warm the caches
    short_response, short_queries = _get(client, "brumeville-courte")
    long_response, long_queries = _get(client, "brumeville-longue")
    assert long_queries == short_queries
    assert short_queries <= 12  # with a warm process (issue 13)
    assert len(parse(short_response.content.decode()).find_all("rect")) == 3
    assert len(parse(long_response.content.decode()).find_all("rect")) == 27


def test_history_chart_and_its_text_equivalent(client, history):
    response, _queries = _get(client, "brumeville-courte")
    content = response.content.decode()
    assert "<script" not in content and "style=" not in content
    doc = parse(content)
    svg = doc.find_all("svg")[0]
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    assert svg.find_all("title")[0].text.strip() == "Arobases de Brumeville-Courte par édition du label"
    assert "2028 : 3 @, 2029 : 3 @, 2030 : 3 @" in svg.find_all("desc")[0].text
    table = doc.find_all("table")[0]
    body_rows = table.find_all("tr")[1:]
    assert [row.find_all("th")[0].text.strip() for row in body_rows] == ["2030", "2029", "2028"]
    assert "Mention transition écologique" in body_rows[0].text
    # Each year links to that year's palmarès.
    assert body_rows[0].find_all("a")[0].get("href") == "/label/palmares/2030/"


def test_a_gap_year_is_shown_as_not_labelled(client, history):
    short, _long = history
    Labellisation.objects.filter(collectivity=short, edition__year=2029).delete()
    response, _queries = _get(client, "brumeville-courte")
    desc = parse(response.content.decode()).find_all("desc")[0].text
    assert "2029 : non labellisée" in desc


def test_other_apps_add_sections_through_the_hook(client, history):
    """label cannot import the apps above it: they register sections under a hook name."""
    from django.utils.html import format_html
    from wagtail import hooks

    from label.models import COLLECTIVITY_SECTIONS_HOOK

    def section(request, collectivity):
        return format_html('<section id="essai"><h2>Section de {}</h2></section>', collectivity.name)

    def nothing(request, collectivity):
        return ""

    with (
        hooks.register_temporarily(COLLECTIVITY_SECTIONS_HOOK, nothing),
        hooks.register_temporarily(COLLECTIVITY_SECTIONS_HOOK, section),
    ):
        response, _queries = _get(client, "brumeville-courte")
    doc = parse(response.content.decode())
    added = [s for s in doc.find_all("section") if s.get("id") == "essai"]
    assert len(added) == 1 and added[0].text == "Section de Brumeville-Courte"
    assert len(doc.find_all("h1")) == 1
    response, _queries = _get(client, "brumeville-courte")
    assert 'id="essai"' not in response.content.decode()
