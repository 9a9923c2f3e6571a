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


# --- children of a members-only page, on every surface ---------------------------------------


def child_of(parent, title: str, **fields) -> StandardPage:
    page = StandardPage(title=title, slug=fields.pop("slug", "fiche-reservee"), **fields)
    Page.objects.get(pk=parent.pk).add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def test_a_child_of_a_members_only_page_is_members_only_on_every_surface(client, restricted, ours):
    child = child_of(restricted, "Fiche zanzibarique", introduction="Une fiche zanzibarique réservée.")

    assert client.get(child.url).status_code == 403
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/boite-a-outils/" not in sitemap and child.url not in sitemap
    assert "<loc>http://testserver/</loc>" in sitemap
    assert "Fiche zanzibarique" not in client.get("/recherche/", {"q": "zanzibarique"}).content.decode()

    client.force_login(ours.agent)
    assert client.get(child.url).status_code == 200
    assert "Fiche zanzibarique" in client.get("/recherche/", {"q": "zanzibarique"}).content.decode()


@pytest.fixture
def news(demo_site):
    from editorial.models import NewsCategory
    from tests.editorial.news_helpers import make_article, make_index

    index = make_index(demo_site)
    category = NewsCategory.objects.create(locale=demo_site.locale, name="Label", slug="label")
    public = make_article(index, "Article ouvert à tous", categories=[category], slug="ouvert")
    secret = make_article(
        index, "Article des adhérents", categories=[category], slug="reserve", members_only=True
    )
    return index, public, secret


def feed_titles(client, path: str) -> list[str]:
    import feedparser

    response = client.get(path)
    assert response.status_code == 200
    return [entry.title for entry in feedparser.parse(response.content).entries]


def test_members_only_articles_stay_out_of_the_feeds_and_the_listing(client, news, ours):
    index, public, secret = news

    assert client.get(secret.url).status_code == 403
    for feed in ("/actualites/flux/rss/", "/actualites/flux/atom/"):
        assert feed_titles(client, feed) == ["Article ouvert à tous"]
    listing = client.get("/actualites/").content.decode()
    assert "Article ouvert à tous" in listing and "Article des adhérents" not in listing
    # Nor as a related article of a public one (same category).
    assert "Article des adhérents" not in client.get(public.url).content.decode()

    # A member finds it in the listing; a feed, which anyone can read, still leaves it out.
    client.force_login(ours.agent)
    assert "Article des adhérents" in client.get("/actualites/").content.decode()
    assert feed_titles(client, "/actualites/flux/rss/") == ["Article ouvert à tous"]


def test_the_feeds_of_a_members_only_news_index_are_refused(client, news):
    index, _public, _secret = news
    index.members_only = True
    index.save_revision().publish()

    assert client.get("/actualites/flux/rss/").status_code == 403
    assert client.get("/actualites/flux/atom/").status_code == 403
    assert client.get("/actualites/").status_code == 403


# --- documents of members-only pages -----------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    """Files on disk in a fresh MEDIA_ROOT, and /media/ served as in development (DEBUG)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.ROOT_URLCONF = "tests.core.dev_urls"
    return tmp_path


def uses_documents(*docs) -> list[dict]:
    """A body with a document list and a rich text link to the last document."""
    return [
        {
            "type": "documents",
            "value": {"title": "", "documents": [{"document": doc.pk, "title": ""} for doc in docs]},
        },
        {"type": "rich_text", "value": f'<p><a linktype="document" id="{docs[-1].pk}">Le guide</a></p>'},
    ]


def test_documents_of_a_members_only_page_are_served_to_members_only(
    client, media, restricted, ours, theirs, django_user_model
):
    from core.private_documents import PRIVATE_COLLECTION_NAME, is_private
    from tests.editorial.press_helpers import document

    public = document("Rapport public", b"%PDF-1.4 public", "rapport-public.pdf")
    listed = document("Tarifs des adhérents", b"%PDF-1.4 tarifs", "tarifs.pdf")
    linked = document("Guide des adhérents", b"%PDF-1.4 guide", "guide.pdf")
    for doc in (public, listed, linked):
        assert client.get(doc.url).status_code == 200  # all public before
    assert client.get(f"/media/{listed.file.name}").status_code == 404  # never as a plain file

    child_of(restricted, "Fiche des adhérents", body=uses_documents(listed, linked))

    public.refresh_from_db()
    listed.refresh_from_db()
    linked.refresh_from_db()
    assert not is_private(public)
    assert listed.collection == linked.collection
    assert listed.collection.name == PRIVATE_COLLECTION_NAME and is_private(listed)

    for doc in (listed, linked):
        response = client.get(doc.url)  # anonymous: log in first
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/connexion/?next=")
        assert "no-store" in response["Cache-Control"]
        assert client.get(f"/media/{doc.file.name}").status_code == 404
    assert client.get(public.url).status_code == 200

    # Connected, but no collectivity with a valid membership: told why, no file.
    Membership.objects.filter(pk=theirs.membership.pk).update(resigned=True)
    client.force_login(theirs.agent)
    response = client.get(listed.url)
    assert response.status_code == 403
    assert "Ce document est réservé aux personnes des collectivités adhérentes" in response.content.decode()
    assert "%PDF" not in response.content.decode()
    assert "private" in response["Cache-Control"]

    client.force_login(ours.agent)
    response = client.get(listed.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 tarifs"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert client.get(f"/media/{listed.file.name}").status_code == 404
    assert client.get(public.url).status_code == 200


def test_a_page_moved_under_a_members_only_page_takes_its_documents_along(
    client, media, restricted, demo_site
):
    from core.private_documents import is_private
    from tests.editorial.press_helpers import document

    doc = document("Compte rendu", b"%PDF-1.4 cr", "compte-rendu.pdf")
    page = child_of(demo_site, "Compte rendu du bureau", slug="compte-rendu", body=uses_documents(doc))
    doc.refresh_from_db()
    assert not is_private(doc) and client.get(doc.url).status_code == 200

    page.move(Page.objects.get(pk=restricted.pk), pos="last-child")

    doc.refresh_from_db()
    assert is_private(doc)
    assert client.get(doc.url).status_code == 302
