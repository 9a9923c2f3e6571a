"""Admin view: import a palmarès CSV file into an edition."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .forms import PalmaresImportForm
from .services.imports import COLUMNS, PalmaresImportError, import_palmares


def import_palmares_view(request):
    if not (
        request.user.has_perm("label.add_labellisation")
        and request.user.has_perm("label.change_labellisation")
    ):
        raise PermissionDenied
    row_errors = []
    if request.method == "POST":
        form = PalmaresImportForm(request.POST, request.FILES)
        if form.is_valid():
            edition = form.cleaned_data["edition"]
            try:
                result = import_palmares(edition, form.cleaned_data["file"].read())
            except PalmaresImportError as error:
                row_errors = error.row_errors
                messages.error(
                    request,
                    _(
                        "Le fichier contient %(count)d erreur(s) : rien n'a été enregistré. "
                        "Corrigez-les puis importez-le à nouveau."
                    )
                    % {"count": len(row_errors)},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Palmarès %(year)d importé : %(created)d labellisation(s) créée(s), "
                        "%(updated)d mise(s) à jour, %(unchanged)d inchangée(s)."
                    )
                    % {
                        "year": edition.year,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect(reverse("label_import"))
    else:
        form = PalmaresImportForm()
    return TemplateResponse(
        request,
        "label/admin/import.html",
        {"form": form, "row_errors": row_errors, "columns": COLUMNS, "page_title": _("Importer un palmarès")},
    )
