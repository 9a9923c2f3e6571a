"""CSV import of memberships (``manage.py import_members FILE.csv``), on :mod:`core.csv_import`:
every row is checked first and nothing is written when one row is wrong; a clean file is
written in one transaction and importing it again changes nothing.

Columns (header row, order free, case and accents ignored; ``;`` or ``,``)::

    code_insee;siren;debut;payee_jusqu_au;demissionnaire

A row names its collectivity by ``code_insee`` or ``siren`` (at least one); dates are
``AAAA-MM-JJ`` or ``JJ/MM/AAAA``; ``demissionnaire`` (optional) is ``oui`` or ``non``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_import import Column, CsvImport, CsvImportError, CsvRow, ImportResult, Log
from core.csv_import.cells import date, yes_no
from territories.models import Collectivity

from .models import Membership


class MembershipImportError(CsvImportError):
    """The file has errors; nothing was written. ``row_errors`` lists every one of them."""


@dataclass
class _Row:
    line: int
    collectivity: Collectivity
    started_on: datetime.date
    paid_until: datetime.date
    resigned: bool


class MembershipImport(CsvImport[_Row]):
    columns = (
        Column("code_insee"),
        Column("siren"),
        Column("debut", required=True, parse=date),
        Column("payee_jusqu_au", required=True, parse=date),
        Column("demissionnaire", parse=yes_no),
    )
    required_any = (("code_insee", "siren"),)
    error_class = MembershipImportError
    subject = gettext_lazy("des adhésions")
    nothing_written = gettext_lazy("aucune adhésion n'a été enregistrée.")
    noun = gettext_lazy("adhésion(s)")

    def prepare(self, rows: list[CsvRow]) -> None:
        codes = {row.raw["code_insee"] for row in rows if row.raw["code_insee"]}
        sirens = {row.raw["siren"] for row in rows if row.raw["siren"]}
        self.by_insee = {c.insee_code: c for c in Collectivity.objects.filter(insee_code__in=codes)}
        self.by_siren = {c.siren: c for c in Collectivity.objects.filter(siren__in=sirens)}

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
        started_on, paid_until = row["debut"], row["payee_jusqu_au"]
        if started_on and paid_until and paid_until < started_on:
            self.error(row.line, "payee_jusqu_au", _("la fin de la période payée précède le début."))
        if collectivity is None:
            return None
        if other := self.first_line(collectivity.pk, row.line):
            self.error(row.line, "", _("cette collectivité figure déjà ligne %(line)d.") % {"line": other})
        return _Row(row.line, collectivity, started_on, paid_until, row["demissionnaire"])

    def write(self, rows: list[_Row]) -> ImportResult:
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
                if not membership.resigned:
                    membership.resigned_on = None  # a resignation withdrawn loses its date
                membership.save()
                updated += 1
            else:
                unchanged += 1
        return ImportResult(created=created, updated=updated, unchanged=unchanged)


#: Every accepted column, in the documented order.
COLUMNS = MembershipImport.column_names()


def import_members(source: bytes | BinaryIO, *, log: Log | None = None) -> ImportResult:
    """Create or update memberships from CSV content, all rows or none: raises
    :class:`MembershipImportError` listing every problem, and writes nothing then."""
    return MembershipImport(log=log).import_content(source)
