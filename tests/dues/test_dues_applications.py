"""A collectivity applies online; staff accept (pending membership + first invoice) or refuse."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dues.models import ApplicationStatus, DuesTier, Invoice, MembershipApplication
from members.models import Membership, MembershipStatus
from territories.factories import CollectivityFactory

URL = "/cotisations/demande-adhesion/"
PDF = b"%PDF-1.4\n% deliberation\n"


def pdf(content=PDF, name="deliberation.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def commune(db):
    DuesTier.objects.create(
        year=timezone.localdate().year, kind="commune", population_min=0, amount_cents=40000
    )
    return CollectivityFactory(name="Brumeval", insee_code="99001", population=2500)


def post(client, **overrides):
    data = {
        "collectivity_code": "99001",
        "contact_name": "Camille Exemple",
        "contact_email": "camille@example.test",
        "siret": "21990001600011",
        "chorus_service_code": "SERVICE-FIN",
        "deliberation": pdf(),
    }
    data.update(overrides)
    return client.post(URL, data)


def test_application_is_stored_with_private_deliberation(client, commune, private_media):
    response = post(client)
    assert response.status_code == 200
    assert "Brumeval" in response.content.decode()
    application = MembershipApplication.objects.get()
    assert application.status == ApplicationStatus.PENDING
    assert application.siret == "21990001600011"
    assert str(private_media) in application.deliberation.path
    with pytest.raises(ValueError):
        application.deliberation.url  # noqa: B018 - no public address


def test_not_a_pdf_is_refused_and_nothing_stored(client, commune):
    response = post(client, deliberation=pdf(b"MZ not a pdf", "x.pdf"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "pas un PDF" in html and 'value="Camille Exemple"' in html
    assert not MembershipApplication.objects.exists()


def test_too_big_and_bad_siret_and_unknown_code(client, commune, settings):
    settings.DUES_DELIBERATION_MAX_BYTES = 10
    html = post(client, siret="123", collectivity_code="00000").content.decode()
    assert "5 Mo au plus" in html and "14 chiffres" in html and "Aucune collectivité" in html
    assert not MembershipApplication.objects.exists()


def test_member_cannot_apply(client, commune):
    Membership.objects.create(collectivity=commune, started_on=timezone.localdate(), paid_until=None)
    html = post(client).content.decode()
    assert "déjà adhérente" in html
    assert not MembershipApplication.objects.exists()


def test_staff_accept_creates_pending_membership_and_first_invoice(client, admin_client, commune):
    post(client)
    application = MembershipApplication.objects.get()
    url = f"/admin/cotisations/demandes/{application.pk}/decision/"
    assert "Télécharger la délibération" in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"decision": "accept"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    membership = Membership.objects.get(collectivity=commune)
    assert membership.get_status() == MembershipStatus.PENDING
    invoice = Invoice.objects.get()
    assert application.invoice == invoice
    assert (invoice.amount_cents, invoice.siret, invoice.chorus_service_code) == (
        40000,
        "21990001600011",
        "SERVICE-FIN",
    )


def test_accept_without_tier_writes_nothing(client, admin_client, commune):
    post(client)
    DuesTier.objects.all().delete()
    application = MembershipApplication.objects.get()
    response = admin_client.post(
        f"/admin/cotisations/demandes/{application.pk}/decision/", {"decision": "accept"}
    )
    assert response.status_code == 400
    assert "Aucune tranche" in response.content.decode()
    assert not Membership.objects.exists() and not Invoice.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_refuse_needs_a_reason(client, admin_client, commune):
    post(client)
    application = MembershipApplication.objects.get()
    url = f"/admin/cotisations/demandes/{application.pk}/decision/"
    assert admin_client.post(url, {"decision": "refuse", "reason": " "}).status_code == 400
    assert admin_client.post(url, {"decision": "refuse", "reason": "Hors périmètre"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED
    assert not Membership.objects.exists()


def test_deliberation_served_to_staff_only(admin_client, commune):
    from django.test import Client

    post(Client())
    client = Client()
    application = MembershipApplication.objects.get()
    url = f"/admin/cotisations/demandes/{application.pk}/deliberation/"
    assert client.get(url).status_code == 302  # to the admin login
    someone = get_user_model().objects.create_user("nobody", "nobody@example.test", "x")
    client.force_login(someone)
    assert client.get(url).status_code in (302, 403)
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
