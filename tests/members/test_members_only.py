"""Members-only pages: open to people of a collectivity whose membership is active or in
grace, explained to everyone else (403, how to join), and left out of listings and sitemap."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from editorial.models import StandardPage
from members.access import can_open_members_only, visible_pages
from members.models import Membership
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(demo_site):
    page = StandardPage(title="Boîte à outils des adhérents", slug="boite-a-outils", members_only=True)
    page.introduction = "Des ressources réservées."
    demo_site.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def test_a_visitor_is_told_how_to_join(client, restricted):
    response = client.get(restricted.url)

    assert response.status_code == 403
    doc = parse(response.content)
    assert [h1.text for h1 in doc.find_all("h1")] == ["Boîte à outils des adhérents"]
    assert "réservée aux personnes des collectivités adhérentes" in response.content.decode()
    links = [a.get("href") for a in doc.find_all("a")]
    assert "/adherer/" in links
    assert f"/compte/connexion/?next={restricted.url}" in [link.replace("%2F", "/") for link in links]
    assert "Des ressources réservées" not in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_a_member_of_an_active_collectivity_reads_it(client, restricted, ours):
    client.force_login(ours.agent)
    response = client.get(restricted.url)
    assert response.status_code == 200
    assert "Des ressources réservées" in response.content.decode()


def test_grace_opens_it_lapsed_and_resigned_do_not(client, restricted, ours):
    client.force_login(ours.agent)
    today = timezone.localdate()
    Membership.objects.filter(pk=ours.membership.pk).update(paid_until=today - datetime.timedelta(days=10))
    assert client.get(restricted.url).status_code == 200

    Membership.objects.filter(pk=ours.membership.pk).update(paid_until=today - datetime.timedelta(days=400))
    assert client.get(restricted.url).status_code == 403

    Membership.objects.filter(pk=ours.membership.pk).update(paid_until=today, resigned=True)
    response = client.get(restricted.url)
    assert response.status_code == 403
    assert "aucune collectivité dont l" in response.content.decode()


def test_visible_pages_hides_restricted_pages_from_those_who_cannot_open_them(
    restricted, ours, django_user_model
):
    from django.contrib.auth.models import AnonymousUser

    everything = Page.objects.live()
    assert restricted.pk in visible_pages(everything, ours.agent).values_list("pk", flat=True)
    assert restricted.pk not in visible_pages(everything, AnonymousUser()).values_list("pk", flat=True)
    # The demo's own members-only pages: the resources page and its child, in both languages.
    assert visible_pages(everything, AnonymousUser()).count() == everything.count() - 1 - 4
    assert can_open_members_only(ours.agent) and not can_open_members_only(AnonymousUser())


def test_restricted_pages_stay_out_of_the_sitemap(restricted):
    assert restricted.get_sitemap_urls() == []
    other = StandardPage.objects.live().exclude(pk=restricted.pk).first()
    assert other.get_sitemap_urls()
