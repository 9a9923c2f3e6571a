"""Open data: the palmarès of an edition as CSV and JSON."""

import csv
import io
import json

import pytest

from core.csv_import import normalize_name
from label.models import Distinction, DistinctionKind
from label.services.exports import CSV_HEADERS
from label.services.imports import COLUMNS as IMPORT_COLUMNS
from territories.models import Collectivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(make_edition, make_rows):
    edition = make_edition(2030)
    rows = make_rows(edition, 12)
    Distinction.objects.create(labellisation=rows[4], kind=DistinctionKind.TEN)
    Distinction.objects.create(labellisation=rows[4], kind=DistinctionKind.EDUCATION)
    return edition


def read_csv(response) -> list[dict[str, str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_download_is_for_a_french_spreadsheet(client, edition):
    response = client.get("/label/palmares/2030/palmares-2030.csv", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="palmares-2030.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 12
    assert (
        tuple(rows[0])
        == CSV_HEADERS
        == (
            "Nom",
            "Type",
            "Catégorie",
            "Code INSEE",
            "SIREN",
            "Département",
            "Région",
            "Population",
            "Arobases",
            "Distinctions",
        )
    )
    row = next(r for r in rows if r["Nom"] == "Commune fictive 0004")
    assert row["Arobases"] == "5"
    assert row["Catégorie"] == "Ville"
    assert row["Type"] == "Commune"
    assert row["Population"] == "5004"
    assert set(row["Distinctions"].split(" | ")) == {
        str(DistinctionKind.TEN.label),
        str(DistinctionKind.EDUCATION.label),
    }


def test_csv_headers_read_by_the_palmares_import_normalise_to_its_column_names():
    assert {normalize_name(header) for header in CSV_HEADERS} >= set(IMPORT_COLUMNS)


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text(client, edition):
    Collectivity.objects.filter(name="Commune fictive 0004").update(
        name='=HYPERLINK("http://x.invalid","Clic")'
    )
    Collectivity.objects.filter(name="Commune fictive 0005").update(name="@SUM(1+1)")

    names = {row["Nom"] for row in read_csv(client.get("/label/palmares/2030/palmares-2030.csv"))}

    assert '\'=HYPERLINK("http://x.invalid","Clic")' in names
    assert "'@SUM(1+1)" in names
    # The JSON is for programs: values as they are.
    data = json.loads(client.get("/label/palmares/2030/palmares-2030.json").content)
    assert "@SUM(1+1)" in {row["nom"] for row in data["labellisations"]}


def test_json_download(client, edition):
    response = client.get("/label/palmares/2030/palmares-2030.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["edition"]["annee"] == 2030
    assert len(data["labellisations"]) == 12
    row = next(r for r in data["labellisations"] if r["nom"] == "Commune fictive 0004")
    assert row["arobases"] == 5 and row["population"] == 5004
    assert sorted(row["distinctions"]) == ["numerique_educatif", "ten"]


def test_unknown_edition_or_mismatched_name_is_404(client, edition):
    assert client.get("/label/palmares/2031/palmares-2031.csv").status_code == 404
    assert client.get("/label/palmares/2030/palmares-2029.json").status_code == 404
