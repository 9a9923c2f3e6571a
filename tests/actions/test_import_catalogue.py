"""The sheet import (CSV and JSON) and the public catalogue with its open data."""

import json

import pytest
from wagtail.models import Locale, Site

from actions.factories import ActionSheetFactory, ServiceFactory
from actions.models import ActionCatalogPage, ActionSheet, SheetStatus
from actions.services.imports import SheetImportError, import_sheets
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db

HEADER = "code_insee;identifiant;titre;resume;services;debut;fin;budget;liens;statut\n"


def test_import_twice_makes_no_duplicate():
    collectivity = CollectivityFactory()
    service = ServiceFactory(code="wifi-public")
    content = (
        HEADER
        + f"{collectivity.insee_code};A1;Wi-Fi;Un réseau;wifi-public;2025-01-02;;lt10k;https://example.org;\n"
    ).encode()
    first = import_sheets(content)
    second = import_sheets(content)
    assert (first.created, second.created, second.unchanged) == (1, 0, 1)
    sheet = ActionSheet.objects.get()
    assert (sheet.external_id, sheet.status, list(sheet.services.all())) == (
        "A1",
        SheetStatus.PUBLISHED,
        [service],
    )


def test_a_bad_file_is_reported_line_by_line_and_nothing_is_written():
    collectivity = CollectivityFactory()
    ServiceFactory(code="wifi-public")
    content = (
        HEADER
        + f"{collectivity.insee_code};A1;Bon;Bien;wifi-public;2025-01-02;;;;\n"
        + f"{collectivity.insee_code};A2;Mauvais;Mal;inconnu;2025-01-02;2024-01-01;cher;ftp://x;peut-etre\n"
        + "00000;A3;Sans collectivité;R;wifi-public;hier;;;;\n"
    ).encode()
    with pytest.raises(SheetImportError) as error:
        import_sheets(content)
    reported = {(e.line, e.column) for e in error.value.row_errors}
    assert {(3, "services"), (3, "fin"), (3, "budget"), (3, "liens"), (3, "statut")} <= reported
    assert {(4, "code_insee"), (4, "debut")} <= reported
    assert not ActionSheet.objects.exists()


def test_json_import():
    collectivity = CollectivityFactory()
    ServiceFactory(code="wifi-public")
    data = [
        {
            "code_insee": collectivity.insee_code,
            "identifiant": "J1",
            "titre": "Wi-Fi",
            "resume": "R",
            "services": ["wifi-public"],
            "debut": "2025-01-02",
        }
    ]
    import_sheets(json.dumps(data).encode(), filename="export.json")
    import_sheets(json.dumps(data).encode(), filename="export.json")
    assert ActionSheet.objects.count() == 1


@pytest.fixture
def catalogue(db):
    Locale.objects.get_or_create(language_code="fr")
    root = Site.objects.get(is_default_site=True).root_page
    page = ActionCatalogPage(title="Atlaas", slug="atlaas")
    root.add_child(instance=page)
    return page


def _sheets(count):
    services = [ServiceFactory() for _ in range(3)]
    for index in range(count):
        ActionSheetFactory(services=services[: 1 + index % 3])


@pytest.mark.parametrize("count", [2, 30])
def test_catalogue_query_count_is_flat(client, catalogue, count, django_assert_max_num_queries):
    _sheets(count)
    client.get(catalogue.url)  # warm the site caches
    # 12 or fewer with a warm process (issue 13; 18 before): the catalogue's own queries are 5
    # (référentiel, regions, count, rows, their services), the rest is the site's page shell.
    with django_assert_max_num_queries(12):
        response = client.get(catalogue.url + "?categorie=ville&page=1")
    assert response.status_code == 200
    assert response.content.decode().count('class="atlaas__item"') == min(count, 20)


def test_catalogue_filters_and_hides_drafts(client, catalogue):
    wanted = ActionSheetFactory(title="Médiathèque en ligne")
    ActionSheetFactory(title="Autre chose")
    ActionSheetFactory(title="Brouillon secret", status=SheetStatus.DRAFT)
    service = wanted.services.get()
    body = client.get(catalogue.url, {"service": service.code}).content.decode()
    assert "Médiathèque en ligne" in body and "Autre chose" not in body
    body = client.get(catalogue.url, {"famille": service.enjeu.family.code}).content.decode()
    assert "Médiathèque en ligne" in body and "Autre chose" not in body
    body = client.get(catalogue.url, {"q": "médiathèque"}).content.decode()
    assert "Autre chose" not in body
    assert "Brouillon secret" not in client.get(catalogue.url).content.decode()
    draft = ActionSheet.objects.get(title="Brouillon secret")
    assert client.get(f"{catalogue.url}fiches/{draft.pk}/").status_code == 404
    assert client.get(f"{catalogue.url}fiches/{wanted.pk}/").status_code == 200
    collectivity_page = client.get(f"{catalogue.url}collectivites/{wanted.collectivity.slug}/")
    assert "Médiathèque en ligne" in collectivity_page.content.decode()
    assert "Autre chose" not in collectivity_page.content.decode()


def test_open_data_lists_published_sheets_only(client):
    ActionSheetFactory(title="Publiée")
    ActionSheetFactory(title="Brouillon", status=SheetStatus.DRAFT)
    csv_text = b"".join(client.get("/atlaas/fiches-actions.csv").streaming_content).decode()
    assert "Publiée" in csv_text and "Brouillon" not in csv_text
    data = json.loads(b"".join(client.get("/atlaas/fiches-actions.json").streaming_content))
    assert [item["titre"] for item in data] == ["Publiée"]


def test_admin_import_page_reports_errors_and_imports(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    collectivity = CollectivityFactory()
    ServiceFactory(code="wifi-public")
    bad = SimpleUploadedFile(
        "fiches.csv", (HEADER + f"{collectivity.insee_code};A1;T;R;inconnu;2025-01-02;;;;\n").encode()
    )
    response = admin_client.post("/admin/atlaas/import/", {"file": bad})
    assert "inconnu" in response.content.decode()
    assert not ActionSheet.objects.exists()
    good = SimpleUploadedFile(
        "fiches.csv", (HEADER + f"{collectivity.insee_code};A1;T;R;wifi-public;2025-01-02;;;;\n").encode()
    )
    assert admin_client.post("/admin/atlaas/import/", {"file": good}).status_code == 302
    assert ActionSheet.objects.count() == 1
