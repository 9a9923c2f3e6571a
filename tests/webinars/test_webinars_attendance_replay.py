"""Replays for members only; attendance imported from the visio tool's CSV or cancelled from
the admin; a session cancelled by staff tells everyone."""

from django.core import mail
from django.utils import timezone

from webinars import services
from webinars.models import Registration, SessionPage, Status

from .conftest import future_session


def _past_session_with_replay():
    return SessionPage.objects.filter(
        locale__language_code="fr", starts_at__lt=timezone.now(), replay_url__gt=""
    ).first()


def test_replay_for_members_only_others_see_how_to_join(client, webinars_demo, member):
    session = _past_session_with_replay()
    response = client.get(session.url)
    assert session.replay_url not in response.text
    assert "réservé aux collectivités adhérentes" in response.text
    client.force_login(member)
    response = client.get(session.url)
    assert session.replay_url in response.text


def test_replay_hidden_from_a_lapsed_member(client, webinars_demo):
    from members.factories import MemberRoleFactory, MembershipFactory
    from members.models import MembershipStatus

    membership = MembershipFactory(status=MembershipStatus.LAPSED)
    lapsed = MemberRoleFactory(collectivity=membership.collectivity).user
    client.force_login(lapsed)
    session = _past_session_with_replay()
    assert session.replay_url not in client.get(session.url).text


def _confirmed(session, *emails):
    return [
        services.confirm(
            services.register_visitor(session=session, name="P", email=email, role="agent").token
        )
        for email in emails
    ]


def test_attendance_import_marks_those_listed(admin_client, webinars_demo):
    session = future_session(webinars_demo)
    ana, bob = _confirmed(session, "ana@example.test", "bob@example.test")
    upload = ("presences.csv", "Email;Nom;Durée\nANA@example.test;Ana;55\n".encode())
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        "/admin/webinaires/presences/",
        {"session": session.pk, "file": SimpleUploadedFile(*upload, content_type="text/csv")},
    )
    assert response.status_code == 302
    assert Registration.objects.get(pk=ana.pk).attended is True
    assert Registration.objects.get(pk=bob.pk).attended is False


def test_attendance_import_with_a_bad_row_writes_nothing(admin_client, webinars_demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    session = future_session(webinars_demo)
    (ana,) = _confirmed(session, "ana@example.test")
    content = b"email;nom\nana@example.test;Ana\ninconnu@example.test;X\n"
    response = admin_client.post(
        "/admin/webinaires/presences/",
        {"session": session.pk, "file": SimpleUploadedFile("p.csv", content, content_type="text/csv")},
    )
    assert response.status_code == 200
    assert "rien n&#x27;a été enregistré" in response.text or "rien n'a été enregistré" in response.text
    assert "<td>3</td><td>email</td>" in response.text
    assert "aucune inscription confirmée" in response.text
    assert Registration.objects.get(pk=ana.pk).attended is False


def test_staff_cancel_a_session_from_the_admin(
    admin_client, webinars_demo, django_capture_on_commit_callbacks
):
    session = future_session(webinars_demo)
    _confirmed(session, "ana@example.test")
    mail.outbox.clear()
    assert admin_client.get(f"/admin/webinaires/seances/{session.pk}/annuler/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/webinaires/seances/{session.pk}/annuler/")
    assert response.status_code == 302
    assert SessionPage.objects.get(pk=session.pk).cancelled_at is not None
    assert [m.to for m in mail.outbox] == [["ana@example.test"]]
    # Publishing the page again keeps the cancellation.
    page = SessionPage.objects.get(pk=session.pk)
    page.save_revision().publish()
    assert SessionPage.objects.get(pk=session.pk).cancelled_at is not None
    assert Registration.objects.get(email="ana@example.test", session=session).status == Status.CONFIRMED
