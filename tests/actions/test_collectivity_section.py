"""Each collectivity's published sheets on its label history page (label's
``label_collectivity_sections`` hook), and the catalogue of one collectivity it links to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from actions.factories import ActionSheetFactory, ServiceFactory
from actions.models import ActionCatalogPage, SheetStatus
from label.models import PalmaresIndexPage
from territories.factories import CollectivityFactory
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    Locale.objects.get_or_create(language_code="fr")
    root = Site.objects.get(is_default_site=True).root_page
    catalogue = root.add_child(instance=ActionCatalogPage(title="Atlaas", slug="atlaas"))
    index = root.add_child(instance=PalmaresIndexPage(title="Palmarès", slug="palmares"))
    return catalogue, index


@pytest.fixture
def collectivities(pages):
    services = [ServiceFactory(name_fr="Wi-Fi public"), ServiceFactory(name_fr="Médiathèque en ligne")]
    small = CollectivityFactory(name="Brumeville", slug="brumeville")
    ActionSheetFactory(collectivity=small, title="Ateliers numériques", services=services)
    ActionSheetFactory(collectivity=small, title="Portail citoyen", services=services[:1])
    ActionSheetFactory(collectivity=small, title="Brouillon secret", status=SheetStatus.DRAFT)
    ActionSheetFactory(collectivity=small, title="Fiche retirée", status=SheetStatus.WITHDRAWN)
    big = CollectivityFactory(name="Grandbourg", slug="grandbourg")
    for number in range(25):
        ActionSheetFactory(collectivity=big, title=f"Action de Grandbourg {number:02d}", services=services)
    ActionSheetFactory(title="Ailleurs", services=services[:1])
    return small, big


def _history(client, pages, slug):
    _catalogue, index = pages
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"{index.url}collectivites/{slug}/")
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


def _section(content):
    sections = [s for s in parse(content).find_all("section") if s.get("aria-labelledby") == "fiches-actions"]
    return sections[0] if sections else None


def test_the_section_lists_published_sheets_with_links_services_and_dates(client, pages, collectivities):
    catalogue, _index = pages
    content, _queries = _history(client, pages, "brumeville")
    assert len(parse(content).find_all("h1")) == 1
    section = _section(content)
    assert section is not None
    assert section.find_all("h2")[0].text.strip() == "Fiches actions dans l'Atlaas"
    text = section.text
    assert "Ateliers numériques" in text and "Portail citoyen" in text
    assert "Brouillon secret" not in content and "Fiche retirée" not in content and "Ailleurs" not in text
    assert "Médiathèque en ligne, Wi-Fi public" in text
    assert "en cours depuis mars 2025" in text
    links = [a.get("href") for a in section.find_all("a")]
    assert all(href.startswith(catalogue.url + "fiches/") for href in links[:-1])
    assert links[-1] == f"{catalogue.url}collectivites/brumeville/"
    for href in links:
        assert client.get(href).status_code == 200


def test_query_count_is_flat_in_the_number_of_sheets(client, pages, collectivities):
    _history(client, pages, "brumeville")  # warm the site caches
    small_content, small_queries = _history(client, pages, "brumeville")
    big_content, big_queries = _history(client, pages, "grandbourg")
    assert big_queries == small_queries
    assert len(_section(small_content).find_all("li")) == 2
    big = _section(big_content)
    assert len(big.find_all("li")) == 10
    assert "Action de Grandbourg 24" in big.text and "Action de Grandbourg 14" not in big.text
    assert "Les 25 fiches actions de Grandbourg dans le catalogue" in big.text


def test_the_catalogue_of_one_collectivity_lists_all_its_published_sheets(client, pages, collectivities):
    catalogue, _index = pages
    url = f"{catalogue.url}collectivites/grandbourg/"
    first = client.get(url).content.decode()
    assert "25 fiches" in first and "Ailleurs" not in first
    assert len(parse(first).find_all("h1")) == 1
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('class="atlaas__item"') == 5
    # The filters apply within the collectivity.
    filtered = client.get(f"{catalogue.url}collectivites/brumeville/", {"q": "portail"}).content.decode()
    assert "Portail citoyen" in filtered and "Ateliers numériques" not in filtered
    assert client.get(f"{catalogue.url}collectivites/inconnue/").status_code == 404


def test_no_section_without_published_sheets_or_without_a_catalogue(client, pages, collectivities):
    catalogue, _index = pages
    CollectivityFactory(name="Videville", slug="videville")
    content, _queries = _history(client, pages, "videville")
    assert _section(content) is None
    catalogue.unpublish()
    content, _queries = _history(client, pages, "brumeville")
    assert _section(content) is None and "Ateliers numériques" not in content
