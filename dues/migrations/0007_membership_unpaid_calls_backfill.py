"""Record on each membership its first unpaid call of a period not paid yet (the due date the
grace period counts from), for the invoices issued before the status followed them."""

from django.db import migrations
from django.db.models import Sum


def backfill(apps, schema_editor):
    Membership = apps.get_model("members", "Membership")
    Invoice = apps.get_model("dues", "Invoice")
    Payment = apps.get_model("dues", "Payment")
    for membership in Membership.objects.all().iterator():
        invoices = Invoice.objects.filter(
            collectivity_id=membership.collectivity_id, kind="invoice", credit_note__isnull=True
        ).order_by("due_on", "year", "sequence")
        if membership.paid_until is not None:
            invoices = invoices.filter(period_year__gt=membership.paid_until.year)
        for invoice in invoices:
            paid = Payment.objects.filter(invoice=invoice).aggregate(total=Sum("amount_cents"))["total"] or 0
            if paid < invoice.amount_cents:
                Membership.objects.filter(pk=membership.pk).update(
                    unpaid_due_on=invoice.due_on, unpaid_invoice_number=invoice.number
                )
                break


class Migration(migrations.Migration):
    dependencies = [
        ("dues", "0006_dues_reminders"),
        ("members", "0004_membership_resignation_date_and_unpaid_call"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
