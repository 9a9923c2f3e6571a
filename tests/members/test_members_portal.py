"""The member portal: what a person sees, référent actions, and isolation of every member URL."""

import json
from html import unescape

import pytest
from django.core import mail

from members import services
from members.models import Invitation, MemberRole, Role
from members.signals import SESSION_INVITATION_KEY
from tests.editorial.htmlparse import parse

from .conftest import PASSWORD, make_person

pytestmark = pytest.mark.django_db


def roles_snapshot():
    return sorted(MemberRole.objects.values_list("user_id", "collectivity_id", "role"))


def test_visitors_are_sent_to_login_and_back(client):
    response = client.get("/espace-membre/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/connexion/?next=/espace-membre/"


def test_portal_shows_the_collectivity_status_period_and_people(client, ours, theirs):
    client.force_login(ours.elu)

    response = client.get("/espace-membre/")

    html = response.content.decode()
    doc = parse(response.content)
    assert doc.find("h1").text == "Espace membre · Brumeval-sur-Onde"
    assert "À jour" in html
    assert ours.membership.paid_until.strftime("%Y") in html
    people = [row.find("th").text for row in doc.find("table").find("tbody").find_all("tr")]
    assert len(people) == 3 and any("Référente a" in name for name in people)
    assert "Songemont" not in html and "Référente b" not in html
    # An élu sees no référent action.
    assert "Changer le rôle" not in html and "Inviter une personne" not in html


def test_referent_sees_the_actions(client, ours):
    client.force_login(ours.referent)

    html = client.get("/espace-membre/").content.decode()

    assert "Inviter une personne" in html
    assert html.count("Changer le rôle") == 3


def test_portal_query_count_does_not_grow_with_people(client, ours, django_assert_max_num_queries):
    client.force_login(ours.referent)

    def add_people(count, start):
        for index in range(start, start + count):
            person = make_person(f"p{index}@mairie.test", "Prénom", f"Nom {index}")
            MemberRole.objects.create(user=person, collectivity=ours.collectivity, role=Role.AGENT)
            Invitation.objects.create(
                email=f"i{index}@mairie.test", collectivity=ours.collectivity, role=Role.ELU
            )

    add_people(5, 0)
    client.get("/espace-membre/")  # warm up: site settings and the like are cached
    with django_assert_max_num_queries(20) as small:
        assert client.get("/espace-membre/").status_code == 200
    add_people(10, 5)
    with django_assert_max_num_queries(20) as large:
        response = client.get("/espace-membre/")
    assert response.content.decode().count("Changer le rôle") == 18
    assert len(large.captured_queries) == len(small.captured_queries)


def test_referent_invites_from_the_portal(client, ours, django_capture_on_commit_callbacks):
    client.force_login(ours.referent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/espace-membre/inviter/", {"email": "nouveau@mairie.test", "role": "elu"}, follow=True
        )

    assert "Invitation envoyée à nouveau@mairie.test" in response.content.decode()
    assert Invitation.objects.get().collectivity == ours.collectivity
    assert [message.to for message in mail.outbox] == [["nouveau@mairie.test"]]


def invite_form_values(response) -> tuple[str, str]:
    """The address and the role the portal's invite form shows."""
    form = parse(response.content).find("form", action="/espace-membre/inviter/")
    selected = [option.get("value") for option in form.find_all("option") if "selected" in option.attrs]
    return form.find("input", name="email").get("value"), selected[0]


def test_bad_invitation_keeps_nothing_and_says_why(client, ours, django_capture_on_commit_callbacks):
    client.force_login(ours.referent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/espace-membre/inviter/", {"email": "pas-une-adresse", "role": "elu"}, follow=True
        )

    assert "adresse électronique valide" in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_the_invite_form_keeps_what_was_typed_after_an_error(client, ours):
    client.force_login(ours.referent)

    typo = client.post("/espace-membre/inviter/", {"email": "marie.durand@mairie", "role": "elu"})
    member = client.post("/espace-membre/inviter/", {"email": ours.agent.email.upper(), "role": "referent"})

    assert typo.status_code == 200
    assert "adresse électronique valide" in typo.content.decode()
    alert = parse(typo.content).find("p", role="alert")
    assert "L'invitation n'est pas partie" in unescape(alert.text)
    assert alert.find("a").get("href") == "#inviter"
    assert invite_form_values(typo) == ("marie.durand@mairie", "elu")
    assert member.status_code == 200
    assert "Cette personne fait déjà partie de la collectivité" in unescape(member.content.decode())
    assert invite_form_values(member) == (ours.agent.email.upper(), "referent")
    assert not Invitation.objects.exists()
    # The rest of the portal is still there.
    assert parse(member.content).find("h1").text == "Espace membre · Brumeval-sur-Onde"


def test_referent_changes_a_role(client, ours):
    client.force_login(ours.referent)
    agent_role = ours.role_of(ours.agent)

    response = client.post(
        f"/espace-membre/personnes/{agent_role.pk}/role/", {"role": "referent"}, follow=True
    )

    assert "Rôle modifié" in response.content.decode()
    assert ours.role_of(ours.agent).role == Role.REFERENT


def test_last_referent_cannot_step_down_from_the_portal(client, ours):
    client.force_login(ours.referent)
    own = ours.role_of(ours.referent)

    response = client.post(f"/espace-membre/personnes/{own.pk}/role/", {"role": "agent"}, follow=True)
    removed = client.post(f"/espace-membre/personnes/{own.pk}/retirer/", follow=True)

    assert "seul référent de Brumeval-sur-Onde" in response.content.decode()
    assert "seul référent de Brumeval-sur-Onde" in removed.content.decode()
    assert ours.role_of(ours.referent).role == Role.REFERENT


def test_referent_removes_a_person(client, ours):
    client.force_login(ours.referent)

    client.post(f"/espace-membre/personnes/{ours.role_of(ours.elu).pk}/retirer/")

    assert not MemberRole.objects.filter(user=ours.elu).exists()


def test_a_person_of_several_collectivities_switches(client, ours, theirs):
    MemberRole.objects.create(user=ours.agent, collectivity=theirs.collectivity, role=Role.AGENT)
    client.force_login(ours.agent)
    assert "Afficher Songemont-les-Bois" in client.get("/espace-membre/").content.decode()

    response = client.post(
        "/espace-membre/collectivite/", {"collectivity": theirs.collectivity.pk}, follow=True
    )

    assert parse(response.content).find("h1").text == "Espace membre · Songemont-les-Bois"


# --- isolation: every member URL, by a person of another collectivity -----------------------


def test_isolation_portal_shows_only_own_collectivity(client, ours, theirs):
    client.force_login(theirs.referent)
    html = client.get("/espace-membre/").content.decode()
    assert "Brumeval" not in html and ours.referent.email not in html


def test_isolation_choose_another_collectivity(client, ours, theirs):
    client.force_login(theirs.referent)
    response = client.post("/espace-membre/collectivite/", {"collectivity": ours.collectivity.pk})
    assert response.status_code == 404
    assert services.current_collectivity(theirs.referent) == theirs.collectivity


@pytest.mark.parametrize("action", ["role", "retirer"])
def test_isolation_role_actions_on_another_collectivity(client, ours, theirs, action):
    before = roles_snapshot()
    client.force_login(theirs.referent)
    for target in (ours.referent, ours.elu, ours.agent):
        response = client.post(
            f"/espace-membre/personnes/{ours.role_of(target).pk}/{action}/", {"role": "agent"}
        )
        assert response.status_code == 404
    assert roles_snapshot() == before


@pytest.mark.parametrize("action", ["role", "retirer"])
def test_isolation_non_referents_cannot_act(client, ours, action):
    before = roles_snapshot()
    client.force_login(ours.elu)
    response = client.post(
        f"/espace-membre/personnes/{ours.role_of(ours.agent).pk}/{action}/", {"role": "referent"}
    )
    assert response.status_code == 404
    assert roles_snapshot() == before


def test_isolation_invite_acts_only_on_own_collectivity(client, ours, theirs):
    client.force_login(theirs.referent)
    client.post(
        "/espace-membre/inviter/",
        {"email": "x@mairie.test", "role": "referent", "collectivity": ours.collectivity.pk},
    )
    assert not Invitation.objects.filter(collectivity=ours.collectivity).exists()

    client.force_login(ours.agent)
    response = client.post("/espace-membre/inviter/", {"email": "y@mairie.test", "role": "referent"})
    assert response.status_code == 404
    assert not Invitation.objects.filter(email="y@mairie.test").exists()


def test_isolation_invitation_of_another_collectivity_for_another_address(client, ours, theirs):
    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email="invitee@mairie.test", role=Role.REFERENT
    )
    before = roles_snapshot()
    client.force_login(theirs.referent)

    response = client.post(f"/espace-membre/invitation/{invitation.token}/")

    assert response.status_code == 403
    assert "invitee@mairie.test" in response.content.decode()
    assert roles_snapshot() == before
    assert Invitation.objects.get(pk=invitation.pk).used_at is None


