"""A visitor registers to a webinar, confirms from the email (which carries the calendar
invitation), and cancels with the link (the last email cancels the calendar event)."""

import re

from django.core import mail
from django.utils import timezone

from core.demo import quiet


def test_visitor_registers_confirms_and_cancels(page):
    from home import demo as home_demo
    from webinars import demo
    from webinars.models import Registration, SessionPage, Status

    home_demo.load(quiet)
    demo.load(quiet)
    session = SessionPage.objects.filter(locale__language_code="fr").upcoming().first()
    page.goto(session.url)
    page.get_by_label("Nom et prénom").fill("Ana Lopes")
    page.get_by_label("Adresse électronique").fill("ana@example.test")
    page.get_by_label("Fonction").fill("chargée de mission")
    page.get_by_role("button", name="M'inscrire").click()
    page.get_by_text("Presque fini").wait_for()
    confirm_link = re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)
    page.goto(confirm_link)
    page.get_by_role("button", name="Confirmer mon inscription").click()
    page.get_by_role("heading", name="Inscription confirmée").wait_for()
    assert page.get_by_role("link", name="Rejoindre la visio").get_attribute("href") == session.visio_url
    assert Registration.objects.get(email="ana@example.test").status == Status.CONFIRMED
    assert "Inscription confirmée" in mail.outbox[-1].subject
    uid = _ics(mail.outbox[-1], "REQUEST")
    page.get_by_role("link", name="Annuler mon inscription").click()
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    page.get_by_text("Votre inscription est annulée").wait_for()
    registration = Registration.objects.get(email="ana@example.test")
    assert registration.status == Status.CANCELLED and registration.cancelled_at <= timezone.now()
    assert _ics(mail.outbox[-1], "CANCEL") == uid  # the calendar removes the same event


def _ics(message, method: str) -> str:
    """The UID of the invitation.ics attached to ``message``, checking its METHOD."""
    from icalendar import Calendar

    (part,) = [p for p in message.message().walk() if p.get_filename() == "invitation.ics"]
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == method
    return str(calendar.walk("VEVENT")[0]["UID"])
