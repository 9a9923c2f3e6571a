"""Wagtail admin of the members app (a "Adhérents" menu), audit log actions and the
members-only check on page serving."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from core.admin_views import CallsService
from core.models import BasePage, SiteSettings
from core.private_documents import is_private
from territories.filters import collectivity_filterset

from . import services
from .access import can_open_members_only, join_page_for
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

    @actions.register_action(services.ACTION_CANCEL_INVITATION)
    class CancelInvitation(_MemberFormatter):
        label = _("Adhérents : invitation annulée")

        @property
        def template(self):
            return str(_("Invitation de {email} ({role}) annulée"))

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
    join_page = join_page_for(request)
    response = TemplateResponse(
        request, "members/members_only.html", {"page": page, "join_page": join_page}, status=403
    )
    response["Cache-Control"] = "private, no-store"
    return response


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    """A document of the private collection (core.private_documents) goes to members only:
    anonymous people are sent to the login page, others who may not open members-only pages get
    a 403 that says why."""
    if not is_private(document) or can_open_members_only(request.user):
        return None
    if not request.user.is_authenticated:
        response = redirect_to_login(request.get_full_path())
    else:
        join_page = SiteSettings.for_request(request).join_page
        if join_page is not None:
            join_page = join_page.localized
            join_page = join_page if join_page.live else None
        response = TemplateResponse(
            request,
            "members/members_only_document.html",
            {"document": document, "join_page": join_page},
            status=403,
        )
    response["Cache-Control"] = "private, no-store"
    return response


# --- admin viewsets ------------------------------------------------------------------------


class MembershipFilterSet(collectivity_filterset(prefix="collectivity__")):
    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=MembershipStatus.choices, field_name="status_value", empty_label=_("Tous")
    )

    class Meta:
        model = Membership
        fields = []


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
        "status_reason",
        "started_on",
        "paid_until",
        "resigned_on",
        "resigned",
    ]
    export_headings = {
        "collectivity.name": _("Collectivité"),
        "collectivity.insee_code": _("Code INSEE"),
        "collectivity.siren": _("SIREN"),
        "collectivity.region": _("Région"),
        "collectivity.population": _("Population"),
        "get_status_display": _("Statut"),
        "status_reason": _("Pourquoi ce statut"),
        "started_on": _("Adhérente depuis le"),
        "paid_until": _("Période payée jusqu'au"),
        "resigned_on": _("Démission effective le"),
        "resigned": _("Démissionnaire"),
    }
    export_filename = "adhesions"
    filterset_class = MembershipFilterSet
    search_fields = ["collectivity__name", "collectivity__insee_code", "collectivity__siren"]
    ordering = ["collectivity__name"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "collectivity",
        "get_status_display",
        "status_reason",
        "started_on",
        "paid_until",
        "unpaid_invoice_number",
        "unpaid_due_on",
        "resigned",
        "resigned_on",
        "people",
        "created_at",
    ]
    copy_view_enabled = False
    # The paid period is written by the dues payments only (members.services.record_paid_through).
    panels = [
        FieldPanel("collectivity"),
        FieldPanel("started_on"),
        FieldPanel("paid_until", read_only=True),
        FieldPanel("resigned"),
        FieldPanel("resigned_on"),
    ]

    def get_queryset(self, request):
        return Membership.objects.with_status().select_related(
            "collectivity__region", "collectivity__department"
        )


class WithoutActions(ModelPermissionPolicy):
    """Django's model permissions, without the admin actions that no service backs."""

    def __init__(self, model, refused: frozenset[str]):
        super().__init__(model)
        self.refused = refused

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.refused]
        return super().users_with_any_permission(allowed) if allowed else get_user_model().objects.none()


class MemberRoleEditView(CallsService, EditView):
    def call_service(self, form):
        return services.change_role(
            actor=self.request.user, member_role=self.object, role=form.cleaned_data["role"]
        )


class MemberRoleFilterSet(WagtailFilterSet):
    class Meta:
        model = MemberRole
        fields = ["role"]


class MemberRoleViewSet(SnippetViewSet):
    """People and their roles. Staff change a role here (``change_role``) and remove a person
    (``remove_person``, see :func:`remove_people`); a person joins through an invitation."""

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
    edit_view_class = MemberRoleEditView
    panels = [FieldPanel("role")]

    @property
    def permission_policy(self):
        return WithoutActions(self.model, refused=frozenset({"add"}))

    def get_queryset(self, request):
        return MemberRole.objects.select_related("user", "collectivity__department")


@hooks.register("before_delete_snippet")
def remove_people(request, instances):
    """Deleting roles in the admin (one, or several at once) removes the people through
    ``remove_person``, all or none: a collectivity keeps a référent, and the log says who did it."""
    roles = [instance for instance in instances if isinstance(instance, MemberRole)]
    if not roles or request.method != "POST":
        return None  # the confirmation page
    try:
        with transaction.atomic():
            for member_role in roles:
                services.remove_person(actor=request.user, member_role=member_role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d personne retirée de sa collectivité.",
                "%(count)d personnes retirées de leur collectivité.",
                len(roles),
            )
            % {"count": len(roles)},
        )
    return redirect(MemberRole.snippet_viewset.get_url_name("list"))


class InvitationCreateView(CallsService, CreateView):
    def call_service(self, form):
        data = form.cleaned_data
        return services.invite(
            actor=self.request.user,
            collectivity=data["collectivity"],
            email=data["email"],
            role=data["role"],
            language=data["language"],
        )

    def get_success_buttons(self):
        return []


class InvitationViewSet(SnippetViewSet):
    """Invitations. Staff send one like a référent does (``invite``: checks, log, email once
    stored); a sent invitation is not edited: delete it and send another."""

    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    menu_order = 300
    url_prefix = "adherents/invitations"
    list_display = ["email", "collectivity", "role", "status", "created_at", "expires_at", "used_at"]
    search_fields = ["email", "collectivity__name"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "collectivity",
        "role",
        "status",
        "language",
        "invited_by",
        "created_at",
        "expires_at",
        "used_at",
        "used_by",
    ]
    add_view_class = InvitationCreateView
    panels = [FieldPanel("email"), FieldPanel("collectivity"), FieldPanel("role"), FieldPanel("language")]

    @property
    def permission_policy(self):
        return WithoutActions(self.model, refused=frozenset({"change"}))

    def get_queryset(self, request):
        return Invitation.objects.select_related("collectivity__department")


class MembersViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Adhérents")
    menu_icon = "group"
    menu_name = "adherents"
    menu_order = 240
    items = (MembershipViewSet, MemberRoleViewSet, InvitationViewSet)


register_snippet(MembersViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_members_panel(request, panels):
    from .panels import MembersPanel

    panels.append(MembersPanel())
