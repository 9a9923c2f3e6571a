"""Wagtail admin of dues (a "Cotisations" menu): the tier table, applications, invoices.

Every write calls ``dues.services``; a service's ValidationError becomes the form's error.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from core.admin_views import CallsService

from . import admin_views
from .models import (
    ApplicationStatus,
    DuesTier,
    Invoice,
    InvoicePdf,
    InvoiceRun,
    InvoiceRunStatus,
    MembershipApplication,
    Payment,
)
from .money import format_eur
from .payment_admin import InvoiceIndexView, PaymentIndexView, bank_import, record_payment
from .services import applications as application_services
from .services import runs as run_services
from .services import tiers as tier_services


class TierCreateView(CallsService, CreateView):
    def call_service(self, form):
        return tier_services.save_tier(form.instance)


class TierEditView(CallsService, EditView):
    def call_service(self, form):
        return tier_services.save_tier(form.instance)


class DuesTierViewSet(SnippetViewSet):
    model = DuesTier
    icon = "table"
    menu_label = _("Barème")
    menu_order = 100
    url_prefix = "cotisations/tranches"
    add_view_class = TierCreateView
    edit_view_class = TierEditView
    list_display = [
        "year",
        "kind",
        Column("band", label=_("Tranche"), accessor="band_label"),
        Column("amount", label=_("Montant"), accessor="amount_display"),
        "illustrative",
    ]
    list_filter = ["year", "kind"]
    ordering = ["-year", "kind", "population_min"]
    list_per_page = 100
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("population_min"), FieldPanel("population_max")]),
        FieldPanel("amount_cents"),
        FieldPanel("illustrative"),
    ]


class ReadOnly(ModelPermissionPolicy):
    """Staff may list and inspect; rows are written by the services only (no edit form: an
    invoice never changes after issue)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "change")

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["change"])


class ListOnly(ModelPermissionPolicy):
    """Staff who may record payments list and export them; nothing is edited here."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "add")

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["add"])


class ApplicationViewSet(SnippetViewSet):
    model = MembershipApplication
    icon = "form"
    menu_label = _("Demandes")
    menu_order = 200
    url_prefix = "cotisations/demandes"
    list_display = [
        TitleColumn("collectivity", label=_("Collectivité"), url_name="dues_application_decide"),
        "contact_name",
        "status",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["collectivity__name", "contact_name", "contact_email"]
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50

    @property
    def permission_policy(self):
        return ReadOnly(self.model)

    def get_queryset(self, request):
        return MembershipApplication.objects.select_related("collectivity__department")


class InvoiceFilterSet(WagtailFilterSet):
    period_year = django_filters.NumberFilter(label=_("Année de cotisation"))

    class Meta:
        model = Invoice
        fields = ["period_year", "year", "kind"]


class InvoiceViewSet(SnippetViewSet):
    """The invoice ledger; exported as CSV (core.csv_export) or XLSX with what was paid."""

    model = Invoice
    icon = "doc-full"
    menu_label = _("Factures")
    menu_order = 300
    url_prefix = "cotisations/factures"
    index_view_class = InvoiceIndexView
    list_display = [
        "number",
        "kind",
        "collectivity",
        "period_year",
        Column("amount", label=_("Montant"), accessor="amount_display"),
        Column("paid", label=_("Payé"), accessor=lambda invoice: format_eur(invoice.paid_cents)),
        Column("state", label=_("État"), accessor=admin_views.state_label),
        "issued_on",
        "due_on",
        TitleColumn(
            "pdf",
            label=_("PDF Factur-X"),
            accessor=lambda invoice: _("Télécharger") if _pdf_ready(invoice) else "—",
            get_url=lambda invoice: (
                reverse("dues_invoice_pdf", args=[invoice.pk]) if _pdf_ready(invoice) else None
            ),
        ),
    ]
    list_export = [
        "number",
        "get_kind_display",
        "collectivity.name",
        "collectivity.insee_code",
        "siret",
        "chorus_service_code",
        "engagement_number",
        "period_year",
        "issued_on",
        "due_on",
        "amount_eur",
        "paid_eur",
        "remaining_eur",
        "state",
        "credited_invoice.number",
        "reason",
    ]
    export_headings = {
        "number": _("Numéro"),
        "get_kind_display": _("Type"),
        "collectivity.name": _("Collectivité"),
        "collectivity.insee_code": _("Code INSEE"),
        "siret": _("SIRET"),
        "chorus_service_code": _("Code service Chorus Pro"),
        "engagement_number": _("Numéro d'engagement"),
        "period_year": _("Année de cotisation"),
        "issued_on": _("Émise le"),
        "due_on": _("Échéance"),
        "amount_eur": _("Montant (€)"),
        "paid_eur": _("Payé (€)"),
        "remaining_eur": _("Reste dû (€)"),
        "state": _("État"),
        "credited_invoice.number": _("Facture annulée"),
        "reason": _("Motif"),
    }
    export_filename = "factures-cotisations"
    filterset_class = InvoiceFilterSet
    search_fields = ["number", "collectivity__name"]
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 100

    @property
    def permission_policy(self):
        return ReadOnly(self.model)

    def get_queryset(self, request):
        return Invoice.objects.with_payment_state().select_related(
            "collectivity__department", "pdf", "credited_invoice"
        )


class PaymentFilterSet(WagtailFilterSet):
    period_year = django_filters.NumberFilter(
        label=_("Année de cotisation"), field_name="invoice__period_year"
    )

    class Meta:
        model = Payment
        fields = ["period_year", "method"]


class PaymentViewSet(SnippetViewSet):
    """Every payment received (online or recorded by staff); exported as CSV or XLSX.
    Read only: payments are recorded from each invoice's "Paiements" page."""

    model = Payment
    icon = "tick"
    menu_label = _("Paiements")
    menu_order = 350
    url_prefix = "cotisations/paiements"
    index_view_class = PaymentIndexView
    list_display = [
        "received_on",
        Column("invoice", label=_("Facture"), accessor="invoice.number"),
        Column("collectivity", label=_("Collectivité"), accessor="invoice.collectivity.name"),
        Column("amount", label=_("Montant"), accessor="amount_display"),
        "method",
        "stripe_channel",
        "reference",
    ]
    list_export = [
        "received_on",
        "invoice.number",
        "invoice.period_year",
        "invoice.collectivity.name",
        "amount_eur",
        "get_method_display",
        "get_stripe_channel_display",
        "reference",
        "stripe_payment_intent",
        "recorded_by_name",
        "created_at",
    ]
    export_headings = {
        "received_on": _("Reçu le"),
        "invoice.number": _("Facture"),
        "invoice.period_year": _("Année de cotisation"),
        "invoice.collectivity.name": _("Collectivité"),
        "amount_eur": _("Montant (€)"),
        "get_method_display": _("Moyen de paiement"),
        "get_stripe_channel_display": _("Moyen en ligne"),
        "reference": _("Référence"),
        "stripe_payment_intent": _("Paiement Stripe"),
        "recorded_by_name": _("Enregistré par"),
        "created_at": _("Enregistré le"),
    }
    export_filename = "paiements-cotisations"
    filterset_class = PaymentFilterSet
    search_fields = ["reference", "invoice__number", "invoice__collectivity__name"]
    ordering = ["-received_on", "-created_at"]
    inspect_view_enabled = False
    copy_view_enabled = False
    list_per_page = 100

    @property
    def permission_policy(self):
        return ListOnly(self.model)

    def get_queryset(self, request):
        return Payment.objects.select_related("invoice__collectivity", "recorded_by")


