"""Browser journeys of the member portal (Playwright, system Chromium)."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from editorial.models import StandardPage
from members import demo as members_demo
from members.models import MemberRole, Role
from tests.members.conftest import PASSWORD, make_person, make_side

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ours(transactional_db, demo_site):
    """A member collectivity, in the demo site."""
    import datetime

    from django.utils import timezone

    return make_side("a", "Brumeval-sur-Onde", timezone.localdate() + datetime.timedelta(days=200))


def log_in(page, email, password=PASSWORD, next_url=""):
    page.goto(f"/compte/connexion/{'?next=' + next_url if next_url else ''}")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.click("form.form button[type=submit]")


def test_invited_person_signs_up_verifies_and_lands_on_the_portal(page, new_page, ours):
    # The référent invites a person from the portal.
    log_in(page, ours.referent.email)
    page.wait_for_url("**/espace-membre/")
    page.fill("#id_email", "nouvelle.agente@mairie.test")
    page.select_option("#id_role", "agent")
    page.click("text=Envoyer l'invitation")
    assert (
        page.locator(".messages").inner_text().startswith("Invitation envoyée à nouvelle.agente@mairie.test")
    )

    # The invited person opens the link of the email in their own browser.
    invitation_email = mail.outbox[-1]
    link = re.search(r"https?://\S+/espace-membre/invitation/\S+/", invitation_email.body).group(0)
    invited = new_page()
    invited.goto(urlsplit(link).path)
    assert invited.locator("h1").inner_text() == "Invitation à rejoindre Brumeval-sur-Onde"
    invited.click("text=Créer mon compte")
    assert invited.input_value("#id_email") == "nouvelle.agente@mairie.test"
    invited.fill("#id_first_name", "Nina")
    invited.fill("#id_last_name", "Agente")
    invited.fill("#id_password1", "Une-phrase-de-passe-2026")
    invited.fill("#id_password2", "Une-phrase-de-passe-2026")
    invited.click("form.form button[type=submit]")
    invited.wait_for_url("**/compte/confirmer-adresse/")

    # The verification email; its link confirms the address and logs the person in.
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["nouvelle.agente@mairie.test"]
    confirm_link = re.search(r"https?://\S+/compte/confirmer-adresse/\S+/", confirmation.body).group(0)
    invited.goto(urlsplit(confirm_link).path)
    invited.click("form.form button[type=submit]")
    invited.wait_for_url("**/espace-membre/")

    assert invited.locator("h1").inner_text() == "Espace membre · Brumeval-sur-Onde"
    assert "vous faites désormais partie de Brumeval-sur-Onde" in invited.locator(".messages").inner_text()
    assert MemberRole.objects.get(user__email="nouvelle.agente@mairie.test").role == Role.AGENT


def test_a_referent_changes_a_role(page, ours):
    log_in(page, ours.referent.email)
    page.wait_for_url("**/espace-membre/")
    agent_role = ours.role_of(ours.agent)

    page.select_option(f"#role-{agent_role.pk}", "elu")
    page.locator(f"form[action='/espace-membre/personnes/{agent_role.pk}/role/'] button").click()

    assert "Rôle modifié" in page.locator(".messages").inner_text()
    assert page.locator(f"#role-{agent_role.pk}").input_value() == "elu"
    assert ours.role_of(ours.agent).role == Role.ELU


def test_a_member_opens_a_members_only_page_a_visitor_is_refused(page, new_page, ours, demo_site):
    restricted = StandardPage(title="Boîte à outils des adhérents", slug="boite-a-outils", members_only=True)
    restricted.introduction = "Des ressources réservées aux adhérents."
    demo_site.add_child(instance=restricted)
    restricted.save_revision().publish()

    visitor = new_page()
    response = visitor.goto("/boite-a-outils/")
    assert response.status == 403
    assert "réservée aux personnes des collectivités adhérentes" in visitor.content()
    assert "Des ressources réservées aux adhérents." not in visitor.content()

    log_in(page, ours.agent.email, next_url="/boite-a-outils/")
    page.wait_for_url("**/boite-a-outils/")
    assert page.locator("h1").inner_text() == "Boîte à outils des adhérents"
    assert "Des ressources réservées aux adhérents." in page.content()


def test_staff_cannot_reach_the_admin_without_totp(page, transactional_db, demo_site):
    staff = make_person("equipe@villes-internet.test")
    staff.is_staff = staff.is_superuser = True
    staff.save()

    page.goto("/admin/")
    page.wait_for_url("**/compte/connexion/?next=/admin/")
    page.fill("#id_login", staff.email)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")

    page.wait_for_url(re.compile(r".*/compte/(securite/application/activer|reauthentification)/.*"))
    assert "double authentification" in page.locator(".messages").inner_text()
    page.goto("/admin/pages/")
    assert "/admin/" not in urlsplit(page.url).path


def test_demo_staff_reaches_the_admin_with_the_documented_totp_secret(page, demo_site):
    members_demo.ensure_admin_two_factor(lambda message: None)
    from home.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD

    log_in(page, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, next_url="/admin/")
    page.wait_for_url("**/compte/securite/verification/**")
    import time

    code = format_hotp_value(hotp_value(members_demo.DEMO_ADMIN_TOTP_SECRET, int(time.time()) // 30))
    page.fill("#id_code", code)
    page.click("form.form button[type=submit]")

    page.wait_for_url("**/admin/")
    assert "Tableau de bord" in page.title()
