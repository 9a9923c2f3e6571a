"""Registration: a member in one click, a visitor with a confirmation by email (double opt-in)
that expires, the waiting list and its promotions, the cancellation link."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from webinars import services
from webinars.models import Registration, Status

from .conftest import future_session


def _visitor(session, email="ana@example.test", **fields):
    values = {"name": "Ana Lopes", "email": email, "role": "chargée de mission", **fields}
    return services.register_visitor(session=session, **values)


def _link(message, pattern):
    return re.search(rf"http://testserver(/\S*{pattern}/\S+/)", message.body).group(1)


def test_member_registers_in_one_click(client, webinars_demo, member, django_capture_on_commit_callbacks):
    session = future_session(webinars_demo)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/webinaires/inscription/{session.pk}/", follow=True)
    assert response.status_code == 200
    registration = Registration.objects.get(session=session)
    assert (registration.status, registration.user) == (Status.CONFIRMED, member)
    assert session.visio_url in response.text
    assert mail.outbox[-1].to == [member.email]


def test_visitor_confirms_by_email_then_cancels_without_login(
    client, webinars_demo, django_capture_on_commit_callbacks
):
    session = future_session(webinars_demo)
    form = {"name": "Ana Lopes", "email": "Ana@Example.test", "role": "agente", "collectivity_name": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/webinaires/inscription/{session.pk}/", form, follow=True)
    assert "confirmer votre inscription" in response.text
    registration = Registration.objects.get(session=session)
    assert registration.status == Status.PENDING
    assert session.visio_url not in client.get(session.url).text
    confirm_path = _link(mail.outbox[-1], "confirmer")
    assert client.get(confirm_path).status_code == 200  # a scanner opening the link confirms nothing
    assert Registration.objects.get(pk=registration.pk).status == Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path)
    assert session.visio_url in response.text
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED
    cancel_path = _link(mail.outbox[-1], "annuler")
    assert client.get(cancel_path).status_code == 200
    client.post(cancel_path)
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


def test_a_forged_cancel_link_changes_nothing(client, webinars_demo):
    session = future_session(webinars_demo)
    registration = _visitor(session)
    token = services.cancel_token(registration)
    response = client.post(f"/webinaires/annuler/{token[:-2]}xx/")
    assert response.status_code == 404
    assert "pas valable" in response.text
    assert Registration.objects.get(pk=registration.pk).status == Status.PENDING


def test_bad_form_keeps_what_was_typed_and_writes_nothing(client, webinars_demo):
    session = future_session(webinars_demo)
    form = {"name": "Ana Lopes", "email": "pas-une-adresse", "role": "agente"}
    response = client.post(f"/webinaires/inscription/{session.pk}/", form)
    assert response.status_code == 400
    assert 'value="Ana Lopes"' in response.text
    assert not Registration.objects.filter(session=session).exists()


def test_one_registration_per_person(webinars_demo):
    session = future_session(webinars_demo)
    _visitor(session, email="ana@example.test")
    with pytest.raises(ValidationError, match="déjà inscrite"):
        _visitor(session, email=" ANA@example.test ")
    assert Registration.objects.filter(session=session).count() == 1


def test_unconfirmed_registration_holds_no_seat_once_expired(webinars_demo):
    session = future_session(webinars_demo, capacity=1)
    pending = _visitor(session, email="first@example.test")
    assert services.seats_left(session) == 0
    member_waits = _visitor(session, email="second@example.test")
    assert member_waits.holds_seat is False
    later = timezone.now() + datetime.timedelta(hours=49)
    with time_machine.travel(later, tick=False):
        assert services.seats_left(session) == 1
        with pytest.raises(ValidationError, match="expiré"):
            services.confirm(pending.token)
        assert services.expire_pending() == 2
    assert Registration.objects.get(pk=pending.pk).status == Status.EXPIRED
    # Registering again starts over.
    again = _visitor(session, email="first@example.test")
    assert again.pk == pending.pk and again.status == Status.PENDING and again.holds_seat


def test_full_session_puts_people_on_the_waiting_list_and_promotes_in_order(
    webinars_demo, django_capture_on_commit_callbacks
):
    session = future_session(webinars_demo, capacity=2)
    confirmed = [services.confirm(_visitor(session, email=f"c{i}@example.test").token) for i in range(2)]
    assert [r.status for r in confirmed] == [Status.CONFIRMED] * 2
    waiting = [services.confirm(_visitor(session, email=f"w{i}@example.test").token) for i in range(3)]
    assert [r.status for r in waiting] == [Status.WAITING] * 3
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(confirmed[0])
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [Status.CONFIRMED, Status.WAITING, Status.WAITING]
    # The person who cancelled gets the calendar cancellation; the first waiting, the seat.
    assert [m.to for m in mail.outbox] == [["c0@example.test"], ["w0@example.test"]]
    assert "place s'est libérée" in mail.outbox[1].subject


def test_registration_closed_once_cancelled_and_everyone_told(
    webinars_demo, django_capture_on_commit_callbacks
):
    session = future_session(webinars_demo)
    for i in range(3):
        services.confirm(_visitor(session, email=f"p{i}@example.test").token)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_session(session) == 3
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@example.test" for i in range(3)]
    assert all("annulée" in m.subject for m in mail.outbox)
    with pytest.raises(ValidationError, match="annulée"):
        _visitor(session, email="late@example.test")


def test_answers_on_the_english_page_are_stored_under_the_staff_question(client, webinars_demo):
    from wagtail.models import Locale

    from webinars.models import SessionPage

    french = SessionPage.objects.filter(locale__language_code="fr", starts_at__gt=timezone.now()).first()
    english = french.get_translation(Locale.objects.get(language_code="en"))
    page = client.get(english.url)
    assert "What question would you like to ask the speakers?" in page.text
    form = {"name": "Ann", "email": "ann@example.test", "role": "officer", "question_0": "How to start?"}
    with translation.override("en"):
        action = reverse("webinars:register", kwargs={"page_id": english.pk})
    assert action.startswith("/en/") and action in page.text
    client.post(action, form)
    registration = Registration.objects.get(session=french, email="ann@example.test")
    assert registration.answers == {
        "Quelle question souhaitez-vous poser aux intervenants ?": "How to start?"
    }
    assert registration.language == "en"


def test_registrants_are_told_when_the_session_moves(webinars_demo, django_capture_on_commit_callbacks):
    from webinars.models import SessionPage

    session = future_session(webinars_demo)
    services.confirm(_visitor(session).token)
    mail.outbox.clear()
    page = SessionPage.objects.get(pk=session.pk)
    page.title = page.title + " (nouveau titre)"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert mail.outbox == []  # same date and duration: nothing to tell
    page.starts_at += datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert [m.to for m in mail.outbox] == [["ana@example.test"]]
    assert "modifiée" in mail.outbox[0].subject
