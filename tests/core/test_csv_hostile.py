"""Hostile files through every CSV import, in the admin and as a command: each gets a clear
French message (a 200 page, or a CommandError: non-zero exit, no traceback) and nothing is
written. The list of inputs is the one in docs/decisions.md ("Hostile CSV files")."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from label.models import LabelEdition, Labellisation
from label.services.imports import COLUMNS as PALMARES_COLUMNS
from members.imports import COLUMNS as MEMBERS_COLUMNS
from members.models import Membership
from territories.models import Collectivity
from territories.services import COLUMNS as TERRITORIES_COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    from territories import demo

    demo.load_reference()


@pytest.fixture
def edition(reference):
    return LabelEdition.objects.create(
        year=2030, number=31, ceremony_city="Villebrume", jury_president="Jury fictif"
    )


FIVE_MB = 5 * 1024 * 1024


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def hostile_files(columns: tuple[str, ...]) -> dict[str, tuple[bytes, str]]:
    """Each hostile input, built on an import's header, and a part of the message it gets."""
    header = ";".join(columns).encode()
    row = ";".join("x" for _ in columns).encode()
    return {
        "empty": (b"", "le fichier est vide"),
        "bom_only": (b"\xef\xbb\xbf", "le fichier est vide"),
        "blank_lines_only": (b"\r\n \r\n;;;\r\n", "le fichier est vide"),
        "header_only": (header + b"\n", "aucune ligne après l'en-tête"),
        "header_only_crlf": (header + b"\r\n\r\n", "aucune ligne après l'en-tête"),
        "nul_byte_in_header": (b"\x00" + header + b"\n" + row + b"\n", "caractère nul"),
        "nul_byte_in_row": (header + b"\n" + row.replace(b"x", b"a\x00b", 1) + b"\n", "caractère nul"),
        "field_over_csv_limit_quoted": (
            header + b'\n"' + b"y" * 200_000 + b'"' + row[1:] + b"\n",
            "trop longue",
        ),
        "field_over_csv_limit_unquoted": (header + b"\n" + b"y" * 200_000 + b"\n", "trop longue"),
        "unclosed_quote": (header + b'\n"' + row + b"\n", "vérifiez les guillemets"),
        "latin1": (header + b"\n" + "Bo\xe9;".encode("latin-1") + row + b"\n", "pas encodé en UTF-8"),
        "utf16": ((";".join(columns) + "\n").encode("utf-16"), "pas encodé en UTF-8"),
        "png_renamed_csv": (_png(), "pas encodé en UTF-8"),
        "thousands_of_columns_in_header": (
            header + b";" + b";".join(b"c%d" % n for n in range(5000)) + b"\n" + row + b"\n",
            "colonne inconnue",
        ),
        "thousands_of_columns_in_row": (
            header + b"\n" + b";".join(b"v" for _ in range(5000)) + b"\n",
            "5000 valeurs pour",
        ),
        # three rows, each with errors: they are told apart
        "cr_only_line_endings": (
            header + b"\r" + b"\r".join(b"?" + row for _ in range(3)) + b"\r",
            "ligne 4",
        ),
        "many_rows_with_errors": (
            header + b"\n" + b"".join(b"?%d%s\n" % (n, row) for n in range(5000)),
            "autres erreurs : la vérification s'est arrêtée à la ligne",
        ),
        "over_5_mb": (header + b"\n" + (row + b"\n") * (FIVE_MB // len(row) + 1), "trop volumineux"),
    }


HOSTILE_NAMES = list(hostile_files(("a", "b")))


def run(command: str, path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, str(path), stdout=out, stderr=err)
    finally:
        run.out, run.err = out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize(
    ("command", "columns", "model"),
    [
        ("import_collectivities", TERRITORIES_COLUMNS, Collectivity),
        ("import_members", MEMBERS_COLUMNS, Membership),
    ],
)
def test_a_command_refuses_a_hostile_file_with_a_clear_message(
    reference, tmp_path, name, command, columns, model
):
    content, expected = hostile_files(columns)[name]
    path = tmp_path / "hostile.csv"
    path.write_bytes(content)
    before = model.objects.count()

    with pytest.raises(CommandError) as caught:
        run(command, path)

    shown = str(caught.value) + "\n" + run.err
    assert expected in shown
    assert "Traceback" not in shown
    assert len(shown) < 20_000
    assert model.objects.count() == before


#: What the admin page says where it differs from a command's message.
ADMIN_MESSAGES = {
    "empty": "Le fichier soumis est vide.",  # Django's FileField
    "header_only": "le fichier ne contient aucune ligne de palmarès.",
    "header_only_crlf": "le fichier ne contient aucune ligne de palmarès.",
    "cr_only_line_endings": "<tr><td>4</td>",
}


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_the_admin_import_refuses_a_hostile_file_with_a_clear_message(admin_client, edition, name):
    content, expected = hostile_files(PALMARES_COLUMNS)[name]

    response = admin_client.post(
        "/admin/label/import/",
        {"edition": edition.pk, "file": SimpleUploadedFile("palmares.csv", content)},
    )

    assert response.status_code == 200
    page = response.content.decode()
    expected = ADMIN_MESSAGES.get(name, expected)
    assert expected.replace("'", "&#x27;") in page
    assert len(page) < 200_000
    assert Labellisation.objects.count() == 0
