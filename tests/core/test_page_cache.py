"""The page cache (core.page_cache): anonymous public pages stored and served with X-Cache,
nothing personal ever stored or served to others, Cache-Control for a CDN, and every purge rule."""

import datetime
import subprocess
import sys

import pytest
from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import path
from django.utils import timezone

from config.urls import urlpatterns as site_urlpatterns
from core import page_cache
from home.models import HomePage
from tests.datasets import dataset

pytestmark = pytest.mark.django_db

PURGED_URLS: list[str] = []


class RecordingBackend:
    """A front-end cache backend (wagtail.contrib.frontend_cache) that writes down what it purges."""

    def __init__(self, params):
        self.hostnames = ["*"]

    def invalidates_hostname(self, hostname) -> bool:
        return True

    def purge_batch(self, urls) -> None:
        PURGED_URLS.extend(urls)


# --- views and URLs only these tests serve -----------------------------------------------------


def csrf_form(request):
    template = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
    return HttpResponse(template.render({}, request))


def sets_cookie(request):
    response = HttpResponse("bonjour")
    response.set_cookie("choix", "1")
    return response


def plain(request):
    return HttpResponse("une réponse publique")


urlpatterns = [
    path("essai/formulaire/", csrf_form, name="test_csrf_form"),
    path("essai/cookie/", sets_cookie, name="test_sets_cookie"),
    path("essai/public/", plain, name="test_plain"),
    *site_urlpatterns,
]

TEST_URL_NAMES = {
    "test_csrf_form": ("essai",),
    "test_sets_cookie": ("essai",),
    "test_plain": ("essai",),
    "sitemap": ("sitemap",),
    "webinars:calendar_feed": ("webinars-calendar",),
    "dues:tiers": ("dues-tiers",),
}


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_URL_NAMES = TEST_URL_NAMES
    settings.ROOT_URLCONF = __name__


@dataset("page_cache_news", contains={"demo_site"})
def load_news() -> None:
    from home import demo as home_demo
    from tests.editorial.news_helpers import make_article, make_index

    home_demo.load(lambda message: None)
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    index = make_index(home)
    make_article(index, title="Premier article", slug="premier", date=datetime.date(2026, 1, 2))
    make_article(index, title="Second article", slug="second", date=datetime.date(2026, 1, 3))


@pytest.fixture
def page_cache_news(shared_data, demo_site):
    shared_data.use("page_cache_news")


@pytest.fixture
def news(page_cache_news, cached):
    """The demo site, a news index and two articles, the page cache on; returns an article."""
    from editorial.models import ArticlePage

    return ArticlePage.objects.get(slug="premier")


def status(client, url: str, **extra) -> str:
    response = client.get(url, **extra)
    return f"{response.status_code} {response.get('X-Cache')}"


def states(client, urls) -> dict[str, str]:
    return {url: client.get(url).get("X-Cache") for url in urls}


# --- what is stored, what is served ------------------------------------------------------------


def test_an_anonymous_public_page_is_built_once_then_served_from_the_cache(news, client):
    first = client.get("/association/")
    second = client.get("/association/")

    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (200, "HIT")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_public_pages_tell_browsers_and_cdns_how_long_to_keep_them(news, client, settings):
    settings.PAGE_CACHE_MAX_AGE = 61
    settings.PAGE_CACHE_S_MAXAGE = 1801

    for response in (client.get("/association/"), client.get("/association/")):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=61", "s-maxage=1801"}


def test_without_the_setting_nothing_is_cached(news, client, settings):
    settings.PAGE_CACHE_ENABLED = False

    assert [status(client, "/association/") for _ in range(2)] == ["200 None", "200 None"]


def test_a_logged_in_member_is_never_served_nor_stores_a_page(news, client, django_user_model):
    from members.factories import MemberRoleFactory, MembershipFactory
    from members.models import Role

    membership = MembershipFactory()
    member = MemberRoleFactory(collectivity=membership.collectivity, role=Role.AGENT).user
    client.get("/association/")  # stored for anonymous visitors
    client.force_login(member)

    response = client.get("/association/")
    assert response["X-Cache"] == "BYPASS"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    member_page = client.get("/label/")  # built for the member first: never stored
    assert member_page["X-Cache"] == "BYPASS"

    client.logout()
    client.cookies.clear()
    assert status(client, "/label/") == "200 MISS"


