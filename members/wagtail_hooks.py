"""Wagtail admin of the members app (a "Adhérents" menu), audit log actions and the
members-only check on page serving."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import BasePage, SiteSettings
from territories.models import Category, Region

from . import services
from .access import can_open_members_only
from .models import Invitation, MemberRole, Membership, MembershipStatus, Role

# --- audit log -----------------------------------------------------------------------------


def _role_label(value: str | None) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return value or ""


class _MemberFormatter(LogFormatter):
    template = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.template.format(
            email=data.get("email", ""),
            role=_role_label(data.get("role")),
            previous=_role_label(data.get("from")),
            new=_role_label(data.get("to")),
        )


@hooks.register("register_log_actions")
def register_member_actions(actions):
    @actions.register_action(services.ACTION_INVITE)
    class Invite(_MemberFormatter):
        label = _("Adhérents : invitation")

        @property
        def template(self):
            return str(_("Invitation envoyée à {email} ({role})"))

    @actions.register_action(services.ACTION_ACCEPT)
    class Accept(_MemberFormatter):
        label = _("Adhérents : invitation acceptée")

        @property
        def template(self):
            return str(_("Invitation acceptée par {email} ({role})"))

    @actions.register_action(services.ACTION_CHANGE_ROLE)
    class ChangeRole(_MemberFormatter):
        label = _("Adhérents : changement de rôle")

        @property
        def template(self):
            return str(_("Rôle de {email} : {previous} → {new}"))

    @actions.register_action(services.ACTION_REMOVE)
    class Remove(_MemberFormatter):
        label = _("Adhérents : personne retirée")

        @property
        def template(self):
            return str(_("{email} ({role}) retiré de la collectivité"))

    @actions.register_action(services.ACTION_CLOSE_ACCOUNT)
    class Close(_MemberFormatter):
        label = _("Adhérents : compte fermé")

        @property
        def template(self):
            return str(_("Une personne a fermé son compte"))


# --- members-only pages --------------------------------------------------------------------


@hooks.register("before_serve_page")
def refuse_members_only(page, request, serve_args, serve_kwargs):
    """A members-only page answers 403 with how to join to whoever may not open it."""
    if not isinstance(page, BasePage) or not page.is_members_only():
        return None
    if can_open_members_only(request.user):
        return None
    join_page = SiteSettings.for_request(request).join_page
    if join_page is not None:
        join_page = join_page.localized
        join_page = join_page if join_page.live else None
    response = TemplateResponse(
        request, "members/members_only.html", {"page": page, "join_page": join_page}, status=403
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- admin viewsets ------------------------------------------------------------------------


class MembershipFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=MembershipStatus.choices, field_name="status_value", empty_label=_("Tous")
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Région"), queryset=Region.objects.all(), field_name="collectivity__region"
    )
    category = django_filters.ChoiceFilter(
        label=_("Catégorie du label"),
        choices=Category.choices,
        method="filter_category",
        empty_label=_("Toutes"),
    )
    population_min = django_filters.NumberFilter(
        field_name="collectivity__population", lookup_expr="gte", label=_("Population minimale")
    )
    population_max = django_filters.NumberFilter(
        field_name="collectivity__population", lookup_expr="lte", label=_("Population maximale")
    )

    class Meta:
        model = Membership
        fields = []

    def filter_category(self, queryset, name, value):
        from territories.models import Collectivity

        if not value:
            return queryset
        return queryset.filter(collectivity__in=Collectivity.objects.of_category(value))


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Adhésions")
    menu_order = 100
    url_prefix = "adherents/adhesions"
    list_display = [
        "collectivity",
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status_value"),
        Column("region", label=_("Région"), accessor="collectivity.region"),
        Column("population", label=_("Population"), accessor="collectivity.population"),
        "started_on",
        "paid_until",
    ]
    list_export = [
        "collectivity.name",
        "collectivity.insee_code",
        "collectivity.siren",
        "collectivity.region",
        "collectivity.population",
        "get_status_display",
        "started_on",
        "paid_until",
        "resigned",
    ]
    export_headings = {
        "collectivity.name": _("Collectivité"),
        "collectivity.insee_code": _("Code INSEE"),
        "collectivity.siren": _("SIREN"),
        "collectivity.region": _("Région"),
        "collectivity.population": _("Population"),
        "get_status_display": _("Statut"),
        "started_on": _("Adhérente depuis le"),
        "paid_until": _("Période payée jusqu'au"),
        "resigned": _("Démissionnaire"),
    }
    export_filename = "adhesions"
    filterset_class = MembershipFilterSet
    search_fields = ["collectivity__name", "collectivity__insee_code", "collectivity__siren"]
    ordering = ["collectivity__name"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = ["collectivity", "started_on", "paid_until", "resigned", "people", "created_at"]
    copy_view_enabled = False
    panels = [
        FieldPanel("collectivity"),
        FieldPanel("started_on"),
        FieldPanel("paid_until"),
        FieldPanel("resigned"),
    ]

    def get_queryset(self, request):
        return Membership.objects.with_status().select_related(
            "collectivity__region", "collectivity__department"
        )


class MemberRoleAdminForm(forms.ModelForm):
    """Staff edit roles with the portal's rule: a collectivity keeps at least one référent."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk and instance.role == Role.REFERENT:
            original = MemberRole.objects.get(pk=instance.pk)
            leaving = (
                cleaned.get("role") != Role.REFERENT or cleaned.get("collectivity") != original.collectivity
            )
            if (
                leaving
                and not MemberRole.objects.filter(collectivity=original.collectivity, role=Role.REFERENT)
                .exclude(pk=instance.pk)
                .exists()
            ):
                raise ValidationError(
                    _("%(collectivity)s n'aurait plus de référent : nommez d'abord un autre référent.")
                    % {"collectivity": original.collectivity.name}
                )
        return cleaned


