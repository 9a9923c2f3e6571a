"""Views of the actions app outside the page tree: the open-data downloads."""

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET

from .services.exports import catalogue_csv_lines, catalogue_json_chunks


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
