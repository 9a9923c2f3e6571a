"""Import of action sheets from an Atlaas export, CSV or JSON, on :mod:`core.csv_import`: every
row is checked first, every problem is reported ("ligne N, colonne X : raison") and nothing is
written when one row is wrong; a clean file is written in one transaction.

Importing the same file twice creates no duplicate: a sheet is found again by its natural key,
its collectivity and ``identifiant`` (the id of the sheet in the export), and updated.

CSV columns (header row, order free, case and accents ignored; ``;`` or ``,``)::

    code_insee;siren;identifiant;titre;resume;description;services;debut;fin;public;
    partenaires;budget;liens;statut

- the collectivity by ``code_insee`` or ``siren`` (at least one);
- ``services``: référentiel service codes separated by ``|`` (at least one);
- ``debut``/``fin``: ``AAAA-MM-JJ`` or ``JJ/MM/AAAA``, ``fin`` empty for an ongoing action;
- ``budget``: one of the :class:`~actions.models.BudgetBand` values, or empty;
- ``liens``: web addresses separated by ``|``;
- ``statut``: ``publiee`` (the default) or ``brouillon``.

JSON: a list of objects with the same keys (``services`` and ``liens`` may be lists). The
"ligne" of an error is then the position of the object in the list plus one (the header line
of the equivalent CSV).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_import import Column, CsvImport, CsvImportError, CsvRow, ImportResult, Log, check_size
from core.csv_import.cells import date, optional
from territories.models import Collectivity

from ..models import ActionSheet, BudgetBand, Service, SheetStatus

STATUSES = {
    "publiee": SheetStatus.PUBLISHED,
    "publiée": SheetStatus.PUBLISHED,
    "brouillon": SheetStatus.DRAFT,
    "": SheetStatus.PUBLISHED,
}


class SheetImportError(CsvImportError):
    """The file has errors; nothing was written."""


@dataclass
class _Row:
    line: int
    collectivity: Collectivity
    external_id: str
    values: dict[str, Any]
    services: list[Service]


def _budget(text: str) -> str:
    if text and text not in BudgetBand.values:
        raise ValidationError(
            _("budget inconnu « %(value)s » : choisissez parmi %(choices)s.")
            % {"value": text, "choices": ", ".join(BudgetBand.values)}
        )
    return text


def _status(text: str) -> str:
    value = text.lower()
    if value not in STATUSES:
        raise ValidationError(
            _("statut inconnu « %(value)s » : « publiee » ou « brouillon ».") % {"value": text}
        )
    return STATUSES[value]


def _links(text: str) -> str:
    links = [part.strip() for part in text.split("|") if part.strip()]
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise ValidationError(
                _("« %(value)s » n'est pas une adresse web (http ou https).") % {"value": link}
            ) from None
    return "\n".join(links)


class SheetImport(CsvImport[_Row]):
    columns = (
        Column("code_insee"),
        Column("siren"),
        Column("identifiant", required=True),
        Column("titre", required=True),
        Column("resume", required=True),
        Column("description"),
        Column("services", required=True),
        Column("debut", required=True, parse=date),
        Column("fin", parse=optional(date)),
        Column("public"),
        Column("partenaires"),
        Column("budget", parse=_budget),
        Column("liens", parse=_links),
        Column("statut", parse=_status),
    )
    required_any = (("code_insee", "siren"),)
    error_class = SheetImportError
    subject = gettext_lazy("des fiches actions")
    nothing_written = gettext_lazy("aucune fiche n'a été enregistrée.")
    noun = gettext_lazy("fiche(s)")

    def prepare(self, rows: list[CsvRow]) -> None:
        codes = {row.raw["code_insee"] for row in rows if row.raw.get("code_insee")}
        sirens = {row.raw["siren"] for row in rows if row.raw.get("siren")}
        self.by_insee = {c.insee_code: c for c in Collectivity.objects.filter(insee_code__in=codes)}
        self.by_siren = {c.siren: c for c in Collectivity.objects.filter(siren__in=sirens)}
        self.services = {s.code: s for s in Service.objects.all()}

    def parse_row(self, row: CsvRow) -> _Row | None:
        collectivity = None
        if row["code_insee"]:
            collectivity = self.by_insee.get(row["code_insee"])
            if collectivity is None:
                self.error(row.line, "code_insee", _("aucune collectivité n'a ce code INSEE."))
        elif row["siren"]:
            collectivity = self.by_siren.get(row["siren"])
            if collectivity is None:
                self.error(row.line, "siren", _("aucune collectivité n'a ce SIREN."))
        else:
            self.error(row.line, "code_insee", _("donnez le code INSEE ou le SIREN."))
        for name, limit in (("identifiant", 64), ("titre", 200), ("resume", 600)):
            if not row[name]:
                self.error(row.line, name, _("cette colonne est obligatoire."))
            elif len(row[name]) > limit:
                self.error(row.line, name, _("%(limit)d caractères au plus.") % {"limit": limit})
        services = []
        codes = [code.strip() for code in row["services"].split("|") if code.strip()]
        if not codes:
            self.error(row.line, "services", _("donnez au moins un service du référentiel."))
        for code in codes:
            service = self.services.get(code)
            if service is None:
                self.error(
                    row.line, "services", _("service inconnu du référentiel : « %(code)s ».") % {"code": code}
                )
            else:
                services.append(service)
        started_on, ended_on = row["debut"], row["fin"]
        if started_on and ended_on and ended_on < started_on:
            self.error(row.line, "fin", _("la fin de l'action précède son début."))
        if collectivity is None:
            return None
        if other := self.first_line((collectivity.pk, row["identifiant"]), row.line):
            self.error(
                row.line, "identifiant", _("cette fiche figure déjà ligne %(line)d.") % {"line": other}
            )
        values = {
            "title": row["titre"],
            "summary": row["resume"],
            "description": row["description"],
            "started_on": started_on,
            "ended_on": ended_on,
            "audience": row["public"][:200],
            "partners": row["partenaires"][:300],
            "budget_band": row["budget"] or "",
            "links": row["liens"] or "",
            "status": row["statut"] or SheetStatus.PUBLISHED,
        }
        return _Row(row.line, collectivity, row["identifiant"], values, services)

    def write(self, rows: list[_Row]) -> ImportResult:
        created = updated = unchanged = 0
        existing = {
            (sheet.collectivity_id, sheet.external_id): sheet
            for sheet in ActionSheet.objects.filter(
                collectivity__in={row.collectivity.pk for row in rows},
                external_id__in={row.external_id for row in rows},
            ).prefetch_related("services")
        }
        for row in rows:
            sheet = existing.get((row.collectivity.pk, row.external_id))
            service_ids = {service.pk for service in row.services}
            if sheet is None:
                sheet = ActionSheet.objects.create(
                    collectivity=row.collectivity, external_id=row.external_id, **row.values
                )
                sheet.services.set(service_ids)
                created += 1
                continue
            values = row.values
            if sheet.status == SheetStatus.WITHDRAWN:
                # A moderation decision: only staff republish a withdrawn sheet (services.moderate).
                values = {**values, "status": SheetStatus.WITHDRAWN}
            changed = any(getattr(sheet, name) != value for name, value in values.items())
            if changed:
                for name, value in values.items():
                    setattr(sheet, name, value)
                sheet.full_clean(exclude=["services", "images"])
                sheet.save()
            if {service.pk for service in sheet.services.all()} != service_ids:
                sheet.services.set(service_ids)
                changed = True
            if changed:
                updated += 1
            else:
                unchanged += 1
        return ImportResult(created=created, updated=updated, unchanged=unchanged)


COLUMNS = SheetImport.column_names()


def json_to_csv(content: bytes) -> bytes:
    """The CSV equivalent of a JSON export (a list of objects with the CSV's keys)."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(_("Le fichier JSON est illisible : %(error)s.") % {"error": error}) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValidationError(_("Le fichier JSON doit contenir une liste d'objets, un par fiche."))
    keys = list(COLUMNS)
    unknown = sorted({key for item in data for key in item} - set(keys))
    if unknown:
        raise ValidationError(
            _("Clés inconnues dans le fichier JSON : %(keys)s.") % {"keys": ", ".join(unknown)}
        )
    present = [key for key in keys if any(key in item for item in data)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(present)
    for item in data:
        cells = []
        for key in present:
            value = item.get(key, "")
            if isinstance(value, list):
                value = "|".join(str(part) for part in value)
            cells.append("" if value is None else str(value))
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8")


def import_sheets(source: bytes | BinaryIO, *, filename: str = "", log: Log | None = None) -> ImportResult:
    """Create or update sheets from a CSV (or, for a ``.json`` name, JSON) export, all rows or
    none: raises :class:`SheetImportError` listing every problem, and writes nothing then."""
    content = source if isinstance(source, bytes) else source.read()
    if filename.lower().endswith(".json"):
        check_size(len(content))
        content = json_to_csv(content)
    return SheetImport(log=log).import_content(content)
