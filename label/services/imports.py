"""Staff import of a palmarès from a CSV file, all rows or none (see :mod:`core.csv_import`).

Accepted file: UTF-8 (with or without BOM), ``;`` or ``,`` as delimiter, a header row with these
columns (order free, case and accents ignored)::

    nom;departement;code_insee;siren;arobases;distinctions

The site's own open-data file imports back as it is: its other columns (type, categorie, region,
population) are read and ignored, its French headings ("Code INSEE", "Nombre d'arobases"…) are
aliases (:data:`HEADER_ALIASES`), a leading ``'`` that neutralised a formula character (``=``,
``+``, ``-``, ``@``, tab, CR) is removed, and one yes/no column per distinction (« Oui »/« Non »,
true/false…) may replace the ``distinctions`` list.

A row names its collectivity by INSEE code, else SIREN, else exact name and département code; a
code that matches nothing falls back on the name and département. The result counts which
match was used (:meth:`PalmaresImportResult.matches_message`).
``distinctions`` lists kinds separated by ``|`` or ``,`` (``ten``, ``mediation_numerique``,
``numerique_educatif``, ``mise_en_commun``, ``transition_ecologique``, ``democratie_locale``,
or their names). Every row is checked before anything is written; importing the same file again
creates no duplicate.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.csv_import import Column, CsvImport, CsvImportError, CsvRow, ImportResult, Log, normalize_name
from territories.models import Collectivity

from ..models import MAX_AROBASES, MIN_AROBASES, Distinction, DistinctionKind, LabelEdition, Labellisation


class PalmaresImportError(CsvImportError):
    """The file has errors; nothing was written. ``row_errors`` lists every one of them."""


#: How each row found its collectivity.
BY_CODE, BY_SIREN, BY_NAME = "code_insee", "siren", "nom"


@dataclass(frozen=True)
class PalmaresImportResult(ImportResult):
    """What was written, and how many rows found their collectivity by each key."""

    matches: dict[str, int] = field(default_factory=dict)

    def matches_message(self) -> str:
        """« 212 par code INSEE, 1 par nom et département » (the keys used, in that order)."""
        words = {
            BY_CODE: lambda n: ngettext("%(count)d par code INSEE", "%(count)d par code INSEE", n),
            BY_SIREN: lambda n: ngettext("%(count)d par SIREN", "%(count)d par SIREN", n),
            BY_NAME: lambda n: ngettext(
                "%(count)d par nom et département", "%(count)d par nom et département", n
            ),
        }
        return ", ".join(
            words[key](self.matches[key]) % {"count": self.matches[key]}
            for key in (BY_CODE, BY_SIREN, BY_NAME)
            if self.matches.get(key)
        )


#: Headings (normalised) that name an accepted column: the French words of the site's export
#: and their usual variants.
HEADER_ALIASES = {
    "collectivite": "nom",
    "nom_de_la_collectivite": "nom",
    "type_de_collectivite": "type",
    "insee": "code_insee",
    "code_commune": "code_insee",
    "numero_siren": "siren",
    "n°_siren": "siren",
    "code_departement": "departement",
    "code_du_departement": "departement",
    "dept": "departement",
    "habitants": "population",
    "nombre_d_arobases": "arobases",
    "nombre_darobases": "arobases",
    "@": "arobases",
    "distinction": "distinctions",
    "titre_et_mentions": "distinctions",
    "titres_et_mentions": "distinctions",
    "mentions": "distinctions",
}
#: First characters a spreadsheet would run as a formula, which an export prefixes with "'".
FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r")
YES = frozenset({"oui", "o", "yes", "y", "true", "vrai", "1", "x"})
NO = frozenset({"non", "n", "no", "false", "faux", "0", ""})


def _unneutralised(text: str) -> str:
    """A cell without the "'" an export put before a formula character."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_CHARACTERS else text


def _yes_no(text: str) -> bool:
    value = text.strip().lower()
    if value not in YES | NO:
        raise ValidationError(_("répondez « Oui » ou « Non » (ou true / false)."))
    return value in YES


def _distinction_column(kind: DistinctionKind) -> str:
    return normalize_name(str(kind.label))


