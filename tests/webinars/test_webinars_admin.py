"""Staff see the registrations and the waiting list, export them, tick attendance."""

from webinars import services
from webinars.models import Registration

from .conftest import future_session


def _registrations(session, count):
    return [
        services.confirm(
            services.register_visitor(
                session=session, name=f"P {i}", email=f"p{i}@example.test", role="agent"
            ).token
        )
        for i in range(count)
    ]


def test_staff_list_filter_and_export(admin_client, webinars_demo):
    session = future_session(webinars_demo, capacity=2)
    _registrations(session, 3)
    response = admin_client.get(f"/admin/webinaires/inscriptions/?session={session.pk}&status=waiting")
    assert response.status_code == 200
    assert "p2@example.test" in response.text and "p0@example.test" not in response.text
    csv = admin_client.get(f"/admin/webinaires/inscriptions/?session={session.pk}&export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode()
    assert "En liste d'attente" in body and "p0@example.test" in body
    xlsx = admin_client.get(f"/admin/webinaires/inscriptions/?session={session.pk}&export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_staff_tick_attendance_but_cannot_add(admin_client, webinars_demo):
    session = future_session(webinars_demo)
    registration = _registrations(session, 1)[0]
    assert admin_client.get("/admin/webinaires/inscriptions/add/").status_code in (302, 403)
    response = admin_client.post(
        f"/admin/webinaires/inscriptions/edit/{registration.pk}/", {"attended": "on"}
    )
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).attended is True


def test_page_listing_offers_cancel_and_replay_for_sessions(admin_client, webinars_demo):
    session = future_session(webinars_demo)
    response = admin_client.get(f"/admin/pages/{session.get_parent().pk}/")
    assert response.status_code == 200
    assert f"/admin/webinaires/seances/{session.pk}/annuler/" in response.text


def test_staff_email_all_registrants_with_progress(
    admin_client, webinars_demo, django_capture_on_commit_callbacks
):
    from django.core import mail

    from webinars.models import Mailing

    session = future_session(webinars_demo, capacity=2)
    _registrations(session, 3)
    url = f"/admin/webinaires/seances/{session.pk}/ecrire/"
    page = admin_client.get(url)
    assert page.status_code == 200 and "3 personnes" in page.text
    empty = admin_client.post(url, {"subject": "", "body": "Bonjour"})
    assert empty.status_code == 200 and not Mailing.objects.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"subject": "Changement de lien", "body": "Le lien change."})
    assert response.status_code == 302
    mailing = Mailing.objects.get()
    assert (mailing.sent, mailing.total) == (3, 3) and mailing.finished_at
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.test", "p1@example.test", "p2@example.test"]
    assert "3 sur 3" in admin_client.get(url).text
