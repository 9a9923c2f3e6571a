"""Views of the actions app outside the page tree: the open-data downloads, and the section
of a collectivity's published sheets on its label history page (label's hook)."""

from django.db import models
from django.http import StreamingHttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from territories.models import Collectivity

from .models import ActionSheet, Service, catalogue_page
from .services.exports import catalogue_csv_lines, catalogue_json_chunks

#: Sheets listed on a collectivity's history page; the catalogue lists them all.
SECTION_SIZE = 10


@require_GET
def catalogue_download(request, fmt: str):
    """Every published sheet, for a spreadsheet (CSV) or for programs (JSON)."""
    if fmt == "csv":
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in catalogue_csv_lines()), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            (chunk.encode("utf-8") for chunk in catalogue_json_chunks()),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="atlaas-fiches-actions.{fmt}"'
    return response


def collectivity_sheets_section(request, collectivity: Collectivity) -> str:
    """The collectivity's newest published sheets (title, services, dates) and a link to all of
    them in the catalogue, in four queries whatever their number; "" when it has none or when
    the catalogue has no page in the active language (nothing to link to)."""
    catalogue = catalogue_page()
    if catalogue is None:
        return ""
    sheets = ActionSheet.objects.published().filter(collectivity=collectivity)
    total = sheets.count()
    if not total:
        return ""
    rows = sheets.order_by("-started_on", "-pk").prefetch_related(
        models.Prefetch("services", queryset=Service.objects.order_by("name_fr"))
    )[:SECTION_SIZE]
    base_url = catalogue.get_url(request)
    return render_to_string(
        "actions/includes/collectivity_sheets.html",
        {
            "collectivity": collectivity,
            "sheets": rows,
            "total": total,
            "base_url": base_url,
            "all_url": base_url
            + catalogue.reverse_subpage("collectivity", kwargs={"slug": collectivity.slug}),
        },
        request=request,
    )
