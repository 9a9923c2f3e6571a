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
