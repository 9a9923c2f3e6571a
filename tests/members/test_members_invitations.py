"""Invitations that cannot be misused: cancelled, replaced, voided when their person's place
changes, never changing a member's role, limited, with the inviter's name quoted where it cannot
pass for the message, and refused to a collectivity whose membership is not up to date."""

import datetime
from html import unescape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, Site

from core.models import SiteSettings
from members import services
from members.emails import invitation_message
from members.models import Invitation, MemberRole, Membership, Role
from tests.editorial.htmlparse import parse

from .conftest import make_person

pytestmark = pytest.mark.django_db

#: The default of settings.MEMBERS_INVITATIONS_PER_INVITER_PER_HOUR.
PER_INVITER_PER_HOUR = 10


def invite(side, email: str, role: str = Role.AGENT, actor=None) -> Invitation:
    return services.invite(
        actor=actor or side.referent, collectivity=side.collectivity, email=email, role=role
    )


def link_of(invitation: Invitation) -> str:
    return f"/espace-membre/invitation/{invitation.token}/"


# --- cancel ----------------------------------------------------------------------------------


def test_a_referent_cancels_a_pending_invitation_from_the_portal(client, ours):
    invitation = invite(ours, "annulee@mairie.test")
    client.force_login(ours.referent)

    portal = parse(client.get("/espace-membre/").content)
    form = portal.find("form", action=f"/espace-membre/invitations/{invitation.pk}/annuler/")
    assert form is not None and form.get("method") == "post"
    assert form.find("input", name="csrfmiddlewaretoken") is not None
    assert "annulee@mairie.test" in form.find("button").text

    response = client.post(f"/espace-membre/invitations/{invitation.pk}/annuler/", follow=True)

    assert "L'invitation de annulee@mairie.test est annulée" in unescape(response.content.decode())
    invitation.refresh_from_db()
    assert invitation.status == "cancelled"
    assert not Invitation.objects.pending().exists()
    assert ModelLogEntry.objects.get(action=services.ACTION_CANCEL_INVITATION).user == ours.referent
    client.logout()
    page = client.get(link_of(invitation))
    assert page.status_code == 410
    assert "a été annulée" in unescape(page.content.decode())
    with pytest.raises(ValidationError):
        services.accept_invitation(token=invitation.token, user=make_person("annulee@mairie.test"))
    assert not MemberRole.objects.filter(user__email="annulee@mairie.test").exists()


def test_only_a_referent_of_the_collectivity_cancels(client, ours, theirs):
    invitation = invite(ours, "attente@mairie.test")

    for person in (theirs.referent, ours.agent):
        client.force_login(person)
        assert client.post(f"/espace-membre/invitations/{invitation.pk}/annuler/").status_code == 404
    assert client.get(f"/espace-membre/invitations/{invitation.pk}/annuler/").status_code == 405

    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_accepted_invitation_cannot_be_cancelled(ours):
    invitation = invite(ours, "deja@mairie.test")
    services.accept_invitation(token=invitation.token, user=make_person("deja@mairie.test"))

    with pytest.raises(ValidationError) as error:
        services.cancel_invitation(actor=ours.referent, invitation=invitation)

    assert "n'est plus en attente" in str(error.value)
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"


# --- replace and void ------------------------------------------------------------------------


def test_a_new_invitation_to_the_same_address_replaces_the_pending_one(client, ours, theirs):
    first = invite(ours, "double@mairie.test", Role.AGENT)
    elsewhere = invite(theirs, "double@mairie.test", Role.AGENT)
    second = invite(ours, "Double@Mairie.test", Role.ELU)

    assert Invitation.objects.get(pk=first.pk).status == "replaced"
    assert Invitation.objects.get(pk=elsewhere.pk).status == "pending"
    assert list(Invitation.objects.pending().filter(collectivity=ours.collectivity)) == [second]
    page = client.get(link_of(first))
    assert page.status_code == 410
    assert "remplacée par une invitation plus récente" in unescape(page.content.decode())

    person = make_person("double@mairie.test")
    with pytest.raises(ValidationError):
        services.accept_invitation(token=first.token, user=person)
    assert services.accept_invitation(token=second.token, user=person).role == Role.ELU


