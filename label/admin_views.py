"""Admin view: import a palmarès CSV file into an edition."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_import.views import CsvImportView

from .forms import PalmaresImportForm
from .services.imports import COLUMNS, import_palmares


class PalmaresImportView(CsvImportView):
    form_class = PalmaresImportForm
    permissions = ("label.add_labellisation", "label.change_labellisation")
    page_title = gettext_lazy("Importer un palmarès")
    columns = COLUMNS

    def run_import(self, form):
        return import_palmares(form.cleaned_data["edition"], form.cleaned_data["file"])

    def success_message(self, form, result):
        return _(
            "Palmarès %(year)d importé : %(created)d labellisation(s) créée(s), "
            "%(updated)d mise(s) à jour, %(unchanged)d inchangée(s)."
        ) % {"year": form.cleaned_data["edition"].year, **result.counts()}


import_palmares_view = PalmaresImportView.as_view()
