"""Article pages, the English index, and the news categories in the admin."""

import datetime

import pytest
import wagtail_factories
from django.urls import reverse

from editorial.models import ArticlePage, ArticleRelatedLink, NewsCategory
from home import demo as home_demo
from home.models import HomePage
from tests.datasets import dataset
from tests.editorial.htmlparse import parse
from tests.editorial.news_helpers import make_article, make_category, make_index

pytestmark = pytest.mark.django_db


@dataset("article", contains={"demo_site"})
def load_article() -> None:
    """The demo site, its news index, an article with an image, categories and tags, and three
    more articles (related or not)."""
    home_demo.load(lambda message: None)
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    index = make_index(home)
    label = make_category(home.locale, "Label", "label")
    congres = make_category(home.locale, "Congrès", "congres")
    make_article(
        index,
        title="Palmarès 2026 : 213 collectivités labellisées",
        slug="palmares-2026",
        date=datetime.date(2026, 1, 30),
        teaser="Le 27e label a distingué 213 collectivités.",
        categories=[label, congres],
        tags=["Palmarès", "Agen"],
        image=wagtail_factories.ImageFactory(title="Cérémonie"),
        image_alt="Les lauréats sur la scène du congrès d'Agen",
        image_credit="Villes Internet",
        body=[{"type": "rich_text", "value": "<p>Un palmarès stable d'une année sur l'autre.</p>"}],
    )
    make_article(index, title="Palmarès 2025", date=datetime.date(2025, 2, 7), categories=[label])
    make_article(index, title="Congrès d'Agen", date=datetime.date(2026, 1, 29), tags=["Agen"])
    make_article(index, title="Sans rapport", date=datetime.date(2026, 2, 1))


@pytest.fixture
def article(shared_data, demo_site) -> ArticlePage:
    shared_data.use("article")
    return ArticlePage.objects.get(slug="palmares-2026")


def test_article_page_shows_its_content(article, client):
    response = client.get("/actualites/palmares-2026/")

    assert response.status_code == 200
    doc = parse(response.content)
    assert [h1.text for h1 in doc.find_all("h1")] == ["Palmarès 2026 : 213 collectivités labellisées"]
    time = doc.find("p", class_="article__date").find("time")
    assert time.get("datetime") == "2026-01-30"
    assert time.text == "30 janvier 2026"
    assert (
        doc.find("meta", name="description").get("content") == "Le 27e label a distingué 213 collectivités."
    )
    figure = doc.find("figure", class_="article__figure")
    assert figure.find("img").get("alt") == "Les lauréats sur la scène du congrès d'Agen"
    assert "Villes Internet" in figure.find("figcaption").text
    assert "Un palmarès stable" in doc.find("div", class_="stream").text


def test_categories_and_tags_link_back_to_the_filtered_index(article, client):
    doc = parse(client.get("/actualites/palmares-2026/").content)
    links = {
        a.text: a.get("href") for a in doc.find("footer", class_="article__classification").find_all("a")
    }

    assert links == {
        "Congrès": "/actualites/?categorie=congres",
        "Label": "/actualites/?categorie=label",
        "Agen": "/actualites/?tag=agen",
        "Palmarès": "/actualites/?tag=palmares",
    }
    for href in links.values():
        assert client.get(href).status_code == 200


def test_related_articles_are_shown(article, client):
    doc = parse(client.get("/actualites/palmares-2026/").content)
    section = doc.find("section", class_="related-articles")

    assert [h3.text for h3 in section.find_all("h3")] == ["Congrès d'Agen", "Palmarès 2025"]


def test_chosen_related_article_comes_first(article, client):
    unrelated = article.get_parent().get_children().get(title="Sans rapport")
    ArticleRelatedLink.objects.create(page=article, article_id=unrelated.pk, sort_order=0)

    doc = parse(client.get("/actualites/palmares-2026/").content)
    titles = [h3.text for h3 in doc.find("section", class_="related-articles").find_all("h3")]

    assert titles == ["Sans rapport", "Congrès d'Agen", "Palmarès 2025"]