def test_a_removed_person_is_not_brought_back_by_an_older_invitation(ours):
    # An invitation sent to the agent's address before they joined by another one.
    old = Invitation.objects.create(
        email=ours.agent.email, collectivity=ours.collectivity, role=Role.AGENT, invited_by=ours.referent
    )

    services.remove_person(actor=ours.referent, member_role=ours.role_of(ours.agent))

    assert Invitation.objects.get(pk=old.pk).status == "voided"
    with pytest.raises(ValidationError) as error:
        services.accept_invitation(token=old.token, user=ours.agent)
    assert "n'est plus valable" in str(error.value)
    assert not MemberRole.objects.filter(user=ours.agent, collectivity=ours.collectivity).exists()


def test_a_role_change_voids_the_persons_older_invitations(ours):
    old = Invitation.objects.create(
        email=ours.elu.email, collectivity=ours.collectivity, role=Role.REFERENT, invited_by=ours.referent
    )

    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.elu), role=Role.AGENT)

    with pytest.raises(ValidationError):
        services.accept_invitation(token=old.token, user=ours.elu)
    assert ours.role_of(ours.elu).role == Role.AGENT


def test_accepting_voids_the_persons_other_invitations(ours):
    person = make_person("perso@mairie.test")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=person, email="pro@mairie.test", verified=True, primary=False)
    as_agent = invite(ours, "perso@mairie.test", Role.AGENT)
    as_referent = invite(ours, "pro@mairie.test", Role.REFERENT)

    services.accept_invitation(token=as_agent.token, user=person)

    assert Invitation.objects.get(pk=as_referent.pk).status == "voided"
    with pytest.raises(ValidationError):
        services.accept_invitation(token=as_referent.token, user=person)
    assert MemberRole.objects.get(user=person).role == Role.AGENT


def test_an_invitation_never_changes_the_role_of_a_member(ours):
    # An invitation left over from before the agent joined (staff data, an import, …).
    leftover = Invitation.objects.create(
        email=ours.agent.email, collectivity=ours.collectivity, role=Role.REFERENT, invited_by=ours.referent
    )

    member_role = services.accept_invitation(token=leftover.token, user=ours.agent)

    assert member_role.role == Role.AGENT
    assert ours.role_of(ours.agent).role == Role.AGENT


def test_invite_refuses_an_address_a_member_has_verified(ours):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=ours.agent, email="autre@mairie.test", verified=True, primary=False)

    with pytest.raises(ValidationError) as error:
        invite(ours, "autre@mairie.test", Role.REFERENT)

    assert "fait déjà partie" in str(error.value)
    assert not Invitation.objects.exists()


# --- limits ----------------------------------------------------------------------------------


def test_a_burst_of_invitations_is_stopped_with_a_french_message(ours, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(PER_INVITER_PER_HOUR):
            invite(ours, f"personne{number}@mairie.test")
        with pytest.raises(ValidationError) as error:
            invite(ours, "une-de-trop@mairie.test")

    assert "c'est le maximum" in str(error.value)
    assert Invitation.objects.count() == PER_INVITER_PER_HOUR
    assert not Invitation.objects.filter(email="une-de-trop@mairie.test").exists()
    assert len(mail.outbox) == PER_INVITER_PER_HOUR
    assert ModelLogEntry.objects.filter(action=services.ACTION_INVITE).count() == len(mail.outbox)


@override_settings(MEMBERS_INVITATIONS_PER_INVITER_PER_HOUR=2)
def test_the_limit_per_inviter_counts_the_last_hour(ours):
    invite(ours, "a@mairie.test")
    invite(ours, "b@mairie.test")
    with pytest.raises(ValidationError):
        invite(ours, "c@mairie.test")

    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    invite(ours, "c@mairie.test")


@override_settings(MEMBERS_INVITATIONS_PER_COLLECTIVITY_PER_DAY=3)
def test_the_limit_per_collectivity_counts_every_inviter(ours, theirs):
    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.elu), role=Role.REFERENT)
    invite(ours, "a@mairie.test", actor=ours.referent)
    invite(ours, "b@mairie.test", actor=ours.elu)
    invite(ours, "c@mairie.test", actor=ours.referent)

    with pytest.raises(ValidationError) as error:
        invite(ours, "d@mairie.test", actor=ours.elu)

    assert "pour Brumeval-sur-Onde depuis hier" in str(error.value)
    assert Invitation.objects.count() == 3
    invite(theirs, "d@mairie.test")  # another collectivity has its own count


