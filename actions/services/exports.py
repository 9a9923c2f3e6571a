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


CHUNK = 2000
FIELDS = (
    "pk",
    "collectivity__name",
    "collectivity__insee_code",
    "collectivity__siren",
    "collectivity__region__name",
    "title",
    "summary",
    "started_on",
    "ended_on",
    "audience",
    "partners",
    "budget_band",
    "links",
)


def _rows() -> Iterator[list]:
    """The rows, by chunks of CHUNK sheets (two queries a chunk, plain tuples: memory does
    not grow with the number of sheets)."""
    published = ActionSheet.objects.published().order_by("pk")
    last = 0
    while True:
        chunk = list(published.filter(pk__gt=last).values_list(*FIELDS)[:CHUNK])
        if not chunk:
            return
        codes: dict[int, list[str]] = {}
        links = ActionSheet.services.through.objects.filter(
            actionsheet_id__gte=chunk[0][0], actionsheet_id__lte=chunk[-1][0]
        ).order_by("actionsheet_id", "service__code")
        for sheet_id, code in links.values_list("actionsheet_id", "service__code"):
            codes.setdefault(sheet_id, []).append(code)
        for (
            pk,
            name,
            insee,
            siren,
            region,
            title,
            summary,
            start,
            end,
            audience,
            partners,
            budget,
            links_text,
        ) in chunk:
            yield [
                pk,
                name,
                insee,
                siren,
                region or "",
                title,
                summary,
                codes.get(pk, []),
                start,
                end,
                audience,
                partners,
                budget,
                [line.strip() for line in links_text.splitlines() if line.strip()],
            ]
        last = chunk[-1][0]


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
