"""Attendance imported from the visio tool's CSV export, on :mod:`core.csv_import`: every row is
checked first and nothing is written when one row is wrong.

Columns (header row, order free, case and accents ignored; ``;`` or ``,``)::

    email;nom;duree

``email`` is the address a person registered with (confirmed registration of the session);
``nom`` and ``duree`` (minutes connected) are read and ignored when present.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_import import Column, CsvImport, CsvImportError, CsvRow, ImportResult

from ..models import Registration, SessionPage, Status, normalise_email


class AttendanceImportError(CsvImportError):
    """The file has errors; nothing was written."""


@dataclass
class _Row:
    line: int
    registration: Registration


class AttendanceImport(CsvImport[_Row]):
    columns = (Column("email", required=True), Column("nom"), Column("duree"))
    error_class = AttendanceImportError
    subject = gettext_lazy("des présences")
    nothing_written = gettext_lazy("aucune présence n'a été enregistrée.")
    noun = gettext_lazy("présence(s)")

    def __init__(self, session: SessionPage, **kwargs):
        super().__init__(**kwargs)
        self.session = session.source()

    def prepare(self, rows: list[CsvRow]) -> None:
        self.registrations = {
            r.email_normalised: r
            for r in Registration.objects.filter(session=self.session, status=Status.CONFIRMED)
        }

    def parse_row(self, row: CsvRow) -> _Row | None:
        email = normalise_email(row["email"])
        registration = self.registrations.get(email)
        if registration is None:
            self.error(
                row.line, "email", _("aucune inscription confirmée à cette séance avec cette adresse.")
            )
            return None
        if other := self.first_line(email, row.line):
            self.error(row.line, "email", _("cette adresse figure déjà ligne %(line)d.") % {"line": other})
        return _Row(row.line, registration)

    def write(self, rows: list[_Row]) -> ImportResult:
        updated = unchanged = 0
        for row in rows:
            if row.registration.attended:
                unchanged += 1
            else:
                Registration.objects.filter(pk=row.registration.pk).update(attended=True)
                updated += 1
        return ImportResult(created=0, updated=updated, unchanged=unchanged)


COLUMNS = AttendanceImport.column_names()


def import_attendance(session: SessionPage, source: bytes | BinaryIO) -> ImportResult:
    """Mark as present the people the file lists, all rows or none: raises
    :class:`AttendanceImportError` listing every problem, and writes nothing then."""
    with transaction.atomic():
        return AttendanceImport(session).import_content(source)