def test_draft_article_is_not_served(article, client):
    index = article.get_parent()
    make_article(index, title="Pas encore", slug="pas-encore", live=False)

    assert client.get("/actualites/pas-encore/").status_code == 404


def test_english_index_shows_only_english_articles(article, client, locales):
    french_index = article.get_parent()
    english_home = french_index.get_parent().get_translation(locales["en"])
    english_index = make_index(
        english_home, slug="news", title="News", translation_key=french_index.translation_key
    )
    make_article(
        english_index,
        title="2026 awards: 213 local authorities labelled",
        slug="2026-awards",
        translation_key=article.translation_key,
        date=article.date,
    )

    response = client.get("/en/news/")

    assert response.status_code == 200
    doc = parse(response.content)
    assert [h3.text for h3 in doc.find_all("h3", class_="card__title")] == [
        "2026 awards: 213 local authorities labelled"
    ]
    assert "/actualites/" not in [a.get("href") for a in doc.find("main").find_all("a")]
    english_article = parse(client.get("/en/news/2026-awards/").content)
    assert english_article.find("html").get("lang") == "en"
    assert english_article.find("time").text == "30 January 2026"


def test_news_categories_in_the_admin(admin_client, locales):
    category = make_category(locales["fr"], "Atlaas", "atlaas")

    listing = admin_client.get(reverse("wagtailsnippets_editorial_newscategory:list"))
    assert listing.status_code == 200
    assert "Atlaas" in listing.content.decode()

    response = admin_client.post(
        reverse("wagtailsnippets_editorial_newscategory:add"),
        {"name": "Congrès", "slug": "congres", "locale": "fr"},
    )
    assert response.status_code == 302
    assert NewsCategory.objects.filter(slug="congres", locale=locales["fr"]).exists()

    # wagtail-localize offers to translate the category into English.
    translate = reverse(
        "wagtail_localize:submit_snippet_translation", args=["editorial", "newscategory", category.pk]
    )
    assert admin_client.get(translate).status_code == 200
    response = admin_client.post(translate, {"locales": [locales["en"].pk]})
    assert response.status_code == 302
    assert category.get_translation(locales["en"]).name == "Atlaas"


def test_structured_data_describes_a_news_article(article, rf):
    data = article.json_ld(rf.get("/"))

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Palmarès 2026 : 213 collectivités labellisées"
    assert data["datePublished"].startswith("2026-01-30T12:00:00")
    assert data["inLanguage"] == "fr"
    assert data["url"] == "http://testserver/actualites/palmares-2026/"
    assert data["image"].startswith("http://testserver/")


def test_translated_article_shows_categories_of_its_language(article, client, locales):
    """wagtail-localize copies the French categories onto the translation: they are swapped
    for their English versions, and a category without an English version is left out."""
    label = NewsCategory.objects.get(slug="label", locale=locales["fr"])
    english_label = label.copy_for_translation(locales["en"])
    english_label.name = "Label (en)"
    english_label.save()
    french_index = article.get_parent()
    english_home = french_index.get_parent().get_translation(locales["en"])
    english_index = make_index(
        english_home, slug="news", title="News", translation_key=french_index.translation_key
    )

    translation = article.copy_for_translation(locales["en"])  # as wagtail-localize does
    translation.save_revision().publish()
    translation.refresh_from_db()

    assert [c.pk for c in translation.categories.all()] == [english_label.pk]
    doc = parse(client.get(translation.get_url()).content)
    footer = doc.find("footer", class_="article__classification")
    assert [a.get("href") for a in footer.find_all("a") if "categorie" in a.get("href")] == [
        "/en/news/?categorie=label"
    ]
    assert english_index.pk == translation.get_parent().pk
