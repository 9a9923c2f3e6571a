"""The dues panel of the admin home: applications waiting for a decision and the year's calls
(issued, paid, overdue, amount still to collect). Registered by a hook line in wagtail_hooks.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.admin_panels import Cell, DashboardPanel, PanelTable, count

from .models import ApplicationStatus, Invoice, InvoiceKind, MembershipApplication
from .money import format_eur


class DuesPanel(DashboardPanel):
    name = "dues"
    icon = "tasks"
    order = 30
    permissions = ("dues.change_invoice", "dues.change_membershipapplication")

    @property
    def heading(self) -> str:
        return _("Cotisations")

    def get_tables(self, request):
        today = timezone.localdate()
        applications = reverse(MembershipApplication.snippet_viewset.get_url_name("list"))
        waiting = MembershipApplication.objects.filter(status=ApplicationStatus.PENDING).count()
        yield PanelTable(
            caption=_("Demandes d'adhésion"),
            columns=[_("Demandes"), _("Nombre")],
            rows=[
                [
                    Cell(_("En attente de décision")),
                    Cell(count(waiting), f"{applications}?status={ApplicationStatus.PENDING.value}"),
                ]
            ],
        )
        figures = Invoice.objects.filter(period_year=today.year).summary(today)
        invoice_list = reverse(Invoice.snippet_viewset.get_url_name("list"))
        invoices = f"{invoice_list}?kind={InvoiceKind.INVOICE.value}"
        yield PanelTable(
            caption=_("Appels de cotisation %(year)s (hors appels annulés par un avoir)")
            % {"year": today.year},
            columns=[_("Appels"), _("Nombre ou montant")],
            rows=[
                [Cell(_("Émis")), Cell(count(figures["issued"]), invoices)],
                [Cell(_("Payés")), Cell(count(figures["paid"]))],
                [Cell(_("En retard de paiement")), Cell(count(figures["overdue"]))],
                [Cell(_("Reste à encaisser")), Cell(format_eur(figures["to_collect"]))],
            ],
        )

    def get_links(self, request):
        yield Cell(
            _("Demandes d'adhésion"), reverse(MembershipApplication.snippet_viewset.get_url_name("list"))
        )
        yield Cell(_("Factures"), reverse(Invoice.snippet_viewset.get_url_name("list")))
