"""The shared CSV import (core.csv_import): each rule refuses a bad file with a clear message
and writes nothing. A small import of auth groups stands for the apps' imports."""

from io import BytesIO, StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.csv_import import Column, CsvImport, CsvImportError, ImportResult
from core.csv_import.cells import date, optional, positive_int, yes_no
from core.management.csv_command import CsvImportCommand

pytestmark = pytest.mark.django_db


def _name(text):
    if not text:
        raise ValidationError("le nom est obligatoire.")
    return text


class GroupImport(CsvImport):
    """Groups named in column ``nom``; the other columns are read and checked."""

    columns = (
        Column("nom", required=True, parse=_name),
        Column("membres", parse=positive_int),
        Column("cree_le", parse=optional(date)),
        Column("actif", parse=yes_no),
        Column("code"),
        Column("siren"),
    )

    subject = "des groupes"
    nothing_written = "aucun groupe n'a été enregistré."
    noun = "groupe(s)"
    summary = "Import terminé, %(total)d %(noun)s : %(created)d créé(s), %(unchanged)d inchangé(s)."

    def parse_row(self, row):
        if other := self.first_line(row["nom"], row.line):
            self.error(row.line, "nom", f"{row['nom']} figure déjà ligne {other}.")
        return row

    def write(self, rows):
        created = sum(Group.objects.get_or_create(name=row["nom"])[1] for row in rows)
        for row in rows:
            if row["nom"] == "Explose":  # a failure while writing: the whole file is undone
                raise ValidationError("échec d'écriture")
        return ImportResult(created, 0, len(rows) - created)


class IdentifiedGroupImport(GroupImport):
    required_any = (("code", "siren"),)


class Command(CsvImportCommand):
    importer = GroupImport


def stored_groups() -> list[tuple[int, str]]:
    return list(Group.objects.order_by("pk").values_list("pk", "name"))


@pytest.fixture
def existing():
    """The groups stored before an import (Wagtail's and one more), which a refused file must
    leave as they are."""
    Group.objects.create(name="Déjà là")
    return stored_groups()


def errors_of(content: bytes, importer=GroupImport) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        importer().import_content(content)
    return caught.value.messages


def assert_nothing_written(existing):
    assert stored_groups() == existing


def test_a_good_file_is_written_and_importing_it_again_changes_nothing(existing):
    content = (
        "\ufeff\n"  # BOM, then a blank line before the header
        "Nom,Membres,Créé le,Actif\n"  # case, accents and spaces of the header ignored; "," delimiter
        '"Atelier, numérique","1 200",2024-01-31,oui\n'
        "\n"
        "Club,,31/01/2024,non\n"
    ).encode()

    first = GroupImport().import_content(content)
    again = GroupImport().import_content(BytesIO(content))

    assert (first.created, first.unchanged, first.total) == (2, 0, 2)
    assert (again.created, again.unchanged) == (0, 2)
    after = stored_groups()
    assert after[: len(existing)] == existing
    assert [name for _pk, name in after[len(existing) :]] == ["Atelier, numérique", "Club"]


def test_a_header_with_apostrophes_and_dashes_is_recognised(existing):
    GroupImport().import_content("NOM;Créé-le\nClub;2024-01-31\n".encode())

    assert Group.objects.filter(name="Club").exists()


def test_a_file_that_is_not_utf8_is_refused_with_the_line_and_how_to_save_it(existing):
    messages = errors_of("nom;membres\nClub;1\nBoé;2\n".encode("latin-1"))

    assert messages == [
        "ligne 3 : le fichier n'est pas encodé en UTF-8. Enregistrez-le au format « CSV UTF-8 » "
        "puis importez-le à nouveau."
    ]
    assert_nothing_written(existing)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n  \n", b";;;\n\n"])
def test_an_empty_file_is_refused(existing, content):
    assert errors_of(content) == ["ligne 1 : le fichier est vide."]
    assert_nothing_written(existing)


def test_a_header_without_rows_is_refused(existing):
    assert errors_of(b"nom;membres\n\n") == ["ligne 1 : le fichier ne contient aucune ligne après l'en-tête."]
    assert_nothing_written(existing)


def test_unknown_duplicated_and_missing_columns_are_each_refused(existing):
    messages = errors_of(b"membres;couleur;membres;\n3;bleu;4;\n")

    assert messages == [
        "ligne 1, colonne couleur : colonne inconnue. "
        "Colonnes acceptées : nom, membres, cree_le, actif, code, siren.",
        "ligne 1, colonne 4 : colonne inconnue. "
        "Colonnes acceptées : nom, membres, cree_le, actif, code, siren.",
        "ligne 1, colonne nom : colonne obligatoire absente de l'en-tête.",
        "ligne 1, colonne membres : cette colonne apparaît deux fois dans l'en-tête.",
    ]
    assert_nothing_written(existing)


