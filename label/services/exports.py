"""The palmarès of an edition as open data (CSV and JSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from territories.models import Category, CollectivityKind

from ..models import LabelEdition, Labellisation

#: Columns of both exports, in order.
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
            "population": collectivity.population,
            "arobases": row.arobases,
            "distinctions": [distinction.kind for distinction in row.distinctions.all()],
        }


def palmares_csv(edition: LabelEdition) -> str:
    """The palmarès as CSV (``;`` separated, distinctions joined by ``|``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\n")
    writer.writeheader()
    for row in palmares_rows(edition):
        row["distinctions"] = "|".join(row["distinctions"])
        row["population"] = "" if row["population"] is None else row["population"]
        writer.writerow(row)
    return buffer.getvalue()


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
