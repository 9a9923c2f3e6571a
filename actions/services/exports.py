"""The open data of the Atlaas catalogue: every published sheet, CSV (core.csv_export) or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator

from core.csv_export import csv_lines

from ..models import ActionSheet

HEADERS = [
    "identifiant",
    "collectivite",
    "code_insee",
    "siren",
    "region",
    "titre",
    "resume",
    "services",
    "debut",
    "fin",
    "public",
    "partenaires",
    "budget",
    "liens",
]


def _rows() -> Iterator[list]:
    sheets = (
        ActionSheet.objects.published()
        .select_related("collectivity__region")
        .prefetch_related("services")
        .order_by("pk")
    )
    for sheet in sheets.iterator(chunk_size=2000):
        yield [
            sheet.pk,
            sheet.collectivity.name,
            sheet.collectivity.insee_code,
            sheet.collectivity.siren,
            sheet.collectivity.region.name if sheet.collectivity.region else "",
            sheet.title,
            sheet.summary,
            [service.code for service in sheet.services.all()],
            sheet.started_on,
            sheet.ended_on,
            sheet.audience,
            sheet.partners,
            sheet.budget_band,
            sheet.link_list,
        ]


def catalogue_csv_lines() -> Iterator[str]:
    return csv_lines(HEADERS, _rows())


def catalogue_json_chunks() -> Iterator[str]:
    """A JSON list of objects, streamed one sheet at a time."""
    yield "["
    first = True
    for row in _rows():
        item = dict(zip(HEADERS, row, strict=True))
        item["debut"] = item["debut"].isoformat()
        item["fin"] = item["fin"].isoformat() if item["fin"] else None
        yield ("" if first else ",") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]"
