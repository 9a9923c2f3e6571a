"""CSV import of memberships (``manage.py import_members FILE.csv``).

Like the collectivity import (territories.services.csv_import, whose helpers it reuses): every
row is checked first and nothing is written when one row is wrong; a clean file is written in
one transaction and importing it again changes nothing.

Columns (header row, order free, case and accents ignored; ``;`` or ``,``)::

    code_insee;siren;debut;payee_jusqu_au;demissionnaire

A row names its collectivity by ``code_insee`` or ``siren`` (at least one); dates are
``AAAA-MM-JJ`` or ``JJ/MM/AAAA``; ``demissionnaire`` (optional) is ``oui`` or ``non``.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from territories.models import Collectivity
from territories.services.csv_import import ImportResult, ImportRowError, _decode, _normalize_header

from .models import Membership

COLUMNS = ("code_insee", "siren", "debut", "payee_jusqu_au", "demissionnaire")
REQUIRED_COLUMNS = ("debut", "payee_jusqu_au")
YES = {"oui", "o", "yes", "1", "vrai", "x"}
NO = {"non", "n", "no", "0", "faux", ""}


class MembershipImportError(ValidationError):
    """The file has errors; nothing was written. ``row_errors`` lists every one of them."""

    def __init__(self, row_errors: list[ImportRowError]):
        self.row_errors = row_errors
        super().__init__([str(error) for error in row_errors], code="invalid_import")


@dataclass
class _Row:
    line: int
    collectivity: Collectivity
    started_on: datetime.date
    paid_until: datetime.date
    resigned: bool


def _parse_date(value: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def import_members_file(path: Path | str) -> ImportResult:
    path = Path(path)
    if not path.is_file():
        raise ValidationError(
            _("Fichier introuvable : %(path)s. Vérifiez le chemin du fichier CSV.") % {"path": path}
        )
    return import_members(path.read_bytes())


def import_members(content: bytes) -> ImportResult:
    rows = _check(content)
    with transaction.atomic():
        return _write(rows)


def _check(content: bytes) -> list[_Row]:
    text, error = _decode(content)
    if error:
        raise MembershipImportError([error])
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise MembershipImportError([ImportRowError(1, "", _("le fichier est vide."))])
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    while not any(header):
        header = [_normalize_header(name) for name in next(reader)]
    header_line = reader.line_num
    errors: list[ImportRowError] = [
        ImportRowError(
            header_line,
            name,
            _("colonne inconnue. Colonnes acceptées : %(columns)s.") % {"columns": ", ".join(COLUMNS)},
        )
        for name in header
        if name not in COLUMNS
    ]
    errors += [
        ImportRowError(header_line, name, _("colonne obligatoire absente de l'en-tête."))
        for name in REQUIRED_COLUMNS
        if name not in header
    ]
    if "code_insee" not in header and "siren" not in header:
        errors.append(ImportRowError(header_line, "", _("il faut une colonne code_insee ou siren.")))
    if errors:
        raise MembershipImportError(errors)

    by_insee = {c.insee_code: c for c in Collectivity.objects.exclude(insee_code=None).exclude(insee_code="")}
    by_siren = {c.siren: c for c in Collectivity.objects.exclude(siren=None).exclude(siren="")}
    rows: list[_Row] = []
    seen: dict[int, int] = {}
    line = reader.line_num + 1
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            line = reader.line_num + 1
            continue
        values = dict.fromkeys(COLUMNS, "")
        values.update({name: cell.strip() for name, cell in zip(header, cells, strict=False)})
        row_errors_before = len(errors)
        collectivity = None
        if values["code_insee"]:
            collectivity = by_insee.get(values["code_insee"])
            if collectivity is None:
                errors.append(ImportRowError(line, "code_insee", _("aucune collectivité n'a ce code INSEE.")))
        elif values["siren"]:
            collectivity = by_siren.get(values["siren"])
            if collectivity is None:
                errors.append(ImportRowError(line, "siren", _("aucune collectivité n'a ce SIREN.")))
        else:
            errors.append(ImportRowError(line, "code_insee", _("donnez le code INSEE ou le SIREN.")))
        dates = {}
        for column in ("debut", "payee_jusqu_au"):
            dates[column] = _parse_date(values[column])
            if dates[column] is None:
                errors.append(
                    ImportRowError(line, column, _("date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA."))
                )
        if dates["debut"] and dates["payee_jusqu_au"] and dates["payee_jusqu_au"] < dates["debut"]:
            errors.append(
                ImportRowError(line, "payee_jusqu_au", _("la fin de la période payée précède le début."))
            )
        resigned_value = values["demissionnaire"].lower()
        if resigned_value not in YES | NO:
            errors.append(ImportRowError(line, "demissionnaire", _("répondez « oui » ou « non ».")))
        if collectivity is not None and collectivity.pk in seen:
            errors.append(
                ImportRowError(
                    line,
                    "",
                    _("cette collectivité figure déjà ligne %(line)d.") % {"line": seen[collectivity.pk]},
                )
            )
        if len(errors) == row_errors_before and collectivity is not None:
            seen[collectivity.pk] = line
            rows.append(
                _Row(line, collectivity, dates["debut"], dates["payee_jusqu_au"], resigned_value in YES)
            )
        line = reader.line_num + 1
    if errors:
        raise MembershipImportError(errors)
    return rows


def _write(rows: list[_Row]) -> ImportResult:
    created = updated = unchanged = 0
    existing = {
        m.collectivity_id: m
        for m in Membership.objects.filter(collectivity__in=[r.collectivity for r in rows])
    }
    for row in rows:
        values = {"started_on": row.started_on, "paid_until": row.paid_until, "resigned": row.resigned}
        membership = existing.get(row.collectivity.pk)
        if membership is None:
            Membership.objects.create(collectivity=row.collectivity, **values)
            created += 1
        elif any(getattr(membership, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(membership, name, value)
            membership.save()
            updated += 1
        else:
            unchanged += 1
    return ImportResult(created=created, updated=updated, unchanged=unchanged)
