from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from territories.models import Collectivity

pytestmark = pytest.mark.django_db

HEADER = "nom;type;code_insee;siren;population;annee_population;departement;region;epci_siren"


def _run(path):
    stdout, stderr = StringIO(), StringIO()
    call_command("import_collectivities", str(path), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_command_imports_a_good_file_and_prints_a_summary(reference, tmp_path):
    path = tmp_path / "collectivites.csv"
    path.write_text(HEADER + "\nAgen;commune;47001;;32000;2022;47;;\nBoé;commune;47031;;;;47;;\n", "utf-8")

    stdout, stderr = _run(path)

    assert "2 lignes lues" in stdout
    assert "Import terminé, 2 collectivité(s) : 2 créée(s), 0 mise(s) à jour, 0 inchangée(s)." in stdout
    assert stderr == ""
    assert Collectivity.objects.count() == 2

    stdout, _ = _run(path)

    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s)" in stdout
    assert Collectivity.objects.count() == 2


def test_command_prints_every_bad_row_and_fails_without_writing(reference, tmp_path):
    path = tmp_path / "collectivites.csv"
    path.write_text(
        HEADER + "\nAgen;commune;47001;;;;47;;\nBoé;villag;47031;;;;47;;\nX;commune;47002;123;;;47;;\n",
        "utf-8",
    )
    stdout, stderr = StringIO(), StringIO()

    with pytest.raises(
        CommandError, match="2 erreurs dans le fichier : aucune collectivité n'a été enregistrée"
    ):
        call_command("import_collectivities", str(path), stdout=stdout, stderr=stderr)

    lines = stderr.getvalue().splitlines()
    assert lines[0].startswith("ligne 3, colonne type : type « villag » inconnu.")
    assert lines[1] == "ligne 4, colonne siren : « 123 » n'est pas un SIREN : 9 chiffres attendus."
    assert Collectivity.objects.count() == 0


def test_command_explains_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable : .*absent.csv"):
        call_command("import_collectivities", str(tmp_path / "absent.csv"))