def test_isolation_personal_pages_show_only_own_data(client, ours, theirs):
    client.force_login(theirs.agent)
    profile = client.get("/espace-membre/profil/").content.decode()
    data = client.get("/espace-membre/mes-donnees/").content.decode()
    closing = client.get("/espace-membre/fermer-mon-compte/").content.decode()
    for html in (profile, data, closing):
        assert ours.agent.email not in html and "Brumeval" not in html


# --- invitation links ------------------------------------------------------------------------


def test_unknown_used_and_expired_links_say_so_clearly(client, ours):
    unknown = client.get("/espace-membre/invitation/nimportequoi/")
    assert unknown.status_code == 404
    assert "n'est pas valable" in unescape(unknown.content.decode())

    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email="n@mairie.test", role="elu"
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at="2020-01-01T00:00:00Z")
    expired = client.get(f"/espace-membre/invitation/{invitation.token}/")
    assert expired.status_code == 410
    assert "a expiré le 01/01/2020" in expired.content.decode()

    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at="2099-01-01T00:00:00Z", used_at="2026-01-01T00:00:00Z"
    )
    used = client.get(f"/espace-membre/invitation/{invitation.token}/")
    assert used.status_code == 410
    assert "déjà été utilisée" in used.content.decode()


def test_a_visitor_is_offered_signup_with_the_address_prefilled(client, ours):
    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email="n@mairie.test", role="elu"
    )

    response = client.get(f"/espace-membre/invitation/{invitation.token}/")

    doc = parse(response.content)
    signup = doc.find("a", class_="button")
    assert signup.get("href") == "/compte/inscription/?email=n%40mairie.test"
    assert client.session[SESSION_INVITATION_KEY] == invitation.token
    signup_page = client.get(signup.get("href")).content.decode()
    assert 'value="n@mairie.test"' in signup_page


