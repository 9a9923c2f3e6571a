"""Reminders of unpaid invoices on the schedule of settings.DUES_REMINDER_DAYS (frozen time):
each step sent once to the référents, in French with the amount, the reference, the due date and
the link to the portal's invoice page; none once the invoice is paid or cancelled."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from dues.models import DuesReminder, PaymentMethod
from dues.services import invoices, payments, reminders
from members.factories import MemberRoleFactory, MembershipFactory
from members.models import Role
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 9, tzinfo=PARIS), tick=False)


@pytest.fixture(autouse=True)
def schedule(settings):
    settings.DUES_REMINDER_DAYS = (-15, 0, 15, 45)
    settings.DUES_PAYMENT_TERM_DAYS = 30


@pytest.fixture
def invoice():
    """A call of 400,00 € issued on 2 March 2026, due on 1 April 2026, to a collectivity with a
    référent and an agent."""
    collectivity = CollectivityFactory(name="Brumeval-sur-Onde", population=1200, kind="commune")
    MembershipFactory(collectivity=collectivity, paid_until=None, started_on=datetime.date(2026, 1, 1))
    MemberRoleFactory(collectivity=collectivity, role=Role.REFERENT, user__login="referente")
    MemberRoleFactory(collectivity=collectivity, role=Role.AGENT, user__login="agent")
    with at(2026, 3, 2):
        return invoices.issue_invoice(collectivity=collectivity, period_year=2026, amount_cents=40000)


def referent_of(invoice):
    from members.models import MemberRole

    return MemberRole.objects.get(collectivity=invoice.collectivity, role=Role.REFERENT).user


def run(django_capture_on_commit_callbacks, year, month, day) -> int:
    """The periodic command on that day, with what it queued run as the worker would."""
    with at(year, month, day), django_capture_on_commit_callbacks(execute=True):
        return reminders.send_due_reminders()


def pay(invoice, amount, day):
    with at(day.year, day.month, day.day):
        payments.record_offline_payment(
            invoice=invoice, amount_cents=amount, method=PaymentMethod.TRANSFER, received_on=day
        )


def test_each_step_is_sent_once_to_the_referents(invoice, mailoutbox, django_capture_on_commit_callbacks):
    assert run(django_capture_on_commit_callbacks, 2026, 3, 16) == 0  # 16 days before
    assert run(django_capture_on_commit_callbacks, 2026, 3, 17) == 1  # 15 days before
    assert run(django_capture_on_commit_callbacks, 2026, 3, 17) == 0  # run again: nothing twice
    assert run(django_capture_on_commit_callbacks, 2026, 3, 18) == 0
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [referent_of(invoice).email]  # the référent, not the agent
    assert message.subject == (
        f"[Villes Internet] Rappel : appel de cotisation {invoice.number} de Brumeval-sur-Onde à régler"
    )
    assert "arrive à échéance le 1 avril 2026" in message.body
    assert "Montant restant dû : 400,00" in message.body
    assert f"Référence à rappeler avec votre virement ou mandat : {invoice.number}" in message.body
    assert "http://testserver" + reverse("dues:invoice", args=[invoice.number]) in message.body

    assert run(django_capture_on_commit_callbacks, 2026, 4, 1) == 1  # the due day
    assert "Échéance aujourd'hui" in mailoutbox[1].subject
    pay(invoice, 10000, datetime.date(2026, 4, 5))
    assert run(django_capture_on_commit_callbacks, 2026, 4, 16) == 1  # 15 days after
    assert "Relance" in mailoutbox[2].subject
    assert "échu le 1 avril 2026, n'est pas encore réglé" in mailoutbox[2].body
    assert "Montant restant dû : 300,00" in mailoutbox[2].body

    steps = sorted(DuesReminder.objects.filter(invoice=invoice).values_list("step", flat=True))
    assert steps == [-15, 0, 15]
    assert all(r.sent_at and r.recipients == 1 for r in DuesReminder.objects.all())


def test_reminders_stop_once_the_invoice_is_paid(invoice, mailoutbox, django_capture_on_commit_callbacks):
    assert run(django_capture_on_commit_callbacks, 2026, 4, 1) == 1
    pay(invoice, 40000, datetime.date(2026, 4, 10))
    for day in (datetime.date(2026, 4, 16), datetime.date(2026, 5, 16), datetime.date(2026, 5, 20)):
        assert run(django_capture_on_commit_callbacks, day.year, day.month, day.day) == 0
    assert len(mailoutbox) == 1
    assert list(DuesReminder.objects.values_list("step", flat=True)) == [0]


def test_paid_between_queueing_and_sending_sends_nothing(
    invoice, mailoutbox, django_capture_on_commit_callbacks
):
    with at(2026, 4, 1), django_capture_on_commit_callbacks(execute=False) as queued:
        assert reminders.send_due_reminders() == 1
    pay(invoice, 40000, datetime.date(2026, 4, 1))
    with at(2026, 4, 1):
        for callback in queued:
            callback()
    assert mailoutbox == []
    assert DuesReminder.objects.get().sent_at is None


def test_a_credit_note_stops_the_reminders(invoice, mailoutbox, django_capture_on_commit_callbacks):
    with at(2026, 3, 20):
        invoices.credit_invoice(invoice=invoice, reason="Doublon")
    assert run(django_capture_on_commit_callbacks, 2026, 4, 1) == 0
    assert mailoutbox == [] and not DuesReminder.objects.exists()


def test_after_a_pause_only_the_latest_step_goes(invoice, mailoutbox, django_capture_on_commit_callbacks):
    # The command did not run for weeks: one reminder, not three at once.
    assert run(django_capture_on_commit_callbacks, 2026, 4, 20) == 1
    assert list(DuesReminder.objects.values_list("step", flat=True)) == [15]
    # Long after the last step: nothing late.
    assert run(django_capture_on_commit_callbacks, 2026, 7, 1) == 0
    assert len(mailoutbox) == 1


def test_the_schedule_is_a_setting(invoice, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.DUES_REMINDER_DAYS = (7,)
    assert run(django_capture_on_commit_callbacks, 2026, 4, 1) == 0
    assert run(django_capture_on_commit_callbacks, 2026, 4, 8) == 1
    assert DuesReminder.objects.get().step == 7


def test_english_speaking_referent_gets_it_in_english(
    invoice, mailoutbox, django_capture_on_commit_callbacks
):
    from members.models import Profile

    referent = referent_of(invoice)
    Profile.objects.update_or_create(user=referent, defaults={"language": "en"})
    run(django_capture_on_commit_callbacks, 2026, 4, 1)
    assert "/en/" in mailoutbox[0].body


def test_the_command_queues_the_reminders(invoice, mailoutbox, django_capture_on_commit_callbacks):
    import io

    out = io.StringIO()
    with at(2026, 4, 1), django_capture_on_commit_callbacks(execute=True):
        call_command("send_dues_reminders", stdout=out)
    assert "1 dues reminder(s) queued" in out.getvalue()
    assert len(mailoutbox) == 1