class MemberRoleFilterSet(WagtailFilterSet):
    class Meta:
        model = MemberRole
        fields = ["role"]


class MemberRoleViewSet(SnippetViewSet):
    model = MemberRole
    icon = "user"
    menu_label = _("Personnes")
    menu_order = 200
    url_prefix = "adherents/personnes"
    list_display = ["user", "collectivity", "role", "created_at"]
    list_export = ["user.email", "user.first_name", "user.last_name", "collectivity.name", "get_role_display"]
    export_filename = "personnes-adherentes"
    filterset_class = MemberRoleFilterSet
    search_fields = ["user__email", "user__last_name", "collectivity__name"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [FieldPanel("user"), FieldPanel("collectivity"), FieldPanel("role")]

    def get_form_class(self, for_update=False):
        return forms.modelform_factory(
            MemberRole, form=MemberRoleAdminForm, fields=["user", "collectivity", "role"]
        )

    def get_queryset(self, request):
        return MemberRole.objects.select_related("user", "collectivity__department")


@hooks.register("before_delete_snippet")
def keep_a_referent(request, instances):
    """Refuse, in the admin, to delete a collectivity's last référent."""
    from django.contrib import messages
    from django.shortcuts import redirect

    for instance in instances:
        if isinstance(instance, MemberRole) and instance.role == Role.REFERENT:
            others = MemberRole.objects.filter(
                collectivity=instance.collectivity, role=Role.REFERENT
            ).exclude(pk__in=[i.pk for i in instances])
            if not others.exists():
                messages.error(
                    request,
                    _("%(collectivity)s n'aurait plus de référent : nommez d'abord un autre référent.")
                    % {"collectivity": instance.collectivity.name},
                )
                return redirect("wagtailsnippets_members_memberrole:list")
    return None


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    menu_order = 300
    url_prefix = "adherents/invitations"
    list_display = ["email", "collectivity", "role", "created_at", "expires_at", "used_at"]
    search_fields = ["email", "collectivity__name"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [FieldPanel("email"), FieldPanel("collectivity"), FieldPanel("role"), FieldPanel("language")]

    def get_queryset(self, request):
        return Invitation.objects.select_related("collectivity__department")


@hooks.register("after_create_snippet")
def send_admin_invitation(request, instance):
    """An invitation created by staff in the admin is sent like a référent's."""
    if isinstance(instance, Invitation):
        if instance.invited_by_id is None:
            Invitation.objects.filter(pk=instance.pk).update(invited_by=request.user)
            instance.invited_by = request.user
        services.send_invitation_email(instance)


class MembersViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Adhérents")
    menu_icon = "group"
    menu_name = "adherents"
    menu_order = 240
    items = (MembershipViewSet, MemberRoleViewSet, InvitationViewSet)


register_snippet(MembersViewSetGroup)
