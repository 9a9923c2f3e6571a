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
