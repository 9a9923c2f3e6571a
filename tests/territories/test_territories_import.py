import pytest

from territories.models import Collectivity, CollectivityKind
from territories.services import CollectivityImportError, import_collectivities

pytestmark = pytest.mark.django_db

HEADER = "nom;type;code_insee;siren;population;annee_population;departement;region;epci_siren"
GOOD_FILE = "\n".join(
    [
        HEADER,
        "Agglomération d'Agen;communaute_agglomeration;;200035459;;;47;;",
        "Agen;commune;47001;214700015;32 000;2022;47;75;200035459",
        "Boé;commune;47031;;5500;2022;47;;200035459",
        "Ajaccio;commune;2A004;;;;2A;;",
        "Les Abymes;commune;97101;;;;971;;",
        "Département de Lot-et-Garonne;departement;47;;;;47;;",
        "Région Nouvelle-Aquitaine;region;75;;;;;75;",
    ]
)


def _import(text: str, *, bom: bool = False):
    return import_collectivities(("\ufeff" if bom else "").encode() + text.encode("utf-8"))


def _errors(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(CollectivityImportError) as exc_info:
        _import(text)
    return [(e.line, e.column, e.reason) for e in exc_info.value.row_errors]


def test_a_good_file_creates_every_row_with_its_department_region_and_epci(reference):
    result = _import(GOOD_FILE)

    assert (result.created, result.updated, result.unchanged) == (7, 0, 0)
    agen = Collectivity.objects.get(insee_code="47001")
    assert (agen.name, agen.slug, agen.population, agen.population_year) == ("Agen", "agen", 32000, 2022)
    assert agen.region.code == "75"  # derived from the department
    assert Collectivity.objects.get(insee_code="2A004").department.code == "2A"
    agglomeration = Collectivity.objects.get(siren="200035459")
    assert agglomeration.kind == CollectivityKind.COMMUNAUTE_AGGLOMERATION
    assert {c.name for c in agglomeration.member_communes.all()} == {"Agen", "Boé"}
    # "47" is both a department's code and (for another kind) part of Agen's: no clash.
    assert Collectivity.objects.get(kind=CollectivityKind.DEPARTEMENT).insee_code == "47"
    assert Collectivity.objects.get(kind=CollectivityKind.REGION).region.code == "75"


def test_importing_the_same_file_twice_creates_no_duplicate_and_updates_changed_rows(reference):
    _import(GOOD_FILE)
    rows_after_first_import = Collectivity.objects.count()
    members_after_first_import = Collectivity.member_communes.through.objects.count()

    again = _import(GOOD_FILE, bom=True)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    assert Collectivity.objects.count() == rows_after_first_import == 7
    assert Collectivity.member_communes.through.objects.count() == members_after_first_import == 2

    changed = _import(GOOD_FILE.replace("32 000", "33 123"))

    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 6)
    assert Collectivity.objects.count() == 7
    assert Collectivity.objects.get(insee_code="47001").population == 33123


def test_comma_delimiter_bom_and_spreadsheet_stripped_zeros_are_accepted(reference):
    text = "\n".join(
        [
            "Nom,Type,Code_INSEE,SIREN,Population,Année_population,Département",
            "Ambérieu-en-Bugey,commune,1004,,14000,2022,1",
            '"Saint-Denis, île",Commune,97411,,,,974',
        ]
    )

    result = _import(text, bom=True)

    assert result.created == 2
    assert Collectivity.objects.get(insee_code="01004").department.code == "01"
    assert Collectivity.objects.get(insee_code="97411").name == "Saint-Denis, île"


def test_an_empty_cell_does_not_erase_a_stored_value(reference):
    _import(GOOD_FILE)

    _import(GOOD_FILE.replace("32 000;2022", ";"))

    agen = Collectivity.objects.get(insee_code="47001")
    assert (agen.population, agen.population_year) == (32000, 2022)


