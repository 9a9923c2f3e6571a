"""Admin of the webinars: the sessions are pages (Pages menu); the registrations, the waiting
list and the attendance are listed here, filtered by session and status, exported as CSV or
XLSX; staff tick attendance. Registrations are made and cancelled through the services only,
so the admin neither adds nor deletes them."""

from __future__ import annotations

import django_filters
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Registration, SessionPage, Status


class AttendanceOnly(ModelPermissionPolicy):
    """Staff may view registrations and tick attendance; adding and deleting go through the
    registration services."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class RegistrationFilterSet(WagtailFilterSet):
    session = django_filters.ModelChoiceFilter(
        label=_("Séance"),
        queryset=SessionPage.objects.filter(locale__language_code="fr").order_by("-starts_at"),
    )
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Status.choices)
    attended = django_filters.BooleanFilter(label=_("Présente"))

    class Meta:
        model = Registration
        fields = ["session", "status", "attended"]


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Inscriptions")
    menu_order = 100
    url_prefix = "webinaires/inscriptions"
    list_display = [
        "name",
        "email",
        Column("session", label=_("Séance"), accessor="session"),
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status"),
        "collectivity_name",
        "attended",
        "created_at",
    ]
    list_export = [
        "session.title",
        "session.starts_at",
        "name",
        "email",
        "collectivity_name",
        "role",
        "get_status_display",
        "waiting_since",
        "attended",
        "created_at",
    ]
    export_headings = {
        "session.title": _("Séance"),
        "session.starts_at": _("Date"),
        "name": _("Nom"),
        "email": _("Adresse électronique"),
        "collectivity_name": _("Collectivité"),
        "role": _("Fonction"),
        "get_status_display": _("Statut"),
        "waiting_since": _("En attente depuis"),
        "attended": _("Présente"),
        "created_at": _("Inscrite le"),
    }
    export_filename = "inscriptions-webinaires"
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "collectivity_name"]
    ordering = ["session", "status", "waiting_since", "created_at"]
    list_per_page = 100
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [FieldPanel("attended")]

    @property
    def permission_policy(self):
        return AttendanceOnly(self.model)

    def get_queryset(self, request):
        return Registration.objects.select_related("session")


class AttendanceImportViewSet(ViewSet):
    """The menu entry of the attendance import (its URL is registered below)."""

    name = "webinars_attendance_import"
    menu_label = _("Présences")
    icon = "upload"
    menu_order = 200

    def get_menu_item(self, order=None):
        return MenuItem(
            self.menu_label,
            reverse_lazy("webinars_import_attendance"),
            icon_name=self.icon,
            order=order or self.menu_order,
        )


class WebinarsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Webinaires")
    menu_icon = "date"
    menu_order = 260
    items = (RegistrationViewSet, AttendanceImportViewSet)


register_snippet(WebinarsViewSetGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("webinaires/presences/", admin_views.import_attendance_view, name="webinars_import_attendance"),
        path(
            "webinaires/seances/<int:pk>/annuler/",
            admin_views.cancel_session_view,
            name="webinars_cancel_session",
        ),
        path(
            "webinaires/seances/<int:pk>/replay/", admin_views.send_replay_view, name="webinars_send_replay"
        ),
        path(
            "webinaires/seances/<int:pk>/ecrire/",
            admin_views.email_registrants_view,
            name="webinars_email_registrants",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def session_buttons(page, user, next_url=None):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if not isinstance(specific, SessionPage) or not user.has_perm("webinars.change_registration"):
        return
    if specific.cancelled_at is None:
        yield Button(_("Annuler la séance"), reverse("webinars_cancel_session", args=[page.pk]), priority=60)
    yield Button(_("Envoyer le replay"), reverse("webinars_send_replay", args=[page.pk]), priority=61)
    yield Button(_("Écrire aux inscrits"), reverse("webinars_email_registrants", args=[page.pk]), priority=62)


@hooks.register("construct_homepage_panels")
def add_webinars_panel(request, panels):
    from .panels import WebinarsPanel

    panels.append(WebinarsPanel())