def test_a_header_without_any_column_of_a_required_group_is_refused(existing):
    assert errors_of(b"nom\nClub\n", IdentifiedGroupImport) == [
        "ligne 1 : il faut au moins une de ces colonnes : code, siren."
    ]
    assert_nothing_written(existing)
    IdentifiedGroupImport().import_content(b"nom;siren\nClub;\n")
    assert Group.objects.filter(name="Club").exists()


def test_a_row_longer_than_the_header_is_refused_and_the_other_rows_still_checked(existing):
    messages = errors_of(b"nom;membres\nClub;1;2\n;4\nAtelier;5\n")

    assert messages == [
        "ligne 2 : 3 valeurs pour 2 colonnes : vérifiez le séparateur.",
        "ligne 3, colonne nom : le nom est obligatoire.",
    ]
    assert_nothing_written(existing)


def test_every_bad_cell_of_every_row_is_reported_in_line_then_column_order(existing):
    content = "\n".join(
        [
            "actif;cree_le;membres;nom",
            "peut-être;hier;12,5;Atelier",  # line 2: three bad cells
            "oui;2024-01-31;3;Club",  # good
            'non;2024-02-30;"-4";',  # line 4: impossible date, negative count, no name
            "o;01/02/2024;1 000;Atelier",  # line 5: a name already on line 2
        ]
    ).encode()

    messages = errors_of(content)

    assert messages == [
        "ligne 2, colonne membres : « 12,5 » n'est pas un nombre entier positif "
        "(chiffres seulement, sans décimale).",
        "ligne 2, colonne cree_le : date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA.",
        "ligne 2, colonne actif : répondez « oui » ou « non ».",
        "ligne 4, colonne nom : le nom est obligatoire.",
        "ligne 4, colonne membres : « -4 » n'est pas un nombre entier positif "
        "(chiffres seulement, sans décimale).",
        "ligne 4, colonne cree_le : date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA.",
        "ligne 5, colonne nom : Atelier figure déjà ligne 2.",
    ]
    assert_nothing_written(existing)


def test_a_row_on_several_lines_is_numbered_by_its_first_line(existing):
    messages = errors_of(b'nom;membres\n"Club\nsur deux lignes";1\nAtelier;x\n')

    assert messages == [
        "ligne 4, colonne membres : « x » n'est pas un nombre entier positif "
        "(chiffres seulement, sans décimale)."
    ]


def test_an_unclosed_quote_is_reported(existing):
    content = b'nom;membres\nClub;1\n"Atelier;2\n' + b"x" * 140_000 + b"\n"

    assert errors_of(content) == [
        "ligne 3 : une cellule est trop longue (plus de 131072 caractères) : un guillemet n'est "
        "sans doute pas refermé, vérifiez les guillemets."
    ]
    # A short file whose quote is never closed: refused, not read as one cell to the end.
    unreadable = (
        "ligne 3 : ligne illisible : une cellule entre guillemets doit se terminer par un "
        "guillemet suivi du séparateur ou de la fin de la ligne, vérifiez les guillemets."
    )
    assert errors_of(b'nom;membres\nClub;1\n"Atelier;2\nAutre;3\n') == [unreadable]
    assert errors_of(b'nom;membres\nClub;1\n"Atelier" bis;2\n') == [unreadable]
    assert_nothing_written(existing)


def test_a_failure_while_writing_undoes_the_rows_already_written(existing):
    with pytest.raises(ValidationError, match="échec d'écriture"):
        GroupImport().import_content(b"nom\nClub\nExplose\n")

    assert_nothing_written(existing)


@override_settings(CSV_IMPORT_MAX_BYTES=100)
def test_a_file_over_the_size_cap_is_refused_before_it_is_read(existing, tmp_path):
    rows = [b"Club %02d\n" % n for n in range(13)]  # 8 bytes each
    content = b"nom\n" + b"".join(rows)  # 108 bytes
    path = tmp_path / "groupes.csv"
    path.write_bytes(content)

    for source in (content, BytesIO(content)):
        with pytest.raises(ValidationError) as caught:
            GroupImport().import_content(source)
        assert caught.value.messages == [
            "Le fichier est trop volumineux (108\xa0octets) : un import accepte au plus "
            "100\xa0octets. Découpez-le en plusieurs fichiers et importez-les l'un après l'autre."
        ]
    with pytest.raises(ValidationError, match=r"trop volumineux \(108"):
        GroupImport().import_path(path)
    assert_nothing_written(existing)
    assert GroupImport().import_content(b"nom\n" + b"".join(rows[:12])).created == 12