def test_invitation_is_accepted_when_the_invited_person_logs_in(client, ours):
    person = make_person("n@mairie.test")
    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email="n@mairie.test", role="elu"
    )
    client.get(f"/espace-membre/invitation/{invitation.token}/")

    response = client.post(
        "/compte/connexion/", {"login": "n@mairie.test", "password": "Membre-test-2026"}, follow=True
    )

    assert MemberRole.objects.get(user=person).collectivity == ours.collectivity
    assert "vous faites désormais partie de Brumeval-sur-Onde" in response.content.decode()


def test_logged_in_invited_person_accepts_with_a_button(client, ours, theirs):
    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email=theirs.agent.email, role="elu"
    )
    client.force_login(theirs.agent)
    page = client.get(f"/espace-membre/invitation/{invitation.token}/")
    assert "Accepter l'invitation" in page.content.decode()

    response = client.post(f"/espace-membre/invitation/{invitation.token}/")

    assert response["Location"] == "/espace-membre/"
    assert MemberRole.objects.get(user=theirs.agent, collectivity=ours.collectivity).role == Role.ELU


# --- personal data ---------------------------------------------------------------------------


def test_download_my_data(client, ours):
    client.force_login(ours.agent)

    response = client.get("/espace-membre/mes-donnees/")

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["compte"]["adresse_principale"] == ours.agent.email
    assert data["roles"] == [
        {"collectivite": "Brumeval-sur-Onde", "role": "Agent", "depuis": data["roles"][0]["depuis"]}
    ]


def reauthenticate(client) -> None:
    """Type the password again, as allauth asks before closing an account."""
    response = client.post("/compte/reauthentification/", {"password": PASSWORD})
    assert response.status_code == 302, response


def test_closing_an_account_needs_the_password_typed_again(client, ours):
    client.force_login(ours.agent)  # an open session, e.g. left on a shared computer

    response = client.post("/espace-membre/fermer-mon-compte/", {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/reauthentification/?next=")
    ours.agent.refresh_from_db()
    assert ours.agent.is_active and ours.agent.email
    assert MemberRole.objects.filter(user=ours.agent).exists()

    wrong = client.post(f"{response['Location']}", {"password": "pas-le-bon"})
    assert wrong.status_code == 200
    ours.agent.refresh_from_db()
    assert ours.agent.is_active

    # The right password resumes the request: the account is closed.
    client.post(response["Location"], {"password": PASSWORD})
    ours.agent.refresh_from_db()
    assert not ours.agent.is_active and ours.agent.email == ""


def test_close_my_account_keeps_the_collectivity_records_without_the_name(client, ours):
    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.agent), role=Role.ELU)
    client.force_login(ours.agent)
    reauthenticate(client)

    response = client.post("/espace-membre/fermer-mon-compte/", {"confirm": "on"})

    assert response.status_code == 302
    ours.agent.refresh_from_db()
    assert not ours.agent.is_active and ours.agent.email == "" and ours.agent.last_name == ""
    assert not MemberRole.objects.filter(user=ours.agent).exists()
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action=services.ACTION_CHANGE_ROLE)
    assert entry.data["email"] == services.ANONYMISED
    assert client.get("/espace-membre/").status_code == 302


def test_the_last_referent_cannot_close_their_account(client, ours):
    client.force_login(ours.referent)
    reauthenticate(client)

    response = client.post("/espace-membre/fermer-mon-compte/", {"confirm": "on"})

    assert response.status_code == 200
    assert "seul référent de Brumeval-sur-Onde" in response.content.decode()
    ours.referent.refresh_from_db()
    assert ours.referent.is_active and ours.referent.email


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/espace-membre/"),
        ("get", "/espace-membre/profil/"),
        ("get", "/espace-membre/mes-donnees/"),
        ("get", "/espace-membre/fermer-mon-compte/"),
        ("post", "/espace-membre/inviter/"),
    ],
)
def test_member_pages_are_never_kept_by_a_cache(client, ours, method, url):
    """What a member sees (names, roles, their data) is theirs: no proxy or browser stores it."""
    client.force_login(ours.referent)

    response = getattr(client, method)(url)

    assert response.status_code in (200, 302), response.status_code
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
