"""The palmarès import accepts what the site exports: its own CSV (round trip), French
headings, neutralised formula characters, Oui/Non columns; it says how rows were matched."""

import pytest

from label.models import Distinction, DistinctionKind, Labellisation
from label.services.imports import PalmaresImportError, import_palmares
from territories.models import Collectivity, CollectivityKind, Department

pytestmark = pytest.mark.django_db


def snapshot(edition) -> set[tuple]:
    return {
        (row.collectivity_id, row.arobases, tuple(sorted(d.kind for d in row.distinctions.all())))
        for row in Labellisation.objects.filter(edition=edition).prefetch_related("distinctions")
    }


@pytest.fixture
def exported(client, make_edition, make_rows):
    """The 2030 edition: 12 fictional rows matched by name and département, one commune with an
    INSEE code and a TEN title, and a mention; its CSV as the site serves it."""
    edition = make_edition(2030)
    rows = make_rows(edition, 12)
    lot = Department.objects.get(code="47")
    coded = Collectivity.objects.create(
        name="=Brumeval",  # a name a spreadsheet would run as a formula
        slug="brumeval",
        insee_code="47950",
        kind=CollectivityKind.COMMUNE,
        population=3000,
        department=lot,
        region=lot.region,
    )
    ten = Labellisation.objects.create(collectivity=coded, edition=edition, arobases=5)
    Distinction.objects.create(labellisation=ten, kind=DistinctionKind.TEN)
    Distinction.objects.create(labellisation=rows[3], kind=DistinctionKind.MEDIATION)
    response = client.get("/label/palmares/2030/palmares-2030.csv")
    assert response.status_code == 200
    return edition, response.content


def test_the_site_export_imports_back_into_an_empty_edition(exported, make_edition):
    edition, content = exported
    empty = make_edition(2031)
    result = import_palmares(empty, content)
    assert (result.created, result.updated, result.unchanged) == (13, 0, 0)
    assert snapshot(empty) == snapshot(edition)
    assert result.matches == {"code_insee": 1, "nom": 12}
    assert result.matches_message() == "1 par code INSEE, 12 par nom et département"


def test_french_excel_export_imports_back(exported, make_edition):
    """What the French Excel export gives: BOM, ";", words as headings, "'" before a formula
    character, Oui/Non for each distinction."""
    edition, _content = exported
    brumeval = Collectivity.objects.get(slug="brumeval")
    mediation = Labellisation.objects.get(edition=edition, distinctions__kind=DistinctionKind.MEDIATION)
    other = mediation.collectivity
    text = (
        "\ufeffNom;Type;Catégorie;Code INSEE;SIREN;Département;Région;Population;Nombre d'arobases;"
        "Territoire d'excellence numérique;Mention médiation numérique\r\n"
        f"'=Brumeval;commune;ville;47950;;47;Nouvelle-Aquitaine;3000;5;Oui;Non\r\n"
        f"{other.name};commune;ville;;;{other.department.code};;;{mediation.arobases};false;true\r\n"
    )
    empty = make_edition(2031)
    result = import_palmares(empty, text.encode("utf-8"))
    assert result.created == 2
    rows = {row.collectivity_id: row for row in Labellisation.objects.filter(edition=empty)}
    assert [d.kind for d in rows[brumeval.pk].distinctions.all()] == [DistinctionKind.TEN]
    assert [d.kind for d in rows[other.pk].distinctions.all()] == [DistinctionKind.MEDIATION]
    assert result.matches_message() == "1 par code INSEE, 1 par nom et département"


def test_an_unknown_code_falls_back_on_name_and_department(exported, make_edition):
    empty = make_edition(2031)
    result = import_palmares(empty, b"nom;departement;code_insee;arobases\n=Brumeval;47;47999;3\n")
    assert result.matches == {"nom": 1}


def test_a_bad_yes_no_cell_is_refused_and_nothing_is_written(exported, make_edition):
    empty = make_edition(2031)
    content = "Nom;Département;Arobases;Mention médiation numérique\nX;47;3;peut-être\n".encode()
    with pytest.raises(PalmaresImportError) as caught:
        import_palmares(empty, content)
    reasons = [error.reason for error in caught.value.row_errors]
    assert "répondez « Oui » ou « Non » (ou true / false)." in reasons
    assert not Labellisation.objects.filter(edition=empty).exists()