def test_only_the_first_50_errors_are_listed_then_how_many_more(existing):
    content = b"nom;membres\n" + b"".join(b"Club %d;x\n" % n for n in range(60))

    with pytest.raises(CsvImportError) as caught:
        GroupImport().import_content(content)

    assert len(caught.value.row_errors) == 60
    assert len(caught.value.messages) == 51
    assert caught.value.messages[49].startswith("ligne 51, colonne membres :")
    assert caught.value.messages[50] == "… et 10 autres erreurs."
    assert_nothing_written(existing)


def run_command(path):
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command(Command(), str(path), stdout=stdout, stderr=stderr)
    finally:
        run_command.stdout, run_command.stderr = stdout.getvalue(), stderr.getvalue()


def test_the_command_prints_the_first_50_errors_then_the_total_and_writes_nothing(existing, tmp_path):
    path = tmp_path / "groupes.csv"
    path.write_bytes(b"nom;membres\n" + b"".join(b"Club %d;x\n" % n for n in range(51)))

    with pytest.raises(
        CommandError, match=r"^51 erreurs dans le fichier : aucun groupe n'a été enregistré\.$"
    ):
        run_command(path)

    lines = run_command.stderr.splitlines()
    assert len(lines) == 51
    assert lines[0] == (
        "ligne 2, colonne membres : « x » n'est pas un nombre entier positif "
        "(chiffres seulement, sans décimale)."
    )
    assert lines[49].startswith("ligne 51, colonne membres :")
    assert lines[50] == "… et 1 autre erreur."
    assert_nothing_written(existing)


def test_the_command_reports_progress_and_a_summary(existing, tmp_path):
    path = tmp_path / "groupes.csv"
    path.write_text("nom\nClub\nDéjà là\n", "utf-8")

    run_command(path)

    assert "2 lignes lues, vérification…" in run_command.stdout
    assert "Aucune erreur : enregistrement…" in run_command.stdout
    assert "Import terminé, 2 groupe(s) : 1 créé(s), 1 inchangé(s)." in run_command.stdout
    assert run_command.stderr == ""


def test_the_command_help_names_what_it_imports_and_the_columns():
    assert Command().help.startswith(
        "Importe des groupes depuis un fichier CSV (UTF-8, séparateur « ; » ou « , ») dont "
        "l'en-tête compte les colonnes : nom, membres, cree_le, actif, code, siren."
    )


@override_settings(CSV_IMPORT_MAX_BYTES=10)
def test_the_command_explains_a_missing_file_and_a_file_too_large(existing, tmp_path):
    with pytest.raises(CommandError, match=r"Fichier introuvable : .*absent\.csv\. Vérifiez le chemin"):
        run_command(tmp_path / "absent.csv")

    path = tmp_path / "groupes.csv"
    path.write_text("nom\nClub\nAtelier\n", "utf-8")
    with pytest.raises(CommandError, match="trop volumineux"):
        run_command(path)
    assert_nothing_written(existing)


def test_checking_stops_after_1000_errors_and_says_where(existing, tmp_path):
    content = b"nom;membres\n" + b"".join(b"Club %d;x\n" % n for n in range(1500))

    with pytest.raises(CsvImportError) as caught:
        GroupImport().import_content(content)

    assert len(caught.value.row_errors) == 1000
    assert caught.value.stopped_at == 1002
    assert caught.value.messages[-1] == (
        "… et au moins 950 autres erreurs : la vérification s'est arrêtée à la ligne 1002. "
        "Corrigez d'abord celles-ci."
    )
    path = tmp_path / "groupes.csv"
    path.write_bytes(content)
    with pytest.raises(
        CommandError, match=r"^au moins 1000 erreurs dans le fichier : aucun groupe n'a été enregistré\.$"
    ):
        run_command(path)
    assert_nothing_written(existing)


def test_reading_stops_after_1000_rows_longer_than_the_header(existing):
    content = b"nom\n" + b"a;b\n" * 3000

    with pytest.raises(CsvImportError) as caught:
        GroupImport().import_content(content)

    assert len(caught.value.row_errors) == 1000
    assert caught.value.stopped_at == 1002
    assert_nothing_written(existing)
