"""Views of the label app outside the page tree: the open-data downloads."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .access import mark_private, sees_embargoed
from .models import LabelEdition
from .services.exports import palmares_csv, palmares_json


@require_GET
def palmares_download(request, year: str, file_year: str, fmt: str):
    """``/label/palmares/<year>/palmares-<year>.csv`` (or ``.json``): the edition as open data.

    Served outside the page tree and the language prefix: the file is the same in every language.
    Under embargo, only the team (admin access) gets it.
    """
    if year != file_year:
        raise Http404
    staff = sees_embargoed(request)
    editions = LabelEdition.objects.all() if staff else LabelEdition.objects.public()
    edition = get_object_or_404(editions, year=year)
    if fmt == "csv":  # for a spreadsheet (core.csv_export); the JSON is for programs
        response = HttpResponse(palmares_csv(edition), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(palmares_json(edition), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="palmares-{year}.{fmt}"'
    return response if edition.is_public() else mark_private(response)
