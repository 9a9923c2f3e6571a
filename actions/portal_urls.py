"""The sheets in the member portal, under /espace-membre/fiches-actions/ (config/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from . import portal_views, report_views

app_name = "actions_portal"

private = cache_control(private=True, no_store=True)

urlpatterns = [
    path("", private(portal_views.sheet_list), name="list"),
    path(_("nouvelle/"), private(portal_views.sheet_edit), name="create"),
    path(_("<int:pk>/modifier/"), private(portal_views.sheet_edit), name="edit"),
    path(_("bilan/"), private(report_views.report), name="report"),
    path(_("bilan/<int:year>/"), private(report_views.report), name="report_year"),
    path(_("bilan/<int:year>/pdf/"), private(report_views.report_pdf), name="report_pdf"),
    path(
        _("bilan/<int:year>/pdf/<int:collectivity>/"),
        private(report_views.report_download),
        name="report_download",
    ),
    path(_("<int:pk>/supprimer/"), private(portal_views.sheet_delete), name="delete"),
]
