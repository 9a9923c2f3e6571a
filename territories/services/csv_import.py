"""CSV import of collectivities, on the shared CSV import of :mod:`core.csv_import`.

:func:`import_collectivities` checks every row first and writes nothing when one row is wrong;
a clean file is written in one transaction and can be imported again without creating
duplicates.

Accepted file: UTF-8 (with or without BOM), ``;`` or ``,`` as delimiter, a header row with
these columns (order free, case and accents ignored)::

    nom;type;code_insee;siren;population;annee_population;departement;region;epci_siren

``region`` and ``epci_siren`` may be left out of the header. See :data:`COLUMNS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_import import Column, CsvImport, CsvImportError, CsvRow, ImportResult, Log, normalize_name
from core.csv_import.cells import positive_int

from ..models import EPCI_KINDS, GROUPING_KINDS, Collectivity, CollectivityKind, Department, Region
from ..validators import DEPARTMENT_CODE_RE, SIREN_RE, insee_code_consistency_error, insee_code_error
from .collectivities import unique_collectivity_slug

KIND_VALUES = tuple(CollectivityKind.values)


class CollectivityImportError(CsvImportError):
    """The file has errors; nothing was written. ``row_errors`` lists every one of them."""


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


def _kind_aliases() -> dict[str, str]:
    aliases = {normalize_name(str(label)): kind for kind, label in CollectivityKind.choices}
    aliases.update(
        {f"communaute_de_{k.split('_')[1]}": k for k in KIND_VALUES if k.startswith("communaute_")}
    )
    aliases["communaute_d_agglomeration"] = CollectivityKind.COMMUNAUTE_AGGLOMERATION
    aliases.update({kind: kind for kind in KIND_VALUES})
    return aliases


def _parse_name(text: str) -> str:
    if not text:
        raise ValidationError(_("le nom est obligatoire."))
    if len(text) > 200:
        raise ValidationError(_("le nom dépasse 200 caractères."))
    return text


def _parse_kind(text: str) -> str:
    kind = _kind_aliases().get(normalize_name(text))
    if kind is None:
        raise ValidationError(
            _("type « %(value)s » inconnu. Valeurs acceptées : %(values)s.")
            % {"value": text, "values": ", ".join(KIND_VALUES)}
        )
    return kind


def _parse_siren(text: str) -> str | None:
    siren = text.replace(" ", "")
    if siren and not SIREN_RE.match(siren):
        raise ValidationError(_("« %(value)s » n'est pas un SIREN : 9 chiffres attendus.") % {"value": siren})
    return siren or None


def _parse_year(text: str) -> int | None:
    year = positive_int(text)
    if year is not None and not 1800 <= year <= 2100:
        raise ValidationError(_("l'année doit s'écrire sur 4 chiffres, par exemple 2023."))
    return year


class CollectivityImport(CsvImport[_Row]):
    """Checks every row against the rules, the rest of the file and the database, then
    creates or updates the collectivities."""

    columns = (
        Column("nom", required=True, parse=_parse_name),
        Column("type", required=True, parse=_parse_kind),
        Column("code_insee", required=True, parse=str.upper),
        Column("siren", required=True, parse=_parse_siren),
        Column("population", required=True, parse=positive_int),
        Column("annee_population", required=True, parse=_parse_year),
        Column("departement", required=True, parse=str.upper),
        Column("region"),
        Column("epci_siren", parse=_parse_siren),
    )
    error_class = CollectivityImportError
    subject = gettext_lazy("des collectivités")
    nothing_written = gettext_lazy("aucune collectivité n'a été enregistrée.")
    noun = gettext_lazy("collectivité(s)")

    def prepare(self, rows: list[CsvRow]) -> None:
        self.departments = {d.code: d for d in Department.objects.select_related("region")}
        self.regions = {r.code: r for r in Region.objects.all()}

    def parse_row(self, row: CsvRow) -> _Row | None:
        line, kind = row.line, row["type"]
        department = self.department(row, kind)
        region = self.region(row, kind, department)

        insee_code = row["code_insee"] or None
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

        siren = row["siren"]
        if kind and kind != CollectivityKind.COMMUNE and not insee_code and not siren and row.ok("siren"):
            self.error(
                line,
                "siren",
                _("le SIREN est obligatoire pour reconnaître une collectivité qui n'a pas de code INSEE."),
            )
        epci_siren = row["epci_siren"]
        if epci_siren and kind and kind != CollectivityKind.COMMUNE:
            self.error(line, "epci_siren", _("seule une commune peut indiquer l'EPCI dont elle est membre."))
        return _Row(
            line,
            row["nom"],
            kind,
            insee_code,
            siren,
            row["population"],
            row["annee_population"],
            department,
            region,
            epci_siren,
        )

    def department(self, row: CsvRow, kind: str | None) -> Department | None:
        code = row["departement"]
        if code.isdigit() and len(code) == 1:
            code = code.zfill(2)  # "1" saved by a spreadsheet means "01"
        if not code:
            if kind and kind != CollectivityKind.REGION:
                self.error(row.line, "departement", _("le code INSEE du département est obligatoire."))
            return None
        department = self.departments.get(code)
        if department is None:
            reason = (
                _("département « %(code)s » inconnu.")
                if DEPARTMENT_CODE_RE.match(code)
                else _("« %(code)s » n'est pas un code de département (« 01 » à « 95 », « 2A », « 971 »…).")
            )
            self.error(row.line, "departement", reason % {"code": code})
        return department

    def region(self, row: CsvRow, kind: str | None, department: Department | None) -> Region | None:
        text = row["region"]
        if not text:
            if kind == CollectivityKind.REGION:
                self.error(
                    row.line, "region", _("le code INSEE de la région est obligatoire pour une région.")
                )
            return department.region if department else None
        region = self.regions.get(text.zfill(2))
        if region is None:
            self.error(row.line, "region", _("région « %(code)s » inconnue.") % {"code": text})
        elif department and department.region_id != region.pk:
            self.error(
                row.line,
                "region",
                _("le département %(department)s appartient à la région %(region)s (%(code)s).")
                % {"department": department, "region": department.region, "code": department.region.code},
            )
        return region or (department.region if department else None)

    def check_rows(self, rows: list[_Row]) -> None:
        self.check_duplicates(rows)
        self.match_existing(rows)
        self.check_epcis(rows)

    def check_duplicates(self, rows: list[_Row]) -> None:
        for row in rows:
            if row.insee_code and (other := self.first_line(("insee", row.kind, row.insee_code), row.line)):
                self.error(
                    row.line,
                    "code_insee",
                    _("code INSEE %(code)s déjà présent ligne %(other)d.")
                    % {"code": row.insee_code, "other": other},
                )
            if row.siren and (other := self.first_line(("siren", row.siren), row.line)):
                self.error(
                    row.line,
                    "siren",
                    _("SIREN %(siren)s déjà présent ligne %(other)d.") % {"siren": row.siren, "other": other},
                )

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

    def write(self, rows: list[_Row]) -> ImportResult:
        self.taken_slugs = set(Collectivity.objects.values_list("slug", flat=True))
        status = {row.line: self.save(row) for row in rows}
        for line in self.link_epcis(rows):
            if status[line] == "unchanged":
                status[line] = "updated"
        counts = list(status.values())
        return ImportResult(counts.count("created"), counts.count("updated"), counts.count("unchanged"))

    def save(self, row: _Row) -> str:
        """Create or update the row's collectivity; an empty cell keeps what is stored."""
        instance = row.instance = row.existing or Collectivity()
        new_values = {
            "name": row.name,
            "kind": row.kind,
            "department": row.department,
            "region": row.region,
            "insee_code": row.insee_code or instance.insee_code,
            "siren": row.siren or instance.siren,
            "population": instance.population if row.population is None else row.population,
            "population_year": instance.population_year
            if row.population_year is None
            else row.population_year,
        }
        changed = {name: value for name, value in new_values.items() if getattr(instance, name) != value}
        for name, value in changed.items():
            setattr(instance, name, value)
        if instance.pk is None:
            instance.slug = unique_collectivity_slug(
                row.name, row.department.code if row.department else None, taken=self.taken_slugs
            )
            self.taken_slugs.add(instance.slug)
            instance.save()
            return "created"
        if changed:
            instance.save()
            return "updated"
        return "unchanged"

    def link_epcis(self, rows: list[_Row]) -> list[int]:
        """Make each commune a member of its ``epci_siren``; return the lines that changed."""
        by_siren = {row.instance.siren: row.instance for row in rows if row.instance.siren}
        epci_sirens = {row.epci_siren for row in rows if row.epci_siren} - set(by_siren)
        by_siren.update({c.siren: c for c in Collectivity.objects.filter(siren__in=epci_sirens)})
        Membership = Collectivity.member_communes.through
        stored_links = set(
            Membership.objects.filter(
                to_collectivity__in=[row.instance.pk for row in rows if row.epci_siren]
            ).values_list("from_collectivity", "to_collectivity")
        )
        changed = []
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
            changed.append(row.line)
        return changed


def import_collectivities(source: bytes | BinaryIO, *, log: Log | None = None) -> ImportResult:
    """Create or update collectivities from CSV content, all rows or none.

    Every row is checked before anything is written; if any row is wrong,
    :class:`CollectivityImportError` lists every problem (line, column, reason) and the database
    is left untouched. A row is identified by its INSEE code, else by its SIREN: importing the
    same file again updates the rows it created and adds none. An empty cell never erases a
    value already stored. A commune's ``epci_siren`` makes it a member of that EPCI (found in
    the file or in the database); for an EPCI à fiscalité propre it leaves its former EPCI.
    """
    return CollectivityImport(log=log).import_content(source)


#: Every accepted column, in the documented order.
COLUMNS = CollectivityImport.column_names()
