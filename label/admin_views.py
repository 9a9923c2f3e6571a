"""Admin views: import a palmarès CSV file into an edition; publish an edition's results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.csv_import.views import CsvImportView

from .forms import PalmaresImportForm
from .models import LabelEdition
from .services.imports import COLUMNS, import_palmares
from .services.publication import publish_results


class PalmaresImportView(CsvImportView):
    form_class = PalmaresImportForm
    permissions = ("label.add_labellisation", "label.change_labellisation")
    page_title = gettext_lazy("Importer un palmarès")
    columns = COLUMNS

    def run_import(self, form):
        return import_palmares(form.cleaned_data["edition"], form.cleaned_data["file"])

    def success_message(self, form, result):
        message = _(
            "Palmarès %(year)d importé : %(created)d labellisation(s) créée(s), "
            "%(updated)d mise(s) à jour, %(unchanged)d inchangée(s)."
        ) % {"year": form.cleaned_data["edition"].year, **result.counts()}
        if matches := result.matches_message():
            message += " " + _("Collectivités reconnues : %(matches)s.") % {"matches": matches}
        return message


import_palmares_view = PalmaresImportView.as_view()


class PublishResultsView(TemplateView):
    """Confirm, then publish an edition's results now (``services.publication``)."""

    template_name = "label/admin/publish_results.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("label.change_labeledition"):
            raise PermissionDenied
        self.edition = get_object_or_404(LabelEdition, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            edition=self.edition,
            page_title=_("Publier les résultats"),
            index_url=reverse("wagtailsnippets_label_labeledition:list"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            publish_results(self.edition)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Résultats de l'édition %(year)d publiés : le palmarès et ses données sont publics.")
                % {"year": self.edition.year},
            )
        return redirect("wagtailsnippets_label_labeledition:list")


publish_results_view = PublishResultsView.as_view()
