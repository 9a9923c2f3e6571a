"""manage.py import_members: all rows checked first, nothing written unless clean, idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command

from members.models import Membership
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(db):
    return (
        CollectivityFactory(name="Lutinval", insee_code="47801"),
        CollectivityFactory(name="Farfadet-sur-Onde", insee_code="47802"),
    )


def run(tmp_path, text):
    path = tmp_path / "adhesions.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_members", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


GOOD = (
    "code_insee;debut;payee_jusqu_au;demissionnaire\n"
    "47801;2020-01-01;2026-12-31;non\n"
    "47802;01/03/2021;31/12/2025;oui\n"
)


def test_clean_file_is_imported_then_changes_nothing(tmp_path, communes):
    out, _err = run(tmp_path, GOOD)
    assert "2 créée(s)" in out
    membership = Membership.objects.get(collectivity=communes[1])
    assert membership.resigned and str(membership.started_on) == "2021-03-01"

    out, _err = run(tmp_path, GOOD)
    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s)" in out
    assert Membership.objects.count() == 2


def test_bad_file_reports_every_row_and_writes_nothing(tmp_path, communes):
    bad = (
        "code_insee;debut;payee_jusqu_au\n"
        "47801;2020-01-01;2026-12-31\n"
        "99999;2020-01-01;2026-12-31\n"
        "47802;hier;2019-12-31\n"
        "47801;2020-01-01;2019-01-01\n"
    )
    with pytest.raises(CommandError) as error:
        run(tmp_path, bad)

    assert "aucune adhésion n'a été enregistrée" in str(error.value)
    assert Membership.objects.count() == 0


def test_bad_rows_are_listed_with_line_and_column(tmp_path, communes):
    path = tmp_path / "adhesions.csv"
    path.write_text("code_insee;debut;payee_jusqu_au\n99999;2020-01-01;2026-12-31\n47802;hier;2026-12-31\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_members", str(path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        "ligne 2, colonne code_insee : aucune collectivité n'a ce code INSEE.",
        "ligne 3, colonne debut : date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA.",
    ]


def test_unknown_column_is_refused(tmp_path, communes):
    with pytest.raises(CommandError):
        run(tmp_path, "code_insee;debut;fin\n47801;2020-01-01;2026-12-31\n")
    assert Membership.objects.count() == 0


def test_bad_file_leaves_stored_memberships_as_they_were(tmp_path, communes):
    run(tmp_path, GOOD)
    stored = sorted(Membership.objects.values_list("collectivity__insee_code", "paid_until", "resigned"))

    with pytest.raises(CommandError):
        run(tmp_path, GOOD.replace("2026-12-31;non", "2027-12-31;oui") + "99999;2020-01-01;2026-12-31;non\n")

    assert (
        sorted(Membership.objects.values_list("collectivity__insee_code", "paid_until", "resigned")) == stored
    )


def test_a_header_without_code_insee_nor_siren_is_refused(tmp_path, communes):
    path = tmp_path / "adhesions.csv"
    path.write_text("debut;payee_jusqu_au\n2020-01-01;2026-12-31\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 erreur dans le fichier : aucune adhésion n'a été enregistrée"):
        call_command("import_members", str(path), stdout=io.StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        "ligne 1 : il faut au moins une de ces colonnes : code_insee, siren."
    ]
    assert Membership.objects.count() == 0


def test_withdrawn_resignation_loses_its_date(tmp_path, communes):
    run(tmp_path, GOOD)
    Membership.objects.filter(collectivity=communes[1]).update(resigned_on="2025-12-31")
    run(tmp_path, GOOD.replace("31/12/2025;oui", "31/12/2025;non"))
    membership = Membership.objects.get(collectivity=communes[1])
    assert not membership.resigned and membership.resigned_on is None