def _pdf_ready(invoice: Invoice) -> bool:
    document = getattr(invoice, "pdf", None)
    return document is not None and document.revision == InvoicePdf.revision_of(invoice)


def invoice_pdf(request, pk: int):
    """The invoice's Factur-X PDF for staff (to deposit on Chorus Pro); never cached."""
    if not (request.user.is_active and request.user.has_perm("dues.change_invoice")):
        raise PermissionDenied
    from .views import pdf_response

    return pdf_response(get_object_or_404(Invoice, pk=pk))


def _can_issue(user) -> bool:
    return user.is_active and user.has_perm("dues.add_invoicerun")


class GatedMenuItem(MenuItem):
    """A menu item shown to the people its view lets in (``can_open(user)``)."""

    def __init__(self, *args, can_open, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_open = can_open

    def is_shown(self, request):
        return self.can_open(request.user)


class GatedViewSet(ViewSet):
    """A dues admin page whose menu entry only shows to those who may open it."""

    @staticmethod
    def can_open(user) -> bool:
        raise NotImplementedError

    def get_menu_item(self, order=None):
        return GatedMenuItem(
            self.menu_label,
            self.menu_url,
            icon_name=self.menu_icon,
            order=order or self.menu_order,
            can_open=self.can_open,
        )


class InvoiceRunViewSet(GatedViewSet):
    """Issue the year's calls for every member: a form, then the run's progress page."""

    name = "dues_invoice_runs"
    url_prefix = "cotisations/emission"
    icon = "mail"
    menu_label = _("Émettre les appels")
    menu_order = 400
    can_open = staticmethod(_can_issue)

    def get_urlpatterns(self):
        return [path("", invoice_runs, name="index"), path("<int:pk>/", invoice_run, name="detail")]


class DashboardViewSet(GatedViewSet):
    """The year's dues at a glance (dues.admin_views.dashboard)."""

    name = "dues_dashboard"
    url_prefix = "cotisations/tableau-de-bord"
    icon = "tasks"
    menu_label = _("Tableau de bord")
    menu_order = 50
    can_open = staticmethod(admin_views.can_view)

    def get_urlpatterns(self):
        return [path("", admin_views.dashboard, name="index")]


class DuesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Cotisations")
    menu_icon = "tasks"
    menu_order = 310
    items = (
        DashboardViewSet,
        DuesTierViewSet,
        ApplicationViewSet,
        InvoiceViewSet,
        PaymentViewSet,
        InvoiceRunViewSet,
    )


def invoice_runs(request):
    """Start the issue of a year's calls (a background task); the recent runs below."""
    if not _can_issue(request.user):
        raise PermissionDenied
    from django.utils import timezone

    error = None
    typed = request.POST.get("period_year", "")
    if request.method == "POST":
        try:
            run = run_services.start_run(actor=request.user, period_year=int(typed))
        except ValueError:
            error = _("Indiquez l'année de cotisation en chiffres, par exemple 2027.")
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("dues_invoice_runs:detail", pk=run.pk)
    return TemplateResponse(
        request,
        "dues/admin/invoice_runs.html",
        {
            "runs": InvoiceRun.objects.select_related("started_by")[:20],
            "error": error,
            "typed": typed or timezone.localdate().year,
            "members": run_services.members_to_invoice().count(),
        },
        status=400 if error else 200,
    )


def invoice_run(request, pk: int):
    """A run's progress; the page reloads itself (meta refresh, no JavaScript) until it is done."""
    if not _can_issue(request.user):
        raise PermissionDenied
    run = get_object_or_404(InvoiceRun.objects.select_related("started_by"), pk=pk)
    return TemplateResponse(
        request,
        "dues/admin/invoice_run.html",
        {"run": run, "running": run.status != InvoiceRunStatus.DONE},
    )


def _can_decide(user) -> bool:
    return user.is_active and user.has_perm("dues.change_membershipapplication")


def decide_application(request, pk: int):
    """Staff accept an application (membership + first invoice) or refuse it with a reason."""
    if not _can_decide(request.user):
        raise PermissionDenied
    application = get_object_or_404(MembershipApplication.objects.select_related("collectivity"), pk=pk)
    error = None
    if request.method == "POST" and application.status == ApplicationStatus.PENDING:
        try:
            if request.POST.get("decision") == "accept":
                application = application_services.accept_application(
                    actor=request.user, application=application
                )
                messages.success(
                    request,
                    _(
                        "Demande acceptée : adhésion créée (en attente du premier paiement) et appel "
                        "%(number)s émis."
                    )
                    % {"number": application.invoice.number},
                )
            else:
                application_services.refuse_application(
                    actor=request.user, application=application, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Demande refusée."))
            return redirect(MembershipApplication.snippet_viewset.get_url_name("list"))
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return TemplateResponse(
        request,
        "dues/admin/decide.html",
        {
            "application": application,
            "error": error,
            "pending": application.status == ApplicationStatus.PENDING,
        },
        status=400 if error else 200,
    )


def deliberation(request, pk: int):
    """The application's deliberation, to staff only; never cached by anyone."""
    if not _can_decide(request.user):
        raise PermissionDenied
    application = get_object_or_404(MembershipApplication, pk=pk)
    response = FileResponse(
        application.deliberation.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"deliberation-{application.collectivity.slug}.pdf",
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@hooks.register("register_admin_urls")
def dues_admin_urls():
    return [
        path("cotisations/factures/<int:pk>/paiements/", record_payment, name="dues_invoice_payment"),
        path("cotisations/releve-bancaire/", bank_import, name="dues_bank_import"),
        path("cotisations/demandes/<int:pk>/decision/", decide_application, name="dues_application_decide"),
        path(
            "cotisations/demandes/<int:pk>/deliberation/", deliberation, name="dues_application_deliberation"
        ),
        path("cotisations/factures/<int:pk>/pdf/", invoice_pdf, name="dues_invoice_pdf"),
        path(
            "cotisations/factures/<int:pk>/historique/",
            admin_views.invoice_history,
            name="dues_invoice_history",
        ),
    ]


@hooks.register("register_log_actions")
def register_dues_actions(actions):
    @actions.register_action(admin_views.ACTION_EMAILED)
    class Emailed(LogFormatter):
        label = _("Cotisations : facture envoyée")

        def format_message(self, log_entry):
            count = (log_entry.data or {}).get("count", 0)
            return ngettext(
                "Envoyée par courriel à %(count)d référent",
                "Envoyée par courriel à %(count)d référents",
                count,
            ) % {"count": count}


register_snippet(DuesViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_dues_panel(request, panels):
    from .panels import DuesPanel

    panels.append(DuesPanel())