def test_a_members_only_page_is_never_stored(news, client):
    from members.factories import MemberRoleFactory, MembershipFactory
    from members.models import Role

    url = "/ressources-membres/"
    member = MemberRoleFactory(collectivity=MembershipFactory().collectivity, role=Role.AGENT).user
    client.force_login(member)
    response = client.get(url)
    assert (response.status_code, response["X-Cache"]) == (200, "BYPASS")
    assert "no-store" in response["Cache-Control"]

    client.logout()
    client.cookies.clear()
    for _ in range(2):
        response = client.get(url)
        assert (response.status_code, response["X-Cache"]) == (403, "BYPASS")
        assert "no-store" in response["Cache-Control"]


def test_a_page_with_a_csrf_token_is_never_stored(news, client):
    first = client.get("/essai/formulaire/")
    client.cookies.clear()
    second = client.get("/essai/formulaire/")

    assert [first["X-Cache"], second["X-Cache"]] == ["BYPASS", "BYPASS"]
    assert "csrfmiddlewaretoken" in second.content.decode()
    assert first.content != second.content  # each visitor has a token of their own
    assert "no-store" in second["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_never_stored(news, client):
    for _ in range(2):
        client.cookies.clear()
        response = client.get("/essai/cookie/")
        assert response["X-Cache"] == "BYPASS"
        assert "choix" in response.cookies
        assert "private" in response["Cache-Control"]


def test_a_session_cookie_makes_the_request_personal(news, client):
    client.get("/association/")
    client.cookies["sessionid"] = "une-session"

    assert client.get("/association/")["X-Cache"] == "BYPASS"


def test_only_get_and_head_and_only_200_are_stored(news, client):
    assert client.get("/n-existe-pas/")["X-Cache"] == "BYPASS"
    assert client.get("/n-existe-pas/")["X-Cache"] == "BYPASS"
    assert client.post("/essai/public/")["X-Cache"] == "BYPASS"
    assert status(client, "/essai/public/") == "200 MISS"
    assert client.head("/essai/public/")["X-Cache"] == "HIT"


def test_listing_parameters_are_cached_per_query_string_and_others_bypass(news, client):
    assert status(client, "/actualites/") == "200 MISS"
    assert status(client, "/actualites/?page=1") == "200 MISS"
    assert status(client, "/actualites/?page=1") == "200 HIT"
    assert status(client, "/actualites/?annee=2026&page=1") == "200 MISS"
    assert status(client, "/actualites/?page=1&annee=2026") == "200 HIT"  # same query, other order
    assert status(client, "/actualites/?utm_source=lettre") == "200 BYPASS"
    assert status(client, "/recherche/?q=label") == "200 BYPASS"  # search is never cached


def test_the_bypass_header_builds_the_page(news, client, settings):
    settings.PAGE_CACHE_BYPASS_HEADER = "X-Bench-No-Cache"
    client.get("/association/")

    assert status(client, "/association/", HTTP_X_BENCH_NO_CACHE="1") == "200 BYPASS"
    assert status(client, "/association/") == "200 HIT"


def test_a_page_built_while_a_purge_happens_is_not_stored(news, client, monkeypatch):
    from wagtail.models import Page

    original = Page.serve

    def serve_then_purge(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        page_cache.bump(["nothing-in-particular"])  # another process purged meanwhile
        return response

    monkeypatch.setattr(Page, "serve", serve_then_purge)
    assert status(client, "/association/") == "200 MISS"
    monkeypatch.setattr(Page, "serve", original)
    assert status(client, "/association/") == "200 MISS"
    assert status(client, "/association/") == "200 HIT"


# --- the entries a process keeps in its own memory ------------------------------------------------


def test_a_hit_from_the_process_memory_still_checks_the_shared_versions(news, client):
    from django.core.cache import cache

    assert status(client, "/association/") == "200 MISS"
    assert len(page_cache.local_entries._entries) == 1
    assert status(client, "/association/") == "200 HIT"

    # Another process purges the page: it only touches the shared cache.
    cache.incr(page_cache._tag_key(page_cache.path_tag("/association/")))
    assert status(client, "/association/") == "200 MISS"
    assert status(client, "/association/") == "200 HIT"


def test_an_emptied_shared_cache_makes_the_process_memory_stale(news, client):
    from django.core.cache import cache

    client.get("/association/")
    cache.clear()  # a restarted Redis: no version left that the kept entry could match

    assert status(client, "/association/") == "200 MISS"


def test_the_process_memory_is_bounded_and_never_outlives_the_entry(news, client, settings, monkeypatch):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    for url in ("/association/", "/actualites/", "/en/"):
        client.get(url)
    assert len(page_cache.local_entries._entries) == 2

    now = page_cache.time.time()
    monkeypatch.setattr(page_cache.time, "time", lambda: now + settings.PAGE_CACHE_TIMEOUT + 1)
    assert all(page_cache.local_entries.get(key) is None for key in list(page_cache.local_entries._entries))
    assert page_cache.local_entries._entries == {}


def test_without_process_memory_the_shared_cache_serves_alone(news, client, settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 0

    assert [status(client, "/association/") for _ in range(2)] == ["200 MISS", "200 HIT"]
    assert page_cache.local_entries._entries == {}


# --- purges --------------------------------------------------------------------------------------

ARTICLE = "/actualites/premier/"
OTHER_ARTICLE = "/actualites/second/"
LISTING_URLS = ["/actualites/", "/actualites/?page=1", "/", "/actualites/flux/rss/", "/sitemap.xml"]
UNRELATED = ["/association/", "/en/", OTHER_ARTICLE]


def warm(client, urls) -> None:
    for url in urls:
        client.get(url)
    assert set(states(client, urls).values()) == {"HIT"}, states(client, urls)


def test_publishing_an_article_purges_it_its_index_the_home_the_feeds_and_the_sitemap(
    news, client, django_capture_on_commit_callbacks
):
    warm(client, [ARTICLE, *LISTING_URLS, *UNRELATED])
    news.title = "Premier article, corrigé"

    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()

    assert set(states(client, [ARTICLE, *LISTING_URLS]).values()) == {"MISS"}
    assert "Premier article, corrigé" in client.get(ARTICLE).content.decode()
    assert set(states(client, UNRELATED).values()) == {"HIT"}


def test_unpublishing_an_article_purges_it_and_what_lists_it(
    news, client, django_capture_on_commit_callbacks
):
    warm(client, [ARTICLE, *LISTING_URLS, *UNRELATED])

    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()

    assert client.get(ARTICLE).status_code == 404
    assert set(states(client, LISTING_URLS).values()) == {"MISS"}
    assert set(states(client, UNRELATED).values()) == {"HIT"}


def test_deleting_an_article_purges_it_and_what_lists_it(news, client, django_capture_on_commit_callbacks):
    warm(client, [ARTICLE, *LISTING_URLS, *UNRELATED])

    with django_capture_on_commit_callbacks(execute=True):
        news.delete()

    assert client.get(ARTICLE).status_code == 404
    assert set(states(client, LISTING_URLS).values()) == {"MISS"}
    assert set(states(client, UNRELATED).values()) == {"HIT"}


def test_moving_a_page_purges_its_old_url_its_descendants_and_both_parents(
    news, client, django_capture_on_commit_callbacks
):
    from editorial.models import StandardPage

    index = news.get_parent()
    label = StandardPage.objects.get(slug="label", locale__language_code="fr")
    warm(client, [ARTICLE, "/actualites/", "/label/", "/association/"])

    with django_capture_on_commit_callbacks(execute=True):
        index.move(label, pos="last-child")

    # Not the stored pages at their old addresses: Wagtail's redirects to the new ones.
    assert client.get(ARTICLE)["Location"] == "/label/actualites/premier/"
    assert client.get("/actualites/")["Location"] == "/label/actualites/"
    assert status(client, "/label/actualites/premier/") == "200 MISS"
    assert client.get("/label/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "MISS"  # the old parent
    assert client.get("/association/")["X-Cache"] == "HIT"


def test_site_settings_purge_every_page(news, client, django_capture_on_commit_callbacks):
    from core.models import SiteSettings

    urls = [ARTICLE, *LISTING_URLS, *UNRELATED]
    warm(client, urls)
    site_settings = SiteSettings.objects.get()
    site_settings.phone = "01 23 45 67 89"

    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()

    assert set(states(client, urls).values()) == {"MISS"}


def test_publishing_a_page_the_navigation_links_to_purges_every_page(
    news, client, django_capture_on_commit_callbacks
):
    """The navigation shows its pages' titles: SiteSettings refers to them (ReferenceIndex)."""
    from editorial.models import StandardPage

    association = StandardPage.objects.get(slug="association", locale__language_code="fr")
    warm(client, [ARTICLE, "/label/"])

    with django_capture_on_commit_callbacks(execute=True):
        association.save_revision().publish()

    assert set(states(client, [ARTICLE, "/label/"]).values()) == {"MISS"}


def test_publishing_label_results_purges_the_palmares_pages_and_the_home(
    news, client, django_capture_on_commit_callbacks
):
    from editorial.models import StandardPage
    from label.models import LabelEdition, PalmaresIndexPage, PalmaresPage
    from label.services.publication import publish_results
    from territories import demo as territories_demo

    territories_demo.load_reference()
    edition = LabelEdition.objects.create(
        year=2030, number=31, ceremony_city="Villebrume", jury_president="Jury fictif"
    )
    label = StandardPage.objects.get(slug="label", locale__language_code="fr")
    index = label.add_child(
        instance=PalmaresIndexPage(title="Palmarès", slug="palmares", locale=label.locale)
    )
    index.save_revision().publish()
    page = index.add_child(
        instance=PalmaresPage(title="Palmarès 2030", slug="2030", edition=edition, locale=label.locale)
    )
    page.save_revision().publish()
    assert client.get("/label/palmares/2030/").status_code == 404  # under embargo
    palmares = ["/label/palmares/", "/"]
    warm(client, [*palmares, "/association/", ARTICLE])

    with django_capture_on_commit_callbacks(execute=True):
        publish_results(edition)

    assert set(states(client, palmares).values()) == {"MISS"}
    assert status(client, "/label/palmares/2030/") == "200 MISS"
    assert set(states(client, ["/association/", ARTICLE]).values()) == {"HIT"}


@dataset("page_cache_webinars", contains={"demo_site"})
def load_webinars() -> None:
    from core.demo import quiet
    from home import demo as home_demo
    from webinars import demo

    home_demo.load(quiet)
    demo.load(quiet)


@pytest.fixture
def page_cache_webinars(shared_data, demo_site):
    shared_data.use("page_cache_webinars")


@pytest.fixture
def season(page_cache_webinars, cached):
    """The demo site and the webinars demo, the page cache on; returns the French season."""
    from webinars.models import SeasonPage

    return SeasonPage.objects.get(locale__language_code="fr")


def test_a_session_change_purges_the_session_cycle_season_home_and_calendar(
    season, client, django_capture_on_commit_callbacks
):
    from webinars.models import SessionPage

    session = SessionPage.objects.live().filter(locale__language_code="fr").first()
    cycle = session.get_parent()
    calendar = "/webinaires/calendrier.ics"
    shown = [cycle.url, season.url, "/", calendar]
    warm(client, [*shown, "/association/"])

    with django_capture_on_commit_callbacks(execute=True):
        session.starts_at = timezone.now() + datetime.timedelta(days=40)
        session.save_revision().publish()

    assert set(states(client, shown).values()) == {"MISS"}
    assert client.get("/association/")["X-Cache"] == "HIT"


def test_a_registration_purges_its_session_page(season, client, django_capture_on_commit_callbacks):
    from members.factories import MembershipFactory
    from webinars.models import Registration, SessionPage

    session = SessionPage.objects.live().filter(locale__language_code="fr").first()
    english = session.get_translations().get(locale__language_code="en")
    keys = [page_cache._tag_key(page_cache.page_tag(page.pk)) for page in (session, english)]
    before = page_cache._cache().get_many(keys)

    with django_capture_on_commit_callbacks(execute=True):
        Registration.objects.create(
            session=session,
            name="Camille Fictive",
            email="camille@example.org",
            collectivity=MembershipFactory().collectivity,
        )

    after = page_cache._cache().get_many(keys)
    assert [after.get(key) != before.get(key) for key in keys] == [True, True]  # seats in both languages


def test_a_dues_tier_change_purges_the_dues_table(news, client, django_capture_on_commit_callbacks):
    from dues.models import DuesTier

    year = timezone.localdate().year
    DuesTier.objects.create(year=year, kind="commune", population_min=0, amount_cents=40000)
    warm(client, ["/cotisations/", "/association/"])

    with django_capture_on_commit_callbacks(execute=True):
        DuesTier.objects.create(year=year, kind="commune", population_min=10000, amount_cents=80000)

    assert client.get("/cotisations/")["X-Cache"] == "MISS"
    assert client.get("/association/")["X-Cache"] == "HIT"


def test_a_sheet_change_purges_the_catalogue_its_sheets_and_the_homes(
    news, client, django_capture_on_commit_callbacks
):
    from actions.factories import ActionSheetFactory
    from actions.models import ActionCatalogPage
    from editorial.models import StandardPage

    label = StandardPage.objects.get(slug="label", locale__language_code="fr")
    catalogue = ActionCatalogPage(title="Atlaas", slug="atlaas-test", locale=label.locale)
    catalogue = label.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    sheet = ActionSheetFactory()
    shown = [catalogue.url, f"{catalogue.url}fiches/{sheet.pk}/", "/"]
    warm(client, [*shown, "/association/"])

    with django_capture_on_commit_callbacks(execute=True):
        sheet.title = "Action fictive, corrigée"
        sheet.save()

    assert set(states(client, shown).values()) == {"MISS"}
    assert client.get("/association/")["X-Cache"] == "HIT"


def test_a_news_category_change_purges_every_page(news, client, django_capture_on_commit_callbacks):
    from editorial.models import NewsCategory

    urls = [ARTICLE, "/association/", "/en/"]
    warm(client, urls)

    with django_capture_on_commit_callbacks(execute=True):
        NewsCategory.objects.create(locale=news.locale, name="Nouvelle", slug="nouvelle")

    assert set(states(client, urls).values()) == {"MISS"}


def test_a_privacy_setting_purges_the_page_and_its_descendants(
    news, client, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    index = news.get_parent()
    warm(client, ["/actualites/", ARTICLE, "/association/"])

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)

    for url in ("/actualites/", ARTICLE):
        response = client.get(url)
        assert (response.status_code, response["X-Cache"]) == (302, "BYPASS")
    assert client.get("/association/")["X-Cache"] == "HIT"


def s_maxage(response) -> int:
    directives = dict(part.strip().partition("=")[::2] for part in response["Cache-Control"].split(","))
    return int(directives["s-maxage"])


def test_nothing_stays_cached_past_a_scheduled_change(news, client, django_capture_on_commit_callbacks):
    """Results under embargo until a set time appear then without anyone saving anything: no
    entry, and no CDN copy, outlives that moment."""
    from label.models import LabelEdition
    from territories import demo as territories_demo

    territories_demo.load_reference()
    assert s_maxage(client.get("/association/")) == 3600
    with django_capture_on_commit_callbacks(execute=True):
        LabelEdition.objects.create(
            year=2031,
            number=32,
            ceremony_city="Villebrume",
            results_published_at=timezone.now() + datetime.timedelta(minutes=10),
        )

    response = client.get("/label/")
    assert response["X-Cache"] == "MISS"
    assert 590 <= s_maxage(response) <= 601
    assert "max-age=60" in response["Cache-Control"]


def test_nothing_is_purged_before_the_transaction_commits(news, client, django_capture_on_commit_callbacks):
    warm(client, [ARTICLE])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        news.save_revision().publish()
        assert client.get(ARTICLE)["X-Cache"] == "HIT"

    assert callbacks


# --- the CDN in front ----------------------------------------------------------------------------


@override_settings(WAGTAILFRONTENDCACHE={"test": {"BACKEND": f"{__name__}.RecordingBackend"}})
def test_publishing_purges_the_same_pages_from_the_cdn(news, client, django_capture_on_commit_callbacks):
    PURGED_URLS.clear()

    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()

    purged = set(PURGED_URLS)
    for url in ("/actualites/premier/", "/actualites/", "/"):
        assert f"http://testserver{url}" in purged
    assert "http://testserver/association/" not in purged


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        ({"FRONTEND_CACHE_HTTP_URL": "http://varnish:6081"}, "HTTPBackend"),
        (
            {"FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone", "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN": "t"},
            "Cloudflare",
        ),
        ({"FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID": "E123"}, "CloudfrontBackend"),
        ({}, "none"),
    ],
)
def test_the_cdn_is_configured_from_the_environment(variables, backend):
    import os

    environment = {key: value for key, value in os.environ.items() if not key.startswith("FRONTEND_CACHE_")}
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(' '.join(v['BACKEND'] for v in settings.WAGTAILFRONTENDCACHE.values()) or 'none')"
    )
    result = subprocess.run(  # noqa: S603 (our interpreter, fixed arguments)
        [sys.executable, "-c", script],
        env={**environment, **variables, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert backend in result.stdout
