"""Payments of invoices: online (Stripe Checkout) or recorded by staff (transfer, mandat
administratif, cheque), and every Stripe event received (acted on once per event id).

Only ``dues.services.payments`` writes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.models.documents import GeneratedDocument, generated_file_path

from .money import AmountDisplay
from .storage import private_storage

__all__ = ["EventOutcome", "Payment", "PaymentMethod", "PaymentReceipt", "StripeChannel", "StripeEvent"]


class PaymentMethod(models.TextChoices):
    STRIPE = "stripe", _("En ligne (carte ou prélèvement)")
    TRANSFER = "transfer", _("Virement")
    MANDAT = "mandat", _("Mandat administratif")
    CHEQUE = "cheque", _("Chèque")


class StripeChannel(models.TextChoices):
    """How an online payment was made, as Stripe names the payment method type."""

    CARD = "card", _("Carte bancaire")
    SEPA_DEBIT = "sepa_debit", _("Prélèvement SEPA")
    BANK_TRANSFER = "customer_balance", _("Virement bancaire (Stripe)")


#: The methods staff record by hand.
OFFLINE_METHODS = [(value, label) for value, label in PaymentMethod.choices if value != PaymentMethod.STRIPE]


class PaymentQuerySet(models.QuerySet):
    def total_cents(self) -> int:
        return self.aggregate(total=Sum("amount_cents"))["total"] or 0

    def by_channel(self) -> dict[tuple[str, str], tuple[int, int]]:
        """{(method, online channel): (count, cents)} of these payments, in one grouped query
        (the channel is "" for offline payments, and for online ones Stripe did not detail)."""
        from django.db.models import Count

        rows = (
            self.order_by()
            .values("method", "stripe_channel")
            .annotate(count=Count("pk"), cents=Sum("amount_cents"))
        )
        return {(row["method"], row["stripe_channel"]): (row["count"], row["cents"] or 0) for row in rows}


class Payment(AmountDisplay, models.Model):
    """An amount received for an invoice. Partial payments add up; never more than is due."""

    invoice = models.ForeignKey(
        "dues.Invoice", verbose_name=_("facture"), on_delete=models.PROTECT, related_name="payments"
    )
    amount_cents = models.PositiveIntegerField(_("montant (centimes d'euro)"))
    method = models.CharField(_("moyen de paiement"), max_length=10, choices=PaymentMethod.choices)
    received_on = models.DateField(_("reçu le"))
    reference = models.CharField(_("référence"), max_length=100, blank=True)
    stripe_session_id = models.CharField(_("session Stripe"), max_length=255, blank=True)
    stripe_payment_intent = models.CharField(_("paiement Stripe"), max_length=255, blank=True)
    stripe_channel = models.CharField(
        _("moyen de paiement en ligne"), max_length=30, blank=True, choices=StripeChannel.choices
    )
    stripe_event_id = models.CharField(
        _("événement Stripe"), max_length=255, null=True, blank=True, unique=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-created_at"]
        verbose_name = _("paiement")
        verbose_name_plural = _("paiements")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="dues_payment_positive"),
            models.UniqueConstraint(
                fields=["stripe_session_id"],
                condition=~models.Q(stripe_session_id=""),
                name="dues_payment_one_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice.number} · {self.amount_display()} · {self.get_method_display()}"


class EventOutcome(models.TextChoices):
    CREDITED = "credited", _("Paiement enregistré")
    ALREADY_CREDITED = "duplicate", _("Déjà enregistré")
    WAITING = "waiting", _("Paiement en cours")
    FAILED = "failed", _("Paiement échoué")
    FLAGGED = "flagged", _("À vérifier")
    IGNORED = "ignored", _("Ignoré")


class StripeEvent(models.Model):
    """A Stripe event received (webhook or reconciliation), acted on once: its id is unique."""

    event_id = models.CharField(_("événement Stripe"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    invoice = models.ForeignKey(
        "dues.Invoice",
        verbose_name=_("facture"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stripe_events",
    )
    outcome = models.CharField(_("suite donnée"), max_length=10, choices=EventOutcome.choices)
    note = models.CharField(_("remarque"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("reçu le"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("événement Stripe")
        verbose_name_plural = _("événements Stripe")

    def __str__(self) -> str:
        return f"{self.event_id} · {self.type}"


class PaymentReceipt(GeneratedDocument):
    """The receipt ("attestation de paiement", PDF) of a fully paid invoice, built in a task
    (core.documents) and handed out only to the collectivity's people: private storage."""

    source_field = "invoice"

    invoice = models.OneToOneField(
        "dues.Invoice", verbose_name=_("facture"), on_delete=models.CASCADE, related_name="receipt"
    )
    file = models.FileField(
        _("fichier"), storage=private_storage, upload_to=generated_file_path, max_length=255
    )

    class Meta:
        verbose_name = _("reçu de paiement")
        verbose_name_plural = _("reçus de paiement")

    @classmethod
    def sources(cls) -> models.QuerySet:
        """Calls fully paid and not cancelled (no GROUP BY nor outer join: rows can be locked)."""
        from .models import Invoice, InvoiceKind

        paid = (
            Payment.objects.filter(invoice=OuterRef("pk"))
            .order_by()
            .values("invoice")
            .annotate(total=Sum("amount_cents"))
            .values("total")
        )
        return (
            Invoice.objects.filter(kind=InvoiceKind.INVOICE)
            .alias(paid_cents=Coalesce(Subquery(paid), 0))
            .filter(paid_cents__gte=models.F("amount_cents"))
            .exclude(Exists(Invoice.objects.filter(credited_invoice=OuterRef("pk"))))
        )

    @classmethod
    def revision_of(cls, invoice) -> str:
        """The payments it lists: a new or changed payment makes another receipt."""
        rows = list(Payment.objects.filter(invoice=invoice).order_by("pk").values_list("pk", "amount_cents"))
        import hashlib

        return hashlib.sha256(repr(rows).encode()).hexdigest()[:32]
