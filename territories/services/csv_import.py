"""CSV import of collectivities.

:func:`import_collectivities` checks every row first and writes nothing when one row is wrong;
a clean file is written in one transaction and can be imported again without creating
duplicates.

Accepted file: UTF-8 (with or without BOM), ``;`` or ``,`` as delimiter, a header row with
these columns (order free, case and accents ignored)::

    nom;type;code_insee;siren;population;annee_population;departement;region;epci_siren

``region`` and ``epci_siren`` may be left out of the header. See :data:`COLUMNS`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import EPCI_KINDS, GROUPING_KINDS, Collectivity, CollectivityKind, Department, Region
from ..validators import DEPARTMENT_CODE_RE, SIREN_RE, insee_code_consistency_error, insee_code_error
from .collectivities import unique_collectivity_slug

Log = Callable[[str], None]

#: Every accepted column, in the documented order.
COLUMNS = (
    "nom",
    "type",
    "code_insee",
    "siren",
    "population",
    "annee_population",
    "departement",
    "region",
    "epci_siren",
)
#: Columns the header must contain (their cells may still be empty when the rules allow it).
REQUIRED_COLUMNS = COLUMNS[:7]
KIND_VALUES = tuple(CollectivityKind.values)


@dataclass(frozen=True)
class ImportRowError:
    """One problem in the file: its line (1 is the header), its column and what to fix."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _("ligne %(line)d, colonne %(column)s : %(reason)s") % {
                "line": self.line,
                "column": self.column,
                "reason": self.reason,
            }
        return _("ligne %(line)d : %(reason)s") % {"line": self.line, "reason": self.reason}


class CollectivityImportError(ValidationError):
    """The file has errors; nothing was written. ``row_errors`` lists every one of them."""

    def __init__(self, row_errors: list[ImportRowError]):
        self.row_errors = row_errors
        super().__init__([str(error) for error in row_errors], code="invalid_import")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class _Row:
    """A checked row, ready to be written."""

    line: int
    name: str
    kind: str
    insee_code: str | None
    siren: str | None
    population: int | None
    population_year: int | None
    department: Department | None
    region: Region | None
    epci_siren: str | None
    existing: Collectivity | None = None
    instance: Collectivity | None = field(default=None, repr=False)


