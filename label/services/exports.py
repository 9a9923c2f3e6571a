"""The palmarès of an edition as open data: CSV for a spreadsheet, JSON for programs.

The CSV (``palmares-<year>.csv``) is written for French Excel by :mod:`core.csv_export`
(UTF-8 with BOM, ``;``, formulas neutralised), with the headers of :data:`CSV_HEADERS`, types,
categories and distinctions in words. The JSON keeps the machine names of :data:`COLUMNS` and
values (``commune``, ``ville``, ``ten``) that programs rely on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.conf import settings
from django.utils import translation

from core.csv_export import csv_bytes
from territories.models import Category, CollectivityKind

from ..models import DistinctionKind, LabelEdition, Labellisation

#: Columns of the JSON export (``colonnes``, the keys of each labellisation), in order.
COLUMNS = (
    "nom",
    "type",
    "categorie",
    "code_insee",
    "siren",
    "departement",
    "region",
    "population",
    "arobases",
    "distinctions",
)


#: Headers of the CSV export, in words, one per column of :data:`COLUMNS`, in the same order:
#: the one place that names them (docs/decisions.md, "Spreadsheet-friendly CSV"). Those the
#: palmarès import reads (Nom, Département, Code INSEE, SIREN, Arobases, Distinctions) are
#: spelt so that the import's header normalisation gives its column names.
CSV_HEADERS = (
    "Nom",
    "Type",
    "Catégorie",
    "Code INSEE",
    "SIREN",
    "Département",
    "Région",
    "Population",
    "Arobases",
    "Distinctions",
)


def palmares_rows(edition: LabelEdition) -> Iterator[dict]:
    """One dict per labellisation of ``edition``, sorted by name (three queries)."""
    rows = Labellisation.objects.filter(edition=edition).for_listing().order_by("collectivity__name", "pk")
    for row in rows:
        collectivity = row.collectivity
        yield {
            "nom": collectivity.name,
            "type": collectivity.kind,
            "categorie": row.category_value or "",
            "code_insee": collectivity.insee_code or "",
            "siren": collectivity.siren or "",
            "departement": collectivity.department.code if collectivity.department else "",
            "region": collectivity.region.name if collectivity.region else "",
            "population": row.population_value,
            "arobases": row.arobases,
            "distinctions": [distinction.kind for distinction in row.distinctions.all()],
        }


def palmares_csv(edition: LabelEdition) -> bytes:
    """The palmarès for a spreadsheet: :data:`CSV_HEADERS`, kinds, categories and
    distinctions in words (distinctions separated by " | "). The file is the same whatever the
    visitor's language: the site's language (French), like its headers."""
    with translation.override(settings.LANGUAGE_CODE):
        kinds = {value: str(label) for value, label in CollectivityKind.choices}
        categories = {value: str(label) for value, label in Category.choices}
        distinctions = {value: str(label) for value, label in DistinctionKind.choices}
    rows = (
        [
            row["nom"],
            kinds.get(row["type"], row["type"]),
            categories.get(row["categorie"], row["categorie"]),
            row["code_insee"],
            row["siren"],
            row["departement"],
            row["region"],
            row["population"],
            row["arobases"],
            [distinctions.get(kind, kind) for kind in row["distinctions"]],
        ]
        for row in palmares_rows(edition)
    )
    return csv_bytes(CSV_HEADERS, rows)


def palmares_json(edition: LabelEdition) -> str:
    data = {
        "edition": {
            "annee": edition.year,
            "numero": edition.number,
            "date_ceremonie": edition.ceremony_date.isoformat() if edition.ceremony_date else None,
            "lieu_ceremonie": edition.ceremony_city,
            "congres": edition.congress_name,
            "numero_congres": edition.congress_number,
            "president_jury": edition.jury_president,
            "membres_jury": edition.jury_size,
            "presentation": edition.introduction,
        },
        "colonnes": list(COLUMNS),
        "valeurs": {
            "type": list(CollectivityKind.values),
            "categorie": list(Category.values),
        },
        "labellisations": list(palmares_rows(edition)),
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
