"""The label's public pages on the demo data: figures, structure, links, history chart."""

import pytest

from label.models import PalmaresPage
from tests.editorial.htmlparse import html_lang, parse

pytestmark = pytest.mark.django_db


def figure_values(doc) -> dict[str, str]:
    return {
        figure.find_all("dt")[0].text.strip(): figure.find_all("dd", class_="key-figure__value")[
            0
        ].text.strip()
        for figure in doc.find_all("div", class_="key-figure")
    }


def test_palmares_pages_show_the_computed_figures(label_demo, client):
    response = client.get("/label/palmares/2026/")
    assert response.status_code == 200
    doc = parse(response.content.decode())
    assert figure_values(doc)["collectivités labellisées"] == "213"
    text = doc.text
    assert "165 villes, 40 villages, 8 territoires" in text
    assert "213 collectivités" in text  # the list's count, before any filter

    doc_2025 = parse(client.get("/label/palmares/2025/").content.decode())
    assert figure_values(doc_2025)["collectivités labellisées"] == "226"
    assert "169 villes, 45 villages, 12 territoires" in doc_2025.text


def test_english_palmares_and_index(label_demo, client):
    response = client.get("/en/label/palmares/2026/")
    assert response.status_code == 200
    doc = parse(response.content.decode())
    assert html_lang(doc) == "en"
    assert [h1.text.strip() for h1 in doc.find_all("h1")] == ["2026 results"]
    assert client.get("/en/label/palmares/").status_code == 200
    # The 2025 palmarès has no English translation.
    assert client.get("/en/label/palmares/2025/").status_code == 404


def test_the_label_page_links_to_the_palmares(label_demo, client):
    for url, target in (("/label/", "/label/palmares/"), ("/en/label/", "/en/label/palmares/")):
        doc = parse(client.get(url).content.decode())
        assert target in {a.get("href") for a in doc.find_all("a")}, url


def test_collectivity_page_shows_history_chart_and_table(label_demo, client):
    response = client.get("/label/palmares/collectivites/dijon/")
    content = response.content.decode()
    doc = parse(content)
    svg = doc.find_all("svg")[0]
    assert svg.get("role") == "img"
    assert "Dijon" in svg.find_all("title")[0].text
    assert "2025 : 5 @, 2026 : 5 @" in svg.find_all("desc")[0].text
    assert len(svg.find_all("rect")) == 2
    rows = doc.find_all("table")[0].find_all("tr")
    assert [row.find_all("th")[0].text.strip() for row in rows[1:]] == ["2026", "2025"]
    assert "Territoire d'excellence numérique" in rows[1].text
    assert client.get("/label/palmares/collectivites/nexiste-pas/").status_code == 404


def test_pagination_links_keep_accepted_filters_and_return_to_the_list(label_demo, client):
    doc = parse(client.get("/label/palmares/2026/?tri=population").content.decode())
    hrefs = [a.get("href") for a in doc.find_all("nav", class_="pagination")[0].find_all("a")]
    assert "?tri=population&page=2#liste" in hrefs
    assert doc.find_all("nav", class_="pagination")[0].get("aria-label") == "Pagination"

    # A refused filter is not carried over to the other pages.
    doc = parse(client.get("/label/palmares/2026/?arobases=9").content.decode())
    hrefs = [a.get("href") for a in doc.find_all("nav", class_="pagination")[0].find_all("a")]
    assert "?page=2#liste" in hrefs


def test_one_lookup_finds_the_palmares_page_of_a_year(label_demo, client, rf):
    """``PalmaresPage.objects.for_year``, used by the congress page, the template tag, the
    index and the benchmark: the live page of that year in the active language, or None."""
    from django.template import Context, Template
    from django.utils import translation
    from wagtail.models import Locale

    french, english = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="en")
    assert PalmaresPage.objects.for_year(2026, french).url == "/label/palmares/2026/"
    assert PalmaresPage.objects.for_year(2026, english).url == "/en/label/palmares/2026/"
    assert PalmaresPage.objects.for_year(2025, english) is None  # not translated
    assert PalmaresPage.objects.for_year(1990, french) is None
    tag = Template("{% load label_tags %}[{% palmares_url 2026 %}][{% palmares_url 2025 %}]")
    with translation.override("en"):
        assert tag.render(Context({"request": rf.get("/en/")})) == "[/en/label/palmares/2026/][]"

    PalmaresPage.objects.for_year(2025, french).unpublish()
    assert PalmaresPage.objects.for_year(2025, french) is None
    assert PalmaresPage.objects.published(french).first().url == "/label/palmares/2026/"  # newest first
