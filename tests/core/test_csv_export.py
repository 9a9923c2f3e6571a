"""core.csv_export: files that open safely, and readably, in a French spreadsheet."""

import datetime
import decimal

import pytest

from core.csv_export import cell, csv_bytes, neutralise


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x.invalid")', '\'=HYPERLINK("http://x.invalid")'),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Agen", "Agen"),
        ("a=1", "a=1"),
        ("", ""),
        ("'déjà", "'déjà"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(text, written):
    assert neutralise(text) == written
    assert cell(text) == written


def test_values_are_written_for_a_french_spreadsheet():
    assert cell(True) == "Oui"
    assert cell(False) == "Non"
    assert cell(None) == ""
    assert cell(-4) == "-4"  # a number is not a formula
    assert cell(decimal.Decimal("-1.5")) == "-1.5"
    assert cell(datetime.date(2026, 1, 31)) == "2026-01-31"
    assert cell(["a", "=b"]) == "a | =b"
    assert cell(["=a", "b"]) == "'=a | b"


def test_a_file_has_a_bom_semicolons_and_quotes_what_needs_it():
    content = csv_bytes(["Nom", "Niveau (@)", "Actif"], [["Brumeval; le haut", 5, True], ["=1", None, False]])

    assert content.decode("utf-8") == (
        '\ufeffNom;Niveau (@);Actif\r\n"Brumeval; le haut";5;Oui\r\n\'=1;;Non\r\n'
    )


@pytest.mark.django_db
def test_wagtail_reports_export_through_the_same_writer(admin_client):
    response = admin_client.get("/admin/reports/site-history/", {"export": "csv"})

    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert ";" in header and "," not in header
