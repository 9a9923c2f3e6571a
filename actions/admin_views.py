"""The admin upload page of the sheet import (CSV or JSON)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_import.views import CsvImportView

from .services.imports import COLUMNS, import_sheets


class SheetImportView(CsvImportView):
    permissions = ("actions.add_actionsheet", "actions.change_actionsheet")
    page_title = gettext_lazy("Importer des fiches actions (CSV ou JSON)")
    columns = COLUMNS

    def run_import(self, form):
        upload = form.cleaned_data["file"]
        return import_sheets(upload.read(), filename=upload.name)

    def success_message(self, form, result):
        return (
            _(
                "Import terminé, %(total)d fiche(s) : %(created)d créée(s), %(updated)d mise(s) à jour, "
                "%(unchanged)d inchangée(s)."
            )
            % result.counts()
        )
