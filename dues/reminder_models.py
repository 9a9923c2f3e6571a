"""Reminders of unpaid invoices: one row per invoice and step of the schedule
(``settings.DUES_REMINDER_DAYS``), so that no reminder is ever sent twice.

Only ``dues.services.reminders`` and the task that sends them write these rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DuesReminder"]


class DuesReminder(models.Model):
    """A reminder of ``invoice`` for one step of the schedule: ``step`` days after its due date
    (negative: before it). Recorded when queued; ``sent_at`` once the email left, and stays
    empty when the invoice was paid or cancelled in the meantime (nothing sent then)."""

    invoice = models.ForeignKey(
        "dues.Invoice", verbose_name=_("facture"), on_delete=models.PROTECT, related_name="reminders"
    )
    step = models.SmallIntegerField(_("jours après l'échéance"), help_text=_("Négatif : avant l'échéance."))
    created_at = models.DateTimeField(_("programmé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    recipients = models.PositiveSmallIntegerField(_("destinataires"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rappel de cotisation")
        verbose_name_plural = _("rappels de cotisation")
        constraints = [
            models.UniqueConstraint(fields=["invoice", "step"], name="dues_reminder_once_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.invoice.number} · {self.step:+d}"
