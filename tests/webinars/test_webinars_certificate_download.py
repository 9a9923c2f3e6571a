"""Someone who attended downloads their attendance certificate (PDF) from their registration's
link or the replay email, without logging in; anyone else gets a 404."""

import datetime
import re

from django.core import mail
from django.utils import timezone

from webinars import services
from webinars.models import Registration, SessionPage

from .conftest import future_session


def _past_session_with(webinars_demo, attended: bool):
    session = future_session(webinars_demo, replay_url="https://replay.example.org/x")
    registration = services.confirm(
        services.register_visitor(
            session=session, name="Ana Lopes", email="ana@example.test", role="agente"
        ).token
    )
    SessionPage.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(days=2))
    Registration.objects.filter(pk=registration.pk).update(attended=attended)
    return SessionPage.objects.get(pk=session.pk), Registration.objects.get(pk=registration.pk)


def test_attendee_downloads_the_certificate_from_the_manage_page_and_the_replay_email(
    client, webinars_demo, django_capture_on_commit_callbacks
):
    session, registration = _past_session_with(webinars_demo, attended=True)
    token = services.cancel_token(registration)
    page = client.get(f"/webinaires/annuler/{token}/")
    assert "attestation de participation" in page.text
    path = f"/webinaires/attestation/{token}/"
    assert f'href="{path}"' in page.text
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"attestation-{session.pk}-{registration.pk}.pdf" in response["Content-Disposition"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_replay_follow_up(session)
    body = mail.outbox[-1].body
    emailed = re.search(r"http://testserver(/webinaires/attestation/\S+/)", body).group(1)
    assert client.get(emailed).content.startswith(b"%PDF")


def test_no_certificate_for_who_did_not_attend_nor_a_forged_link(
    client, webinars_demo, django_capture_on_commit_callbacks
):
    session, registration = _past_session_with(webinars_demo, attended=False)
    token = services.cancel_token(registration)
    assert "attestation" not in client.get(f"/webinaires/annuler/{token}/").text
    assert client.get(f"/webinaires/attestation/{token}/").status_code == 404
    assert client.get("/webinaires/attestation/forged/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.send_replay_follow_up(session)
    assert "attestation" not in mail.outbox[-1].body