def _canonical_header(content: bytes) -> bytes:
    """``content`` with its header's aliases replaced by the accepted column names (the
    reader then checks the header as usual); unchanged if it is not UTF-8."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content
    lines = text.splitlines(keepends=True)
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        return content
    line = lines[index]
    delimiter = ";" if line.count(";") >= line.count(",") else ","
    cells = next(csv.reader([line], delimiter=delimiter), [])
    aliases = {**HEADER_ALIASES, **{_distinction_column(kind): kind.value for kind in DistinctionKind}}
    renamed = [aliases.get(normalize_name(_unneutralised(cell.strip())), cell) for cell in cells]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(renamed)
    ending = line[len(line.rstrip("\r\n")) :]
    lines[index] = buffer.getvalue() + ending
    return "".join(lines).encode("utf-8")


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
        label = normalize_name(str(kind.label))
        aliases[label] = kind.value
        aliases[label.removeprefix("mention_")] = kind.value
    aliases["territoire_d_excellence_numerique"] = DistinctionKind.TEN.value
    return aliases


def _parse_department(text: str) -> str:
    code = text.upper()
    return code.zfill(2) if code.isdigit() and len(code) == 1 else code


def _parse_arobases(text: str) -> int:
    value = text.replace("@", "").strip()
    if not value.isdigit() or not MIN_AROBASES <= int(value) <= MAX_AROBASES:
        raise ValidationError(
            _("« %(value)s » n'est pas un nombre d'arobases : un entier de 1 à 5 attendu.") % {"value": text}
        )
    return int(value)


def _parse_distinctions(text: str) -> set[str]:
    aliases = _distinction_aliases()
    kinds, unknown = set(), []
    for item in filter(str.strip, text.replace(",", "|").split("|")):
        kind = aliases.get(normalize_name(item))
        if kind is None:
            unknown.append(
                _("distinction « %(value)s » inconnue. Valeurs acceptées : %(values)s.")
                % {"value": item.strip(), "values": ", ".join(DistinctionKind.values)}
            )
        else:
            kinds.add(kind)
    if unknown:
        raise ValidationError(unknown)
    return kinds


class PalmaresImport(CsvImport[_Row]):
    """The labellisations of one edition, from a palmarès file."""

    columns = (
        Column("nom", required=True),
        Column("departement", parse=_parse_department),
        Column("code_insee", parse=str.upper),
        Column("siren", parse=lambda text: text.replace(" ", "")),
        Column("arobases", required=True, parse=_parse_arobases),
        Column("distinctions", parse=_parse_distinctions),
        # Read and ignored: the other columns of the site's open-data export.
        Column("type"),
        Column("categorie"),
        Column("region"),
        Column("population"),
        # One yes/no column per distinction, instead of (or with) the list.
        *(Column(kind.value, parse=_yes_no) for kind in DistinctionKind),
    )
    error_class = PalmaresImportError
    no_rows_message = gettext_lazy("le fichier ne contient aucune ligne de palmarès.")

    def __init__(self, edition: LabelEdition, *, log: Log | None = None):
        super().__init__(log=log)
        self.edition = edition

    def check(self, content: bytes) -> list[_Row]:
        self.matches: Counter[str] = Counter()
        return super().check(_canonical_header(content))

    def prepare(self, rows: list[CsvRow]) -> None:
        for row in rows:
            row.raw = {name: _unneutralised(text).strip() for name, text in row.raw.items()}
        codes = {row.raw["code_insee"].upper() for row in rows if row.raw["code_insee"]}
        sirens = {row.raw["siren"].replace(" ", "") for row in rows if row.raw["siren"]}
        names = {row.raw["nom"] for row in rows if row.raw["nom"]}
        candidates = (
            Collectivity.objects.filter(insee_code__in=codes)
            | Collectivity.objects.filter(siren__in=sirens)
            | Collectivity.objects.filter(name__in=names)
        ).select_related("department")
        self.by_code: dict[str, list[Collectivity]] = {}
        self.by_siren: dict[str, Collectivity] = {}
        self.by_name: dict[tuple[str, str], list[Collectivity]] = {}
        for collectivity in candidates:
            if collectivity.insee_code:
                self.by_code.setdefault(collectivity.insee_code, []).append(collectivity)
            if collectivity.siren:
                self.by_siren[collectivity.siren] = collectivity
            department = collectivity.department.code if collectivity.department else ""
            self.by_name.setdefault((collectivity.name, department), []).append(collectivity)

    def parse_row(self, row: CsvRow) -> _Row | None:
        collectivity = self.collectivity(row)
        arobases, kinds = row["arobases"], set(row["distinctions"] or ())
        kinds.update(kind.value for kind in DistinctionKind if row[kind.value])
        if DistinctionKind.TEN in kinds and arobases is not None and arobases != MAX_AROBASES:
            self.error(
                row.line,
                "distinctions",
                _("le titre « Territoire d'excellence numérique » est réservé aux labellisés 5 @."),
            )
        if collectivity is None:
            return None
        if other := self.first_line(collectivity.pk, row.line):
            self.error(
                row.line,
                "nom",
                _("%(name)s figure déjà ligne %(other)d.") % {"name": collectivity.name, "other": other},
            )
        return _Row(row.line, collectivity, arobases, kinds)

    def collectivity(self, row: CsvRow) -> Collectivity | None:
        """The collectivity a row names by INSEE code, else SIREN, else name and département."""
        code, siren, name, department = row["code_insee"], row["siren"], row["nom"], row["departement"]
        key = BY_NAME
        if code and not self.by_code.get(code) and len(self.by_name.get((name, department), [])) == 1:
            # An unknown code, but the name and département name one collectivity: matched so,
            # and counted apart in the result.
            code = siren = ""
        if code:
            key = BY_CODE
            found = self.by_code.get(code, [])
            column, values = "code_insee", {"code": code}
            missing = _("aucune collectivité n'a le code INSEE %(code)s.")
            several = _("plusieurs collectivités ont le code INSEE %(code)s : indiquez le SIREN.")
        elif siren:
            key = BY_SIREN
            found = [self.by_siren[siren]] if siren in self.by_siren else []
            column, values = "siren", {"siren": siren}
            missing = several = _("aucune collectivité n'a le SIREN %(siren)s.")
        elif not name:
            self.error(row.line, "nom", _("indiquez le code INSEE, le SIREN ou le nom et le département."))
            return None
        elif not department:
            self.error(
                row.line,
                "departement",
                _("sans code INSEE ni SIREN, le code du département est obligatoire."),
            )
            return None
        else:
            found = self.by_name.get((name, department), [])
            column, values = "nom", {"name": name, "department": department}
            missing = _("aucune collectivité « %(name)s » dans le département %(department)s.")
            several = _(
                "plusieurs collectivités « %(name)s » dans le département %(department)s : "
                "indiquez le code INSEE."
            )
        if len(found) == 1:
            self.matches[key] += 1
            return found[0]
        self.error(row.line, column, (several if found else missing) % values)
        return None

    def write(self, rows: list[_Row]) -> ImportResult:
        existing = {
            item.collectivity_id: item
            for item in Labellisation.objects.filter(edition=self.edition).prefetch_related("distinctions")
        }
        created = updated = unchanged = 0
        for row in rows:
            before = existing.get(row.collectivity.pk)
            old_kinds = {d.kind for d in before.distinctions.all()} if before else set()
            if before and before.arobases == row.arobases and old_kinds == row.distinctions:
                unchanged += 1
                continue
            labellisation, was_created = Labellisation.objects.update_or_create(
                collectivity=row.collectivity, edition=self.edition, defaults={"arobases": row.arobases}
            )
            Distinction.objects.filter(labellisation=labellisation).exclude(
                kind__in=row.distinctions
            ).delete()
            for kind in sorted(row.distinctions - old_kinds):
                Distinction.objects.get_or_create(labellisation=labellisation, kind=kind)
            if was_created:
                created += 1
            else:
                updated += 1
        return PalmaresImportResult(created, updated, unchanged, dict(self.matches))


#: The columns a palmarès file gives (the others are accepted: see the module's docstring).
COLUMNS = PalmaresImport.column_names()[:6]


def import_palmares(edition: LabelEdition, source: bytes | BinaryIO) -> PalmaresImportResult:
    """Create or update the labellisations of ``edition`` from CSV content, all rows or none.

    Raises :class:`PalmaresImportError` listing every problem (line, column, reason) when one row
    is wrong; the database is then left untouched. A collectivity's labellisation is created or
    updated (never duplicated) and its distinctions become exactly those of the file.
    """
    return PalmaresImport(edition).import_content(source)