@override_settings(MEMBERS_MAX_PENDING_INVITATIONS=2)
def test_pending_invitations_are_capped_per_collectivity(client, ours):
    invite(ours, "a@mairie.test")
    invite(ours, "b@mairie.test")
    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    client.force_login(ours.referent)

    response = client.post("/espace-membre/inviter/", {"email": "c@mairie.test", "role": "elu"})

    assert response.status_code == 200
    assert "2 invitations en attente : c'est le maximum" in unescape(response.content.decode())
    assert not Invitation.objects.filter(email="c@mairie.test").exists()
    # Sending again to an address replaces its invitation: allowed.
    invite(ours, "a@mairie.test", Role.ELU)
    assert Invitation.objects.pending().count() == 2


# --- the email -------------------------------------------------------------------------------

HOSTILE = "URGENT: vérifiez votre compte sur https://banque.example/login"


def test_the_inviters_name_is_quoted_after_the_message_never_in_the_subject_or_first_line(
    ours, django_capture_on_commit_callbacks
):
    ours.referent.first_name = HOSTILE
    ours.referent.last_name = ""
    ours.referent.save()

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(ours, "cible@mairie.test", Role.ELU)

    message = mail.outbox[0]
    assert "URGENT" not in message.subject and "banque" not in message.subject
    lines = [line for line in message.body.splitlines() if line.strip()]
    assert lines[0] == "Bonjour,"
    assert "URGENT" not in lines[1]
    url = link_of(invitation)
    assert message.body.index("URGENT") > message.body.index(url)
    assert (
        "Invitation envoyée par : « URGENT: vérifiez votre compte sur https[:]//banque.example/login »"
        in (message.body)
    )
    assert "https://banque.example" not in message.body
    html = message.alternatives[0][0]
    doc = parse(html)
    paragraphs = [p.text for p in doc.find_all("p")]
    assert "URGENT" not in "".join(paragraphs[:2])
    assert all("banque" not in (a.get("href") or "") + a.text for a in doc.find_all("a"))
    assert "https://banque.example" not in html


def test_a_long_or_multiline_name_stays_on_one_short_line(ours):
    ours.referent.first_name = "Ligne\nSubject: piège " + "x" * 120
    ours.referent.last_name = "y" * 100
    ours.referent.save()
    invitation = invite(ours, "cible@mairie.test")

    body = invitation_message(invitation).body

    quoted = next(line for line in body.splitlines() if line.startswith("Invitation envoyée par"))
    assert "Ligne Subject: piège" in quoted and len(quoted) < 120
    assert not any(line.startswith("Subject:") for line in body.splitlines())


# --- membership not up to date ---------------------------------------------------------------


@pytest.mark.parametrize("change", ["lapsed", "resigned"])
def test_a_collectivity_whose_membership_is_not_up_to_date_cannot_invite(client, ours, change):
    if change == "lapsed":
        Membership.objects.filter(pk=ours.membership.pk).update(paid_until=datetime.date(2021, 1, 1))
    else:
        Membership.objects.filter(pk=ours.membership.pk).update(resigned=True)
    site = Site.objects.get(is_default_site=True)
    join_page = Page.objects.get(pk=site.root_page_id)
    settings = SiteSettings.for_site(site)
    settings.join_page = join_page
    settings.save()

    with pytest.raises(ValidationError) as error:
        invite(ours, "nouveau@mairie.test")
    assert "renouvelez-la pour inviter" in str(error.value)

    client.force_login(ours.referent)
    portal = client.get("/espace-membre/")
    doc = parse(portal.content)
    assert doc.find("form", action="/espace-membre/inviter/") is None
    assert "renouvelez-la pour inviter" in unescape(portal.content.decode())
    assert doc.find("a", href=join_page.url) is not None
    posted = client.post("/espace-membre/inviter/", {"email": "nouveau@mairie.test", "role": "elu"})
    assert "renouvelez-la pour inviter" in unescape(posted.content.decode())
    assert not Invitation.objects.exists() and not mail.outbox
