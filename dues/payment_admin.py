"""Admin of payments: staff record an offline payment (transfer, mandat administratif, cheque)
for an invoice, from the invoice listing; the page lists the invoice's payments and Stripe
events. Wired in wagtail_hooks.py."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.views.snippets import IndexView

from .models import Invoice, InvoiceKind
from .money import format_eur
from .payment_models import OFFLINE_METHODS
from .services import payments


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


class InvoiceIndexView(IndexView):
    """The invoice listing, with "Paiements" on each call."""

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
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
