"""Admin views: the upload page of the sheet import (CSV or JSON); the moderation of a sheet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.csv_import.views import CsvImportView
from members.services import is_staff_manager

from .forms import ModerationForm
from .models import ActionSheet, SheetStatus
from .services import moderate
from .services.imports import COLUMNS, import_sheets

#: The decisions' URL parts (admin/atlaas/moderation/<pk>/<decision>/).
PUBLISH = "publier"
WITHDRAW = "retirer"


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


class ModerateSheetView(TemplateView):
    """Confirm a moderation decision on a sheet (publish or withdraw) with its reason, then
    apply it through ``services.moderate`` (POST only, CSRF-protected)."""

    template_name = "actions/admin/moderate.html"
    decisions = {
        PUBLISH: SheetStatus.PUBLISHED,
        WITHDRAW: SheetStatus.WITHDRAWN,
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_manager(request.user):
            raise PermissionDenied
        self.sheet = get_object_or_404(ActionSheet.objects.select_related("collectivity"), pk=kwargs["pk"])
        if kwargs["decision"] not in self.decisions:
            raise Http404
        self.status = self.decisions[kwargs["decision"]]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        withdraw = self.status == SheetStatus.WITHDRAWN
        if withdraw:
            title = _("Retirer de l'Atlaas")
        elif self.sheet.status == SheetStatus.PUBLISHED:
            title = _("Valider la fiche")
        else:
            title = _("Publier la fiche")
        kwargs.setdefault("form", ModerationForm())
        return super().get_context_data(
            sheet=self.sheet,
            page_title=title,
            withdraw=withdraw,
            index_url=reverse("wagtailsnippets_actions_actionsheet:list"),
            edit_url=reverse("wagtailsnippets_actions_actionsheet:edit", args=[self.sheet.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ModerationForm(request.POST)
        if form.is_valid():
            try:
                moderate(
                    actor=request.user,
                    sheet=self.sheet,
                    status=self.status,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                message = {
                    SheetStatus.WITHDRAWN: _("La fiche « %(title)s » est retirée de l'Atlaas."),
                    SheetStatus.PUBLISHED: _("La fiche « %(title)s » est publiée et relue."),
                }[self.status]
                messages.success(request, message % {"title": self.sheet.title})
                return redirect(reverse("wagtailsnippets_actions_actionsheet:list") + "?moderation=attente")
        return self.render_to_response(self.get_context_data(form=form), status=400)


moderate_sheet_view = ModerateSheetView.as_view()
