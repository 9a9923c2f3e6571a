"""Demo dues: an illustrative tier table (dues/demo/tiers.yaml), for the current year too, and
the current year's calls of the demo members in every state.

The calls go through the services, as staff and Stripe would make them: issued, paid online
(a Stripe payment with made-up ids: no network call), paid by mandat administratif, partly
paid, overdue, cancelled by a credit note. Each state is given to the member whose status
it matches (members/demo.py): paying a call never turns the grace or lapsed demo member
active. The amounts come from the illustrative table: the admin dashboard says so.

Idempotent: a tier that exists (same year, kind and start of band) is left as it is, and so
is a member that already has a call (even cancelled) for the year.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.demo import read_data
from members.factories import EMAIL_DOMAIN
from members.models import MemberRole
from territories.models import Collectivity

from .models import DuesTier, Invoice, InvoiceKind
from .services import invoices as invoice_services
from .services import payments as payment_services

Log = Callable[[str], None]

DATA = Path(__file__).parent / "demo"

#: (référent login of the demo member, state of its call): members/demo.py's logins.
CALLS = [
    ("referent.active", "stripe"),
    ("referent.territoire", "mandat"),
    ("referent.grace", "partly"),
    ("referent.echue", "overdue"),
    ("referent.demission", "credited"),
]

#: What a demo credit note says, and what the payments quote.
CREDIT_REASON = "Démission de la collectivité (démonstration)"
MANDAT_REFERENCE = "Mandat n° {year}-DEMO-042"
TRANSFER_REFERENCE = "VIR DEMO {number}"


@transaction.atomic
def load(log: Log) -> None:
    data = read_data(DATA / "tiers.yaml")
    years = sorted({*data["years"], timezone.localdate().year})
    created = 0
    for year in years:
        for row in data["tiers"]:
            _tier, was_created = DuesTier.objects.get_or_create(
                year=year,
                kind=row["kind"],
                population_min=row["population_min"],
                defaults={
                    "population_max": row["population_max"],
                    "amount_cents": row["amount_cents"],
                    "illustrative": True,
                },
            )
            created += was_created
    log(f"Cotisations : {created} tranche(s) d'exemple créée(s).")
    issued = load_invoices()
    log(f"Cotisations : {issued} appel(s) de démonstration émis (montants d'exemple).")


def demo_members() -> dict[str, Collectivity]:
    """{state: collectivity} of the demo members found (by their référent's login)."""
    emails = {f"{login}@{EMAIL_DOMAIN}": state for login, state in CALLS}
    roles = (
        MemberRole.objects.referents().filter(user__email__in=emails).select_related("user", "collectivity")
    )
    return {emails[role.user.email]: role.collectivity for role in roles}


def load_invoices(today: datetime.date | None = None) -> int:
    """Issue, pay and credit the demo calls of ``today``'s year; returns how many calls were
    issued (0 when they exist). Steps run in date order, so that numbers follow the dates."""
    today = today or timezone.localdate()
    year = today.year
    members = demo_members()
    called = set(
        Invoice.objects.filter(kind=InvoiceKind.INVOICE, period_year=year, collectivity__in=members.values())
        .values_list("collectivity_id", flat=True)
        .distinct()
    )
    term = datetime.timedelta(days=settings.DUES_PAYMENT_TERM_DAYS)
    days = datetime.timedelta
    steps: list[tuple[datetime.date, int, Callable[[], None]]] = []
    issued: dict[str, Invoice] = {}

    def issue(state: str, on: datetime.date):
        def run():
            issued[state] = invoice_services.issue_invoice(
                collectivity=members[state], period_year=year, today=on
            )

        steps.append((on, 0, run))

    def then(on: datetime.date, action: Callable[[Invoice], None], state: str):
        steps.append((min(on, today), 1, lambda: action(issued[state])))

    to_issue = {state: member for state, member in members.items() if member.pk not in called}
    for collectivity in to_issue.values():
        _give_unknown_population(collectivity)
    if "stripe" in to_issue:
        issue("stripe", today - days(40))
        then(today - days(31), _pay_online, "stripe")
    if "mandat" in to_issue:
        issue("mandat", today - days(75))
        then(today - days(20), _pay_by_mandat, "mandat")
    if "partly" in to_issue:
        issue("partly", today - term - days(20))
        then(today - days(25), _pay_part, "partly")
    if "overdue" in to_issue:
        issue("overdue", today - term - days(120))
    if "credited" in to_issue:
        issue("credited", today - days(100))
        then(today - days(80), lambda invoice: _credit(invoice, today - days(80)), "credited")
    for _day, _order, run in sorted(steps, key=lambda step: (step[0], step[1])):
        run()
    return len(issued)


def _pay_online(invoice: Invoice) -> None:
    """What the Stripe webhook records, with made-up but Stripe-shaped ids (no network call)."""
    token = f"demo{invoice.number.replace('-', '')}"
    locked = Invoice.objects.select_for_update().select_related("collectivity").get(pk=invoice.pk)
    payment_services.record_online_payment(
        invoice=locked,
        amount_cents=invoice.amount_cents,
        session_id=f"cs_test_{token}",
        payment_intent=f"pi_test_{token}",
        event_id=f"evt_test_{token}",
        channel="card",
        received_on=invoice.issued_on + datetime.timedelta(days=9),
    )


def _pay_by_mandat(invoice: Invoice) -> None:
    payment_services.record_offline_payment(
        invoice=invoice,
        amount_cents=invoice.amount_cents,
        method="mandat",
        received_on=min(invoice.due_on + datetime.timedelta(days=25), timezone.localdate()),
        reference=MANDAT_REFERENCE.format(year=invoice.period_year),
    )


def _pay_part(invoice: Invoice) -> None:
    payment_services.record_offline_payment(
        invoice=invoice,
        amount_cents=invoice.amount_cents * 2 // 5,
        method="transfer",
        received_on=timezone.localdate() - datetime.timedelta(days=25),
        reference=TRANSFER_REFERENCE.format(number=invoice.number),
    )


def _credit(invoice: Invoice, on: datetime.date) -> None:
    invoice_services.credit_invoice(invoice=invoice, reason=CREDIT_REASON, today=on)


#: An illustrative population for a demo member the territories demo leaves without one (a
#: commune no demo edition labels): its dues depend on it. Set after the Atlaas demo, whose
#: figures do not move.
ILLUSTRATIVE_POPULATION = 1_850


def _give_unknown_population(collectivity: Collectivity) -> None:
    if collectivity.population is None:
        collectivity.population = ILLUSTRATIVE_POPULATION
        collectivity.save(update_fields=["population"])
