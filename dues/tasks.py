"""Background tasks of the dues app (django-tasks), run by `manage.py db_worker`.

The services queue them with ``transaction.on_commit``; their arguments are ids.
"""

from __future__ import annotations

from django_tasks import task

from core import documents

from .models import Invoice, InvoicePdf


@task()
def send_invoice_email(invoice_id: int) -> int:
    """Email the invoice (or credit note) to its collectivity's référents, PDF attached; the PDF
    is built first if its own task has not run yet. Returns how many messages were sent."""
    from django.core.mail import get_connection

    from .emails import invoice_message, referent_recipients

    invoice = Invoice.objects.select_related("collectivity", "credited_invoice").filter(pk=invoice_id).first()
    if invoice is None:
        return 0
    recipients = referent_recipients(invoice)
    if not recipients:
        return 0
    document = documents.build(InvoicePdf, invoice.pk)
    messages = [invoice_message(invoice, document, email, language) for email, language in recipients]
    sent = get_connection().send_messages(messages) or 0
    if sent:
        from wagtail.log_actions import log

        from .admin_views import ACTION_EMAILED

        log(instance=invoice, action=ACTION_EMAILED, data={"count": sent})  # its history (admin)
    return sent


@task()
def issue_year_invoices(run_id: int) -> int:
    """Issue the year's calls of a run (dues.services.runs); returns how many were issued."""
    from .services.runs import execute_run

    return execute_run(run_id).issued


@task()
def send_dues_reminder(reminder_id: int) -> int:
    """Email a recorded reminder to the invoice's référents, once: nothing when it was already
    sent, or when the invoice was paid or cancelled since it was recorded. Returns how many
    messages were sent."""
    from django.core.mail import get_connection
    from django.utils import timezone

    from .emails import referent_recipients, reminder_message
    from .models import DuesReminder

    reminder = DuesReminder.objects.filter(pk=reminder_id).first()
    if reminder is None:
        return 0
    invoice = (
        Invoice.objects.outstanding().select_related("collectivity").filter(pk=reminder.invoice_id).first()
    )
    if invoice is None:  # paid or cancelled since the reminder was recorded
        return 0
    # Claim the reminder: another worker running the same task sends nothing.
    if not DuesReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
        return 0
    recipients = referent_recipients(invoice)
    messages = [reminder_message(invoice, reminder.step, email, language) for email, language in recipients]
    try:
        sent = (get_connection().send_messages(messages) or 0) if messages else 0
    except Exception:
        DuesReminder.objects.filter(pk=reminder.pk).update(sent_at=None)  # the next attempt sends it
        raise
    DuesReminder.objects.filter(pk=reminder.pk).update(recipients=sent)
    return sent
