"""Staff import of a palmarès from a CSV file, all rows or none.

Accepted file: UTF-8 (with or without BOM), ``;`` or ``,`` as delimiter, a header row with these
columns (order free, case and accents ignored)::

    nom;departement;code_insee;siren;arobases;distinctions

A row names its collectivity by INSEE code, else SIREN, else exact name and département code.
``distinctions`` lists kinds separated by ``|`` or ``,`` (``ten``, ``mediation_numerique``,
``numerique_educatif``, ``mise_en_commun``, ``transition_ecologique``, ``democratie_locale``,
or their names). Every row is checked before anything is written; importing the same file again
creates no duplicate. Built on the helpers of :mod:`territories.services.csv_import`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from territories.models import Collectivity
from territories.services.csv_import import ImportResult, ImportRowError, _decode, _normalize_header

from ..models import MAX_AROBASES, MIN_AROBASES, Distinction, DistinctionKind, LabelEdition, Labellisation

COLUMNS = ("nom", "departement", "code_insee", "siren", "arobases", "distinctions")
REQUIRED_COLUMNS = ("nom", "arobases")


class PalmaresImportError(ValidationError):
    """The file has errors; nothing was written. ``row_errors`` lists every one of them."""

    def __init__(self, row_errors: list[ImportRowError]):
        self.row_errors = row_errors
        super().__init__([str(error) for error in row_errors], code="invalid_import")


@dataclass
class _Row:
    line: int
    collectivity: Collectivity
    arobases: int
    distinctions: set[str]


def _distinction_aliases() -> dict[str, str]:
    aliases = {}
    for kind in DistinctionKind:
        aliases[kind.value] = kind.value
        label = _normalize_header(str(kind.label)).replace("'", "_")
        aliases[label] = kind.value
        aliases[label.removeprefix("mention_")] = kind.value
    aliases["territoire_d_excellence_numerique"] = DistinctionKind.TEN.value
    return aliases


def import_palmares(edition: LabelEdition, source: bytes | BinaryIO) -> ImportResult:
    """Create or update the labellisations of ``edition`` from CSV content, all rows or none.

    Raises :class:`PalmaresImportError` listing every problem (line, column, reason) when one row
    is wrong; the database is then left untouched. A collectivity's labellisation is created or
    updated (never duplicated) and its distinctions become exactly those of the file.
    """
    content = source if isinstance(source, bytes) else source.read()
    rows = _check(content)
    with transaction.atomic():
        return _write(edition, rows)


def _read(content: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[ImportRowError]]:
    text, error = _decode(content)
    if error:
        return [], [error]
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        return [], [ImportRowError(1, "", _("le fichier est vide."))]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    while not any(header):
        header = [_normalize_header(name) for name in next(reader)]
    header_line = reader.line_num
    errors = [
        ImportRowError(
            header_line,
            name or str(position),
            _("colonne inconnue. Colonnes acceptées : %(columns)s.") % {"columns": ", ".join(COLUMNS)},
        )
        for position, name in enumerate(header, start=1)
        if name not in COLUMNS
    ]
    errors += [
        ImportRowError(header_line, name, _("colonne obligatoire absente de l'en-tête."))
        for name in REQUIRED_COLUMNS
        if name not in header
    ]
    if errors:
        return [], errors
    raw = []
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(cells) > len(header):
                errors.append(
                    ImportRowError(
                        line,
                        "",
                        _("%(found)d valeurs pour %(expected)d colonnes : vérifiez le séparateur.")
                        % {"found": len(cells), "expected": len(header)},
                    )
                )
            else:
                values = dict.fromkeys(COLUMNS, "")
                values.update({name: cell.strip() for name, cell in zip(header, cells, strict=False)})
                raw.append((line, values))
        line = reader.line_num + 1
    return raw, errors


def _check(content: bytes) -> list[_Row]:
    raw, errors = _read(content)
    if errors:
        raise PalmaresImportError(errors)
    codes = {v["code_insee"].upper() for _line, v in raw if v["code_insee"]}
    sirens = {v["siren"].replace(" ", "") for _line, v in raw if v["siren"]}
    names = {v["nom"] for _line, v in raw if v["nom"]}
    candidates = list(
        (
            Collectivity.objects.filter(insee_code__in=codes)
            | Collectivity.objects.filter(siren__in=sirens)
            | Collectivity.objects.filter(name__in=names)
        ).select_related("department")
    )
    by_code: dict[str, list[Collectivity]] = {}
    by_siren: dict[str, Collectivity] = {}
    by_name: dict[tuple[str, str], list[Collectivity]] = {}
    for collectivity in candidates:
        if collectivity.insee_code:
            by_code.setdefault(collectivity.insee_code, []).append(collectivity)
        if collectivity.siren:
            by_siren[collectivity.siren] = collectivity
        department = collectivity.department.code if collectivity.department else ""
        by_name.setdefault((collectivity.name, department), []).append(collectivity)
    aliases = _distinction_aliases()
    accepted = ", ".join(DistinctionKind.values)

    rows: list[_Row] = []
    seen: dict[int, int] = {}
    for line, values in raw:
        before = len(errors)
        collectivity = None
        code, siren = values["code_insee"].upper(), values["siren"].replace(" ", "")
        department = values["departement"].upper()
        if department.isdigit() and len(department) == 1:
            department = department.zfill(2)
        if code:
            found = by_code.get(code, [])
            if len(found) == 1:
                collectivity = found[0]
            else:
                reason = (
                    _("aucune collectivité n'a le code INSEE %(code)s.")
                    if not found
                    else _("plusieurs collectivités ont le code INSEE %(code)s : indiquez le SIREN.")
                )
                errors.append(ImportRowError(line, "code_insee", reason % {"code": code}))
        elif siren:
            collectivity = by_siren.get(siren)
            if collectivity is None:
                errors.append(
                    ImportRowError(
                        line, "siren", _("aucune collectivité n'a le SIREN %(siren)s.") % {"siren": siren}
                    )
                )
        elif not values["nom"]:
            errors.append(
                ImportRowError(
                    line, "nom", _("indiquez le code INSEE, le SIREN ou le nom et le département.")
                )
            )
        elif not department:
            errors.append(
                ImportRowError(
                    line,
                    "departement",
                    _("sans code INSEE ni SIREN, le code du département est obligatoire."),
                )
            )
        else:
            found = by_name.get((values["nom"], department), [])
            if len(found) == 1:
                collectivity = found[0]
            else:
                reason = (
                    _("aucune collectivité « %(name)s » dans le département %(department)s.")
                    if not found
                    else _(
                        "plusieurs collectivités « %(name)s » dans le département %(department)s : "
                        "indiquez le code INSEE."
                    )
                )
                errors.append(
                    ImportRowError(line, "nom", reason % {"name": values["nom"], "department": department})
                )

        arobases = None
        value = values["arobases"].replace("@", "").strip()
        if not value.isdigit() or not MIN_AROBASES <= int(value) <= MAX_AROBASES:
            errors.append(
                ImportRowError(
                    line,
                    "arobases",
                    _("« %(value)s » n'est pas un nombre d'arobases : un entier de 1 à 5 attendu.")
                    % {"value": values["arobases"]},
                )
            )
        else:
            arobases = int(value)

        kinds: set[str] = set()
        for item in values["distinctions"].replace(",", "|").split("|"):
            if not item.strip():
                continue
            kind = aliases.get(_normalize_header(item).replace("'", "_"))
            if kind is None:
                errors.append(
                    ImportRowError(
                        line,
                        "distinctions",
                        _("distinction « %(value)s » inconnue. Valeurs acceptées : %(values)s.")
                        % {"value": item.strip(), "values": accepted},
                    )
                )
            else:
                kinds.add(kind)
        if DistinctionKind.TEN in kinds and arobases is not None and arobases != MAX_AROBASES:
            errors.append(
                ImportRowError(
                    line,
                    "distinctions",
                    _("le titre « Territoire d'excellence numérique » est réservé aux labellisés 5 @."),
                )
            )
        if collectivity is not None and collectivity.pk in seen:
            errors.append(
                ImportRowError(
                    line,
                    "nom",
                    _("%(name)s figure déjà ligne %(other)d.")
                    % {"name": collectivity.name, "other": seen[collectivity.pk]},
                )
            )
        if collectivity is not None:
            seen.setdefault(collectivity.pk, line)
        if len(errors) == before and collectivity is not None and arobases is not None:
            rows.append(_Row(line, collectivity, arobases, kinds))
    if errors:
        errors.sort(
            key=lambda error: (error.line, COLUMNS.index(error.column) if error.column in COLUMNS else -1)
        )
        raise PalmaresImportError(errors)
    if not rows:
        raise PalmaresImportError(
            [ImportRowError(1, "", _("le fichier ne contient aucune ligne de palmarès."))]
        )
    return rows


def _write(edition: LabelEdition, rows: list[_Row]) -> ImportResult:
    existing = {
        item.collectivity_id: item
        for item in Labellisation.objects.filter(edition=edition).prefetch_related("distinctions")
    }
    created = updated = unchanged = 0
    for row in rows:
        before = existing.get(row.collectivity.pk)
        old_kinds = {d.kind for d in before.distinctions.all()} if before else set()
        if before and before.arobases == row.arobases and old_kinds == row.distinctions:
            unchanged += 1
            continue
        labellisation, was_created = Labellisation.objects.update_or_create(
            collectivity=row.collectivity, edition=edition, defaults={"arobases": row.arobases}
        )
        Distinction.objects.filter(labellisation=labellisation).exclude(kind__in=row.distinctions).delete()
        for kind in sorted(row.distinctions - old_kinds):
            Distinction.objects.get_or_create(labellisation=labellisation, kind=kind)
        if was_created:
            created += 1
        else:
            updated += 1
    return ImportResult(created, updated, unchanged)
