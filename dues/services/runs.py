"""Issue the year's calls for every member at once: staff start a run from the admin, a
background task issues the calls one by one and records its progress on the run.

Idempotent: a member that already has an uncancelled call for the year is skipped, so a run
started again (after an error, or for the members added since) issues only what is missing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import runs
from members.models import Membership

from ..models import InvoiceRun
from . import invoices


def members_to_invoice():
    """The memberships a yearly call goes to: every one not resigned."""
    return (
        Membership.objects.filter(resigned=False)
        .select_related("collectivity")
        .order_by("collectivity__name")
    )


@transaction.atomic
def start_run(*, actor, period_year: int) -> InvoiceRun:
    """Record a run for ``period_year`` and queue its task once committed. Refused while
    another run of that year is waiting or running."""
    from ..tasks import issue_year_invoices

    if not 2000 <= period_year <= 2100:
        raise ValidationError(_("Indiquez une année de cotisation entre 2000 et 2100."), code="year")
    if runs.busy(InvoiceRun, period_year=period_year) is not None:
        raise ValidationError(
            _("Les appels de %(year)s sont déjà en cours d'émission : attendez la fin de cette émission.")
            % {"year": period_year},
            code="busy",
        )
    run = InvoiceRun.objects.create(
        period_year=period_year,
        total=members_to_invoice().count(),
        started_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: issue_year_invoices.enqueue(run.pk))
    return run


def execute_run(run_id: int) -> InvoiceRun:
    """Issue the calls of the run's year, one transaction per member, saving the progress after
    each (core.runs): a call that fails is recorded in the run's errors and the others go on."""
    return runs.execute(
        InvoiceRun.objects.get(pk=run_id),
        [membership.collectivity for membership in members_to_invoice()],
        _issue_one,
        label=lambda collectivity: collectivity.name,
        counters=("issued", "skipped"),
    )


def _issue_one(run: InvoiceRun, collectivity) -> None:
    if invoices.open_invoice(collectivity, run.period_year) is not None:
        run.skipped += 1
        return
    invoices.issue_invoice(collectivity=collectivity, period_year=run.period_year, actor=run.started_by)
    run.issued += 1
