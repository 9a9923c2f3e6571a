"""Open data: the palmarès of an edition as CSV and JSON."""

import csv
import io
import json

import pytest

from label.models import Distinction, DistinctionKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(make_edition, make_rows):
    edition = make_edition(2030)
    rows = make_rows(edition, 12)
    Distinction.objects.create(labellisation=rows[4], kind=DistinctionKind.TEN)
    Distinction.objects.create(labellisation=rows[4], kind=DistinctionKind.EDUCATION)
    return edition


def test_csv_download(client, edition):
    response = client.get("/label/palmares/2030/palmares-2030.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="palmares-2030.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))
    assert len(rows) == 12
    assert list(rows[0]) == [
        "nom",
        "type",
        "categorie",
        "code_insee",
        "siren",
        "departement",
        "region",
        "population",
        "arobases",
        "distinctions",
    ]
    row = next(r for r in rows if r["nom"] == "Commune fictive 0004")
    assert row["arobases"] == "5"
    assert row["categorie"] == "ville"
    assert row["type"] == "commune"
    assert row["population"] == "5004"
    assert set(row["distinctions"].split("|")) == {"ten", "numerique_educatif"}


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
