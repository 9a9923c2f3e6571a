"""The emails of the dues app, rendered in their recipient's language. Sent only by the tasks
in dues/tasks.py, queued once the transaction that issued the invoice committed."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from members.models import MemberRole, Profile

from .models import Invoice, InvoiceKind, InvoicePdf


def referent_recipients(invoice: Invoice) -> list[tuple[str, str]]:
    """(address, language) of the collectivity's référents: the invoice goes to them only."""
    roles = (
        MemberRole.objects.referents().filter(collectivity_id=invoice.collectivity_id).select_related("user")
    )
    users = [role.user for role in roles if role.user.is_active and role.user.email]
    languages = dict(Profile.objects.filter(user__in=users).values_list("user_id", "language"))
    return [(user.email, languages.get(user.pk, settings.LANGUAGE_CODE)) for user in users]


def invoice_message(
    invoice: Invoice, document: InvoicePdf, email: str, language: str
) -> EmailMultiAlternatives:
    """The invoice (or credit note) to one référent, its PDF attached."""
    with translation.override(language):
        context = {
            "invoice": invoice,
            "is_credit": invoice.kind == InvoiceKind.CREDIT_NOTE,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("dues:invoices"),
        }
        if invoice.kind == InvoiceKind.CREDIT_NOTE:
            subject = _("Avoir %(number)s pour %(collectivity)s")
        else:
            subject = _("Appel de cotisation %(number)s pour %(collectivity)s")
        subject %= {"number": invoice.number, "collectivity": invoice.collectivity.name}
        text = render_to_string("dues/email/invoice.txt", context)
        html = render_to_string("dues/email/invoice.html", context)
    message = EmailMultiAlternatives(subject=f"[Villes Internet] {subject}", body=text, to=[email])
    message.attach_alternative(html, "text/html")
    with document.file.open("rb") as stored:
        message.attach(document.filename, stored.read(), "application/pdf")
    return message


def reminder_message(invoice: Invoice, step: int, email: str, language: str) -> EmailMultiAlternatives:
    """The reminder of an unpaid invoice (``step`` days from its due date) to one référent: what
    remains due, the reference to quote, the due date and the link to the portal's invoice page."""
    from .money import format_eur

    with translation.override(language):
        remaining = max(invoice.amount_cents - invoice.paid_cents, 0)
        context = {
            "invoice": invoice,
            "step": step,
            "remaining": format_eur(remaining),
            "partly_paid": invoice.paid_cents > 0,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("dues:invoice", args=[invoice.number]),
        }
        values = {"number": invoice.number, "collectivity": invoice.collectivity.name}
        if step < 0:
            subject = _("Rappel : appel de cotisation %(number)s de %(collectivity)s à régler") % values
        elif step == 0:
            subject = _("Échéance aujourd'hui : appel de cotisation %(number)s de %(collectivity)s") % values
        else:
            subject = _("Relance : appel de cotisation %(number)s de %(collectivity)s non réglé") % values
        text = render_to_string("dues/email/reminder.txt", context)
        html = render_to_string("dues/email/reminder.html", context)
    message = EmailMultiAlternatives(subject=f"[Villes Internet] {subject}", body=text, to=[email])
    message.attach_alternative(html, "text/html")
    return message
