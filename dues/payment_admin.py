"""Admin of payments: staff record an offline payment (transfer, mandat administratif, cheque)
for an invoice, from the invoice listing; the page lists the invoice's payments and Stripe
events. Wired in wagtail_hooks.py."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.snippets.views.snippets import IndexView

from core.csv_import import CsvImportError
from core.csv_import.forms import CsvImportForm

from . import admin_views
from .models import Invoice, InvoiceKind
from .money import format_eur
from .payment_models import OFFLINE_METHODS
from .services import bank_import as bank_services
from .services import payments

BANK_SALT = "dues.bank_import"


class OfflinePaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Montant reçu (€)"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        help_text=_("Par exemple 450,00."),
    )
    method = forms.ChoiceField(label=_("Moyen de paiement"), choices=OFFLINE_METHODS)
    received_on = forms.DateField(label=_("Reçu le"), widget=AdminDateInput, initial=timezone.localdate)
    reference = forms.CharField(
        label=_("Référence"),
        max_length=100,
        required=False,
        help_text=_("Numéro de mandat, libellé du virement ou numéro du chèque."),
    )

    def amount_cents(self) -> int:
        return int((self.cleaned_data["amount"] * Decimal(100)).to_integral_value())


def can_record(user) -> bool:
    return user.is_active and user.has_perm("dues.add_payment")


def record_payment(request, pk: int):
    if not can_record(request.user):
        raise PermissionDenied
    invoice = get_object_or_404(Invoice.objects.select_related("collectivity"), pk=pk)
    form = OfflinePaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment = payments.record_offline_payment(
                invoice=invoice,
                amount_cents=form.amount_cents(),
                method=form.cleaned_data["method"],
                received_on=form.cleaned_data["received_on"],
                reference=form.cleaned_data["reference"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Paiement de %(amount)s enregistré sur l'appel %(number)s.")
                % {"amount": payment.amount_display(), "number": invoice.number},
            )
            return redirect(reverse("dues_invoice_payment", args=[invoice.pk]))
    return TemplateResponse(
        request,
        "dues/admin/record_payment.html",
        {
            "invoice": invoice,
            "form": form,
            "payments": invoice.payments.select_related("recorded_by"),
            "events": invoice.stripe_events.all(),
            "paid": format_eur(payments.amount_paid(invoice)),
            "remaining": format_eur(payments.remaining_due(invoice)),
            "payable": payments.payable(invoice),
        },
        status=400 if form.errors else 200,
    )


def bank_import(request):
    """Upload the bank's CSV statement, see the proposed matches, confirm the ones to record."""
    if not can_record(request.user):
        raise PermissionDenied
    form = CsvImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": [column.name for column in bank_services.BankStatement.columns]}
    status = 200
    if request.method == "POST" and "statement" in request.POST:
        try:
            stored = signing.loads(request.POST["statement"], salt=BANK_SALT, max_age=3600)
            chosen = {int(index) for index in request.POST.getlist("line")}
            lines = [
                (
                    invoice_id,
                    bank_services.StatementLine(line, datetime.date.fromisoformat(day), label, cents),
                )
                for index, (invoice_id, line, day, label, cents) in enumerate(stored)
                if index in chosen
            ]
            if not lines:
                raise ValidationError(_("Cochez au moins une ligne à enregistrer."))
            recorded = bank_services.confirm(lines, actor=request.user)
        except signing.BadSignature:
            context["error"] = _("Le relevé proposé a expiré : importez le fichier à nouveau.")
            status = 400
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
            status = 400
        else:
            messages.success(request, _("%(count)d paiement(s) enregistré(s).") % {"count": len(recorded)})
            return redirect(reverse("dues_bank_import"))
    elif request.method == "POST" and form.is_valid():
        try:
            proposals = bank_services.propose(bank_services.read_statement(form.cleaned_data["file"].read()))
        except CsvImportError as error:
            context["import_error"] = error
            status = 400
        except ValidationError as error:
            form.add_error("file", error)
            status = 400
        else:
            matched = [p for p in proposals if p.matched]
            context["any_match"] = bool(matched)
            context["statement"] = signing.dumps(
                [
                    (
                        p.invoice.pk,
                        p.statement.line,
                        p.statement.date.isoformat(),
                        p.statement.label,
                        p.statement.amount_cents,
                    )
                    for p in matched
                ],
                salt=BANK_SALT,
            )
            context["indexes"] = {id(p): index for index, p in enumerate(matched)}
            context["rows"] = [(p, context["indexes"].get(id(p))) for p in proposals]
    elif request.method == "POST":
        status = 400
    return TemplateResponse(request, "dues/admin/bank_import.html", context, status=status)


class ComputedColumns:
    """An index view whose spreadsheet export has columns computed in Python from the row
    (``computed``: {field: function}); the other fields are read as Wagtail does."""

    computed: dict = {}

    def to_row_dict(self, item):
        from wagtail.coreutils import multigetattr

        return {
            field: self.computed[field](item) if field in self.computed else multigetattr(item, field)
            for field in self.list_export
        }


class InvoiceIndexView(ComputedColumns, IndexView):
    """The invoice ledger, with "Historique" and "Paiements" on each call, the bank statement
    import, and its CSV/XLSX export (amounts in euros, what was paid and what remains)."""

    computed = {
        "amount_eur": lambda invoice: admin_views.euros(invoice.amount_cents),
        "paid_eur": lambda invoice: admin_views.euros(invoice.paid_cents),
        "remaining_eur": lambda invoice: admin_views.euros(admin_views.remaining_cents(invoice)),
        "state": admin_views.state_label,
        "credited_invoice.number": lambda invoice: (
            invoice.credited_invoice.number if invoice.credited_invoice_id else ""
        ),
    }

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_record(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Importer un relevé bancaire"), url=reverse("dues_bank_import"), icon_name="upload"
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            ListingButton(
                _("Historique"),
                url=reverse("dues_invoice_history", args=[instance.pk]),
                icon_name="history",
                priority=15,
            )
        )
        if instance.kind == InvoiceKind.INVOICE and can_record(self.request.user):
            buttons.append(
                ListingButton(
                    _("Paiements"),
                    url=reverse("dues_invoice_payment", args=[instance.pk]),
                    icon_name="tick",
                    priority=20,
                )
            )
        return buttons


class PaymentIndexView(ComputedColumns, IndexView):
    """Every payment received; its export has amounts in euros and who recorded it."""

    computed = {
        "amount_eur": lambda payment: admin_views.euros(payment.amount_cents),
        "recorded_by_name": lambda payment: (
            payment.recorded_by.get_username()
            if payment.recorded_by_id
            else ("Stripe" if payment.method == "stripe" else "")
        ),
    }
