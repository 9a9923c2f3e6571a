"""The bank statement import: staff upload the bank's CSV export (columns date, libellé,
montant), each credit whose label quotes an invoice number is proposed as a payment of that
invoice when its amount is not above what remains due, and staff confirm the ones to record.

Reading and proposing write nothing; confirming records the chosen transfers in one
transaction, each through :func:`.payments.record_offline_payment`, or none of them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_import import Column, CsvImport, CsvRow, ImportResult, cells
from core.csv_import.reader import read_capped

from ..models import Invoice, Payment, PaymentMethod
from ..money import AmountDisplay, format_eur
from . import payments

INVOICE_NUMBER = re.compile(r"\b(\d{4}-\d{5})\b")


def signed_cents(text: str) -> int:
    """An amount as banks write it: "1 234,56", "1234.56", "-45,00" → cents."""
    value = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("€", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValidationError(_("montant attendu, par exemple 450,00 ou -12,50.")) from None
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(_("montant attendu avec deux décimales au plus."))
    return int(amount * 100)


@dataclass(frozen=True)
class StatementLine(AmountDisplay):
    line: int
    date: datetime.date
    label: str
    amount_cents: int


@dataclass(frozen=True)
class Proposal:
    """A statement line and the invoice it pays (``reason`` empty), or why it matches none."""

    statement: StatementLine
    invoice: Invoice | None = None
    reason: str = ""
    partial: bool = False

    @property
    def matched(self) -> bool:
        return self.invoice is not None and not self.reason


class BankStatement(CsvImport[StatementLine]):
    """Checks the file only: a statement is never written as is (see :func:`confirm`)."""

    columns = (
        Column("date", required=True, parse=cells.date),
        Column("libelle", required=True),
        Column("montant", required=True, parse=signed_cents),
    )
    subject = gettext_lazy("un relevé bancaire")

    def parse_row(self, row: CsvRow) -> StatementLine | None:
        if not row.ok("date", "montant"):
            return None
        return StatementLine(row.line, row["date"], row["libelle"].strip(), row["montant"])

    def write(self, rows: list[StatementLine]) -> ImportResult:  # pragma: no cover - never called
        raise NotImplementedError("a statement is confirmed line by line, see confirm()")


def read_statement(content: bytes) -> list[StatementLine]:
    """The statement's lines; CsvImportError (every problem, line by line) for a bad file."""
    return BankStatement().check(read_capped(content))


def propose(lines: list[StatementLine]) -> list[Proposal]:
    numbers = {m.group(1) for line in lines for m in [INVOICE_NUMBER.search(line.label)] if m}
    by_number = {invoice.number: invoice for invoice in Invoice.objects.filter(number__in=numbers)}
    proposals = []
    for line in lines:
        found = INVOICE_NUMBER.search(line.label)
        invoice = by_number.get(found.group(1)) if found else None
        proposals.append(_proposal(line, found.group(1) if found else None, invoice))
    return proposals


def _proposal(line: StatementLine, number: str | None, invoice: Invoice | None) -> Proposal:
    if line.amount_cents <= 0:
        return Proposal(line, reason=_("débit : ignoré."))
    if number is None:
        return Proposal(line, reason=_("aucun numéro d'appel de cotisation dans le libellé."))
    if invoice is None:
        return Proposal(line, reason=_("l'appel %(number)s n'existe pas.") % {"number": number})
    if not payments.payable(invoice):
        return Proposal(
            line, invoice, _("l'appel %(number)s est payé, annulé ou un avoir.") % {"number": number}
        )
    if Payment.objects.filter(
        invoice=invoice, amount_cents=line.amount_cents, received_on=line.date, reference=line.label[:100]
    ).exists():
        return Proposal(line, invoice, _("ce virement est déjà enregistré."))
    due = payments.remaining_due(invoice)
    if line.amount_cents > due:
        return Proposal(
            line,
            invoice,
            _("montant %(amount)s supérieur au reste dû de l'appel %(number)s (%(due)s) : à vérifier.")
            % {"amount": format_eur(line.amount_cents), "number": number, "due": format_eur(due)},
        )
    return Proposal(line, invoice, partial=line.amount_cents < due)


@transaction.atomic
def confirm(lines: list[tuple[int, StatementLine]], actor=None) -> list[Payment]:
    """Record each (invoice id, statement line) as a transfer; all of them or, on the first
    ValidationError (raised with the line), none."""
    recorded = []
    for invoice_id, line in lines:
        invoice = Invoice.objects.filter(pk=invoice_id).first()
        try:
            if invoice is None:
                raise ValidationError(_("appel de cotisation introuvable."))
            recorded.append(
                payments.record_offline_payment(
                    invoice=invoice,
                    amount_cents=line.amount_cents,
                    method=PaymentMethod.TRANSFER,
                    received_on=line.date,
                    reference=line.label,
                    actor=actor,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                _("Ligne %(line)d : %(reason)s Rien n'a été enregistré.")
                % {"line": line.line, "reason": " ".join(error.messages)}
            ) from error
    return recorded