def test_a_bad_file_reports_every_bad_row_and_writes_nothing(reference):
    Collectivity.objects.create(name="Déjà là", slug="deja-la", insee_code="33063", department_id=None)
    rows_before = Collectivity.objects.count()
    text = "\n".join(
        [
            HEADER,
            "Agen;commune;47001;;;;47;;",  # good
            "Boé;villag;47031;;;;47;;",  # line 3: unknown kind
            "Sans code;commune;;;;;47;;",  # line 4: commune without INSEE code
            "Mauvais code;commune;4X001;;;;47;;",  # line 5: bad INSEE format
            "Mauvais SIREN;communaute_communes;;12345;;;47;;",  # line 6: bad SIREN
            "Population;commune;47002;;-12;;47;;",  # line 7: population not a positive integer
            "Inconnu;commune;99001;;;;99;;",  # line 8: unknown department
            "Agen bis;commune;47001;;;;47;;",  # line 9: INSEE code duplicated in the file
            "Orpheline;commune;47003;;;;47;;999999999",  # line 10: unknown EPCI
            "Décimale;commune;47004;;12,5;20222;47;;",  # line 11: decimal population, bad year
            "Mauvaise région;commune;47005;;;;47;84;",  # line 12: region of another department
            "Bon aussi;commune;47006;;100;2022;47;;",  # good
        ]
    )

    errors = _errors(text)

    assert [(line, column) for line, column, _ in errors] == [
        (3, "type"),
        (4, "code_insee"),
        (5, "code_insee"),
        (6, "siren"),
        (7, "population"),
        (8, "departement"),
        (9, "code_insee"),
        (10, "epci_siren"),
        (11, "population"),
        (11, "annee_population"),
        (12, "region"),
    ]
    reasons = {(line, column): reason for line, column, reason in errors}
    assert (
        "Valeurs acceptées : commune, communaute_communes, communaute_agglomeration" in reasons[(3, "type")]
    )
    assert "obligatoire pour une commune" in reasons[(4, "code_insee")]
    assert "9 chiffres" in reasons[(6, "siren")]
    assert "nombre entier positif" in reasons[(7, "population")]
    assert "« 99 »" in reasons[(8, "departement")]
    assert "déjà présent ligne 2" in reasons[(9, "code_insee")]
    assert "EPCI inconnu" in reasons[(10, "epci_siren")]
    assert Collectivity.objects.count() == rows_before


def test_the_exception_message_names_line_column_and_reason(reference):
    with pytest.raises(CollectivityImportError) as exc_info:
        _import(HEADER + "\nBoé;villag;47031;;;;47;;")

    assert exc_info.value.messages[0].startswith("ligne 2, colonne type : type « villag » inconnu.")


def test_a_header_without_required_columns_is_refused(reference):
    errors = _errors("nom;type;popualtion\nAgen;commune;32000")

    assert (1, "popualtion") in [(line, column) for line, column, _ in errors]
    assert {column for line, column, reason in errors if "absente" in reason} == {
        "code_insee",
        "siren",
        "population",
        "annee_population",
        "departement",
    }
    assert Collectivity.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused(reference):
    with pytest.raises(CollectivityImportError) as exc_info:
        import_collectivities((HEADER + "\nBoé;commune;47031;;;;47;;").encode("latin-1"))

    assert exc_info.value.row_errors[0].line == 2
    assert "UTF-8" in exc_info.value.row_errors[0].reason


def test_a_commune_can_join_an_epci_already_in_the_database(reference):
    _import(GOOD_FILE)

    result = _import(HEADER + "\nLe Passage;commune;47201;;;;47;;200035459")

    assert result.created == 1
    agglomeration = Collectivity.objects.get(siren="200035459")
    assert agglomeration.member_communes.filter(insee_code="47201").exists()


def test_a_siren_that_belongs_to_another_stored_collectivity_is_refused(reference):
    _import(GOOD_FILE)

    errors = _errors(HEADER + "\nBoé;commune;47031;214700015;;;47;;")

    assert errors[0][:2] == (2, "siren")
    assert "Agen (47)" in errors[0][2]


def test_slugs_are_unique_with_the_department_code(reference):
    _import(HEADER + "\nSaint-Denis;commune;93066;;;;93;;\nSaint-Denis;commune;97411;;;;974;;")

    assert set(Collectivity.objects.values_list("slug", flat=True)) == {"saint-denis", "saint-denis-974"}


def test_a_bad_file_leaves_every_stored_collectivity_as_it_was(reference):
    _import(GOOD_FILE)
    stored = sorted(Collectivity.objects.values_list("name", "kind", "insee_code", "siren", "population"))
    members = sorted(Collectivity.member_communes.through.objects.values_list("pk", flat=True))

    changed_then_bad = GOOD_FILE.replace("32 000", "33 123").replace(";;200035459", ";;") + (
        "\nNouvelle;commune;47099;;;;47;;\nBoé bis;villag;47098;;;;47;;"
    )
    with pytest.raises(CollectivityImportError):
        _import(changed_then_bad)

    assert (
        sorted(Collectivity.objects.values_list("name", "kind", "insee_code", "siren", "population"))
        == stored
    )
    assert sorted(Collectivity.member_communes.through.objects.values_list("pk", flat=True)) == members


def test_a_row_with_more_cells_than_the_header_is_refused(reference):
    errors = _errors(HEADER + "\nAgen;commune;47001;;;;47;;;;\nBoé;commune;47031;;;;47;;")

    assert errors == [(2, "", "11 valeurs pour 9 colonnes : vérifiez le séparateur.")]
    assert Collectivity.objects.count() == 0