def import_collectivities_file(path: Path | str, *, log: Log | None = None) -> ImportResult:
    """Import the CSV file at ``path`` (see :func:`import_collectivities`)."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(
            _("Fichier introuvable : %(path)s. Vérifiez le chemin du fichier CSV.") % {"path": path}
        )
    with path.open("rb") as handle:
        return import_collectivities(handle, log=log)


def import_collectivities(source: bytes | BinaryIO, *, log: Log | None = None) -> ImportResult:
    """Create or update collectivities from CSV content, all rows or none.

    Every row is checked before anything is written; if any row is wrong,
    :class:`CollectivityImportError` lists every problem (line, column, reason) and the database
    is left untouched. A row is identified by its INSEE code, else by its SIREN: importing the
    same file again updates the rows it created and adds none. An empty cell never erases a
    value already stored. A commune's ``epci_siren`` makes it a member of that EPCI (found in
    the file or in the database); for an EPCI à fiscalité propre it leaves its former EPCI.
    """
    log = log or (lambda message: None)
    content = source if isinstance(source, bytes) else source.read()
    rows = _check_file(content, log)
    with transaction.atomic():
        return _write(rows, log)


def _normalize_header(value: str) -> str:
    value = unicodedata.normalize("NFKD", value.strip().lower())
    value = "".join(char for char in value if not unicodedata.combining(char))
    return value.replace(" ", "_").replace("-", "_")


def _normalize_kind(value: str) -> str:
    value = _normalize_header(value).replace("'", "_")
    aliases = {
        _normalize_header(str(label)).replace("'", "_"): kind for kind, label in CollectivityKind.choices
    }
    aliases.update(
        {f"communaute_de_{k.split('_')[1]}": k for k in KIND_VALUES if k.startswith("communaute_")}
    )
    aliases.update({"communaute_d_agglomeration": CollectivityKind.COMMUNAUTE_AGGLOMERATION})
    return value if value in KIND_VALUES else aliases.get(value, "")


def _decode(content: bytes) -> tuple[str | None, ImportRowError | None]:
    try:
        return content.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        return None, ImportRowError(
            line,
            "",
            _(
                "le fichier n'est pas encodé en UTF-8. Enregistrez-le au format « CSV UTF-8 » "
                "puis importez-le à nouveau."
            ),
        )


def _check_file(content: bytes, log: Log) -> list[_Row]:
    text, error = _decode(content)
    if error:
        raise CollectivityImportError([error])
    lines = text.splitlines()
    first_line = next((line for line in lines if line.strip()), "")
    if not first_line:
        raise CollectivityImportError([ImportRowError(1, "", _("le fichier est vide."))])
    # Sniff the delimiter on the header, whose names contain neither ";" nor ",".
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    while not any(header):
        header = [_normalize_header(name) for name in next(reader)]
    header_line = reader.line_num

    errors: list[ImportRowError] = []
    for position, name in enumerate(header, start=1):
        if name not in COLUMNS:
            errors.append(
                ImportRowError(
                    header_line,
                    name or str(position),
                    _("colonne inconnue. Colonnes acceptées : %(columns)s.")
                    % {"columns": ", ".join(COLUMNS)},
                )
            )
        elif header.index(name) != position - 1:
            errors.append(
                ImportRowError(header_line, name, _("cette colonne apparaît deux fois dans l'en-tête."))
            )
    errors.extend(
        ImportRowError(header_line, name, _("colonne obligatoire absente de l'en-tête."))
        for name in REQUIRED_COLUMNS
        if name not in header
    )
    if errors:
        raise CollectivityImportError(errors)

    raw_rows: list[tuple[int, dict[str, str]]] = []
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
                raw_rows.append((line, values))
        line = reader.line_num + 1
    log(
        ngettext("%(count)d ligne lue, vérification…", "%(count)d lignes lues, vérification…", len(raw_rows))
        % {"count": len(raw_rows)}
    )
    rows = _RowChecker(raw_rows, errors).check()
    if errors:
        errors.sort(
            key=lambda error: (error.line, COLUMNS.index(error.column) if error.column in COLUMNS else -1)
        )
        raise CollectivityImportError(errors)
    return rows


class _RowChecker:
    """Checks every row against the rules, the rest of the file and the database."""

    def __init__(self, raw_rows: list[tuple[int, dict[str, str]]], errors: list[ImportRowError]):
        self.raw_rows = raw_rows
        self.errors = errors
        self.departments = {d.code: d for d in Department.objects.select_related("region")}
        self.regions = {r.code: r for r in Region.objects.all()}

    def error(self, line: int, column: str, reason: str) -> None:
        self.errors.append(ImportRowError(line, column, reason))

    def check(self) -> list[_Row]:
        rows = [row for line, values in self.raw_rows if (row := self.check_row(line, values))]
        self.check_duplicates(rows)
        self.match_existing(rows)
        self.check_epcis(rows)
        return rows

    def check_row(self, line: int, values: dict[str, str]) -> _Row | None:
        errors_before = len(self.errors)
        name = values["nom"]
        if not name:
            self.error(line, "nom", _("le nom est obligatoire."))
        elif len(name) > 200:
            self.error(line, "nom", _("le nom dépasse 200 caractères."))

        kind = _normalize_kind(values["type"])
        if not kind:
            self.error(
                line,
                "type",
                _("type « %(value)s » inconnu. Valeurs acceptées : %(values)s.")
                % {"value": values["type"], "values": ", ".join(KIND_VALUES)},
            )

        department = None
        department_code = values["departement"].upper()
        if department_code.isdigit() and len(department_code) == 1:
            department_code = department_code.zfill(2)  # "1" saved by a spreadsheet means "01"
        if department_code:
            department = self.departments.get(department_code)
            if department is None:
                reason = (
                    _("département « %(code)s » inconnu.")
                    if DEPARTMENT_CODE_RE.match(department_code)
                    else _(
                        "« %(code)s » n'est pas un code de département (« 01 » à « 95 », « 2A », « 971 »…)."
                    )
                )
                self.error(line, "departement", reason % {"code": department_code})
        elif kind and kind != CollectivityKind.REGION:
            self.error(line, "departement", _("le code INSEE du département est obligatoire."))

        region = None
        if region_code := (values["region"].zfill(2) if values["region"] else ""):
            region = self.regions.get(region_code)
            if region is None:
                self.error(line, "region", _("région « %(code)s » inconnue.") % {"code": values["region"]})
            elif department and department.region_id != region.pk:
                self.error(
                    line,
                    "region",
                    _("le département %(department)s appartient à la région %(region)s (%(code)s).")
                    % {"department": department, "region": department.region, "code": department.region.code},
                )
        elif kind == CollectivityKind.REGION:
            self.error(line, "region", _("le code INSEE de la région est obligatoire pour une région."))
        region = region or (department.region if department else None)

        insee_code = values["code_insee"].upper() or None
        if insee_code and insee_code.isdigit() and len(insee_code) == 4 and kind == CollectivityKind.COMMUNE:
            insee_code = insee_code.zfill(5)  # "1001" saved by a spreadsheet means "01001"
        if insee_code and kind:
            message = insee_code_error(kind, insee_code) or insee_code_consistency_error(
                kind, insee_code, department, region
            )
            if message:
                self.error(line, "code_insee", message)
        elif not insee_code and kind == CollectivityKind.COMMUNE:
            self.error(line, "code_insee", _("le code INSEE est obligatoire pour une commune."))

        siren = values["siren"].replace(" ", "") or None
        if siren and not SIREN_RE.match(siren):
            self.error(
                line, "siren", _("« %(value)s » n'est pas un SIREN : 9 chiffres attendus.") % {"value": siren}
            )
        if kind and kind != CollectivityKind.COMMUNE and not insee_code and not siren:
            self.error(
                line,
                "siren",
                _("le SIREN est obligatoire pour reconnaître une collectivité qui n'a pas de code INSEE."),
            )

        population = self.parse_int(line, "population", values["population"])
        population_year = self.parse_int(line, "annee_population", values["annee_population"])
        if population_year is not None and not 1800 <= population_year <= 2100:
            self.error(line, "annee_population", _("l'année doit s'écrire sur 4 chiffres, par exemple 2023."))

        epci_siren = values["epci_siren"].replace(" ", "") or None
        if epci_siren:
            if kind and kind != CollectivityKind.COMMUNE:
                self.error(
                    line, "epci_siren", _("seule une commune peut indiquer l'EPCI dont elle est membre.")
                )
            elif not SIREN_RE.match(epci_siren):
                self.error(
                    line,
                    "epci_siren",
                    _("« %(value)s » n'est pas un SIREN : 9 chiffres attendus.") % {"value": epci_siren},
                )

        if len(self.errors) > errors_before:
            return None
        return _Row(
            line, name, kind, insee_code, siren, population, population_year, department, region, epci_siren
        )

    def parse_int(self, line: int, column: str, value: str) -> int | None:
        value = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if not value:
            return None
        if not value.isdigit():
            self.error(
                line,
                column,
                _("« %(value)s » n'est pas un nombre entier positif (chiffres seulement, sans décimale).")
                % {"value": value},
            )
            return None
        return int(value)

    def check_duplicates(self, rows: list[_Row]) -> None:
        seen_insee: dict[tuple[str, str], int] = {}
        seen_siren: dict[str, int] = {}
        for row in rows:
            if row.insee_code:
                key = (row.kind, row.insee_code)
                if key in seen_insee:
                    self.error(
                        row.line,
                        "code_insee",
                        _("code INSEE %(code)s déjà présent ligne %(other)d.")
                        % {"code": row.insee_code, "other": seen_insee[key]},
                    )
                seen_insee.setdefault(key, row.line)
            if row.siren:
                if row.siren in seen_siren:
                    self.error(
                        row.line,
                        "siren",
                        _("SIREN %(siren)s déjà présent ligne %(other)d.")
                        % {"siren": row.siren, "other": seen_siren[row.siren]},
                    )
                seen_siren.setdefault(row.siren, row.line)

    def match_existing(self, rows: list[_Row]) -> None:
        """Find the stored collectivity of each row and check conflicts.

        A row is its stored collectivity of the same INSEE code, else of the same SIREN; failing
        both, a stored collectivity without any code of the same kind, name and département
        (entered by hand or by the demo data) is completed rather than duplicated.
        """
        codes = {row.insee_code for row in rows if row.insee_code}
        sirens = {row.siren for row in rows if row.siren}
        stored = (
            Collectivity.objects.filter(insee_code__in=codes) | Collectivity.objects.filter(siren__in=sirens)
        ).select_related("department", "region")
        by_insee = {(c.kind, c.insee_code): c for c in stored if c.insee_code}
        by_siren = {c.siren: c for c in stored if c.siren}
        codeless: dict[tuple[str, str, int | None], list[Collectivity]] = {}
        for collectivity in Collectivity.objects.filter(
            name__in={row.name for row in rows}, insee_code__isnull=True, siren__isnull=True
        ).select_related("department", "region"):
            key = (collectivity.kind, collectivity.name.casefold(), collectivity.department_id)
            codeless.setdefault(key, []).append(collectivity)
        adopted: set[int] = set()
        for row in rows:
            same_code = by_insee.get((row.kind, row.insee_code)) if row.insee_code else None
            same_siren = by_siren.get(row.siren) if row.siren else None
            if same_code and same_siren and same_code.pk != same_siren.pk:
                self.error(
                    row.line,
                    "siren",
                    _("ce SIREN est déjà celui de « %(other)s », une autre collectivité.")
                    % {"other": same_siren},
                )
            elif same_siren and not same_code and row.insee_code and same_siren.insee_code:
                self.error(
                    row.line,
                    "siren",
                    _("ce SIREN est déjà celui de « %(other)s », dont le code INSEE est %(code)s.")
                    % {"other": same_siren, "code": same_siren.insee_code},
                )
            row.existing = same_code or same_siren
            if row.existing is None:
                key = (row.kind, row.name.casefold(), row.department.pk if row.department else None)
                candidates = [c for c in codeless.get(key, []) if c.pk not in adopted]
                if len(candidates) == 1:
                    row.existing = candidates[0]
                    adopted.add(row.existing.pk)
        with_members = set(
            Collectivity.member_communes.through.objects.filter(
                from_collectivity__in=[row.existing.pk for row in rows if row.existing]
            ).values_list("from_collectivity", flat=True)
        )
        for row in rows:
            if row.existing and row.kind not in GROUPING_KINDS and row.existing.pk in with_members:
                self.error(
                    row.line,
                    "type",
                    _(
                        "« %(name)s » a des communes membres : son type doit rester "
                        "une intercommunalité ou un syndicat."
                    )
                    % {"name": row.existing},
                )

    def check_epcis(self, rows: list[_Row]) -> None:
        in_file = {row.siren: row.kind for row in rows if row.siren}
        wanted = {row.epci_siren for row in rows if row.epci_siren} - set(in_file)
        stored = dict(Collectivity.objects.filter(siren__in=wanted).values_list("siren", "kind"))
        for row in rows:
            if not row.epci_siren:
                continue
            kind = in_file.get(row.epci_siren) or stored.get(row.epci_siren)
            if kind is None:
                self.error(
                    row.line,
                    "epci_siren",
                    _("EPCI inconnu : aucun EPCI de SIREN %(siren)s dans le fichier ni dans la base.")
                    % {"siren": row.epci_siren},
                )
            elif kind not in GROUPING_KINDS:
                self.error(
                    row.line,
                    "epci_siren",
                    _("le SIREN %(siren)s est celui d'une collectivité de type « %(kind)s », pas d'un EPCI.")
                    % {"siren": row.epci_siren, "kind": CollectivityKind(kind).label},
                )


_WRITTEN_FIELDS = (
    "name",
    "kind",
    "insee_code",
    "siren",
    "population",
    "population_year",
    "department",
    "region",
)


def _write(rows: list[_Row], log: Log) -> ImportResult:
    log(_("Aucune erreur : enregistrement…"))
    taken_slugs = set(Collectivity.objects.values_list("slug", flat=True))
    status: dict[int, str] = {}
    by_siren: dict[str, Collectivity] = {}
    for row in rows:
        instance = row.existing or Collectivity()
        new_values = {
            "name": row.name,
            "kind": row.kind,
            "department": row.department,
            "region": row.region,
            # An empty cell keeps what is stored.
            "insee_code": row.insee_code or instance.insee_code,
            "siren": row.siren or instance.siren,
            "population": row.population if row.population is not None else instance.population,
            "population_year": row.population_year
            if row.population_year is not None
            else instance.population_year,
        }
        changed = [name for name in _WRITTEN_FIELDS if getattr(instance, name) != new_values[name]]
        for name in changed:
            setattr(instance, name, new_values[name])
        if instance.pk is None:
            instance.slug = unique_collectivity_slug(
                row.name, row.department.code if row.department else None, taken=taken_slugs
            )
            taken_slugs.add(instance.slug)
            instance.save()
            status[row.line] = "created"
        elif changed:
            instance.save()
            status[row.line] = "updated"
        else:
            status[row.line] = "unchanged"
        row.instance = instance
        if instance.siren:
            by_siren[instance.siren] = instance

    epci_sirens = {row.epci_siren for row in rows if row.epci_siren} - set(by_siren)
    by_siren.update({c.siren: c for c in Collectivity.objects.filter(siren__in=epci_sirens)})
    Membership = Collectivity.member_communes.through
    members = [row.instance.pk for row in rows if row.epci_siren]
    stored_links = set(
        Membership.objects.filter(to_collectivity__in=members).values_list(
            "from_collectivity", "to_collectivity"
        )
    )
    for row in rows:
        if not row.epci_siren:
            continue
        grouping, commune = by_siren[row.epci_siren], row.instance
        if (grouping.pk, commune.pk) in stored_links:
            continue
        if grouping.kind in EPCI_KINDS:
            # A commune belongs to a single EPCI à fiscalité propre: the file moves it.
            Membership.objects.filter(
                to_collectivity=commune, from_collectivity__kind__in=EPCI_KINDS
            ).delete()
        grouping.member_communes.add(commune)
        if status[row.line] == "unchanged":
            status[row.line] = "updated"

    counts = list(status.values())
    return ImportResult(counts.count("created"), counts.count("updated"), counts.count("unchanged"))
