"""News page types: where they may be created, the image's alternative text, related articles."""

import datetime

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from editorial.models import ArticlePage, ArticleRelatedLink, NewsCategory, NewsIndexPage, StandardPage
from home import demo
from home.models import HomePage
from tests.editorial.news_helpers import make_article, make_category, make_index


class NewsCreationRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load(lambda message: None)
        cls.home = HomePage.objects.get(locale__language_code="fr", depth=2)

    def test_news_index_goes_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanNotCreateAt(Page, NewsIndexPage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)
        self.assertCanNotCreateAt(NewsIndexPage, NewsIndexPage)
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})

    def test_articles_go_under_the_news_index_only(self):
        self.assertCanCreateAt(NewsIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(StandardPage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_one_news_index_per_home_page(self):
        make_index(self.home)
        self.assertFalse(NewsIndexPage.can_create_at(HomePage.objects.get(pk=self.home.pk)))

    def test_superuser_creates_an_article_in_the_admin(self):
        index = make_index(self.home)
        self.login()
        response = self.client.get(f"/admin/pages/add/editorial/articlepage/{index.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"panel-child-contenu-child-teaser", response.content)


@pytest.mark.django_db
def test_an_image_without_alternative_text_is_refused(demo_site):
    index = make_index(demo_site)
    article = make_article(index, title="Avec image")
    article.image = wagtail_factories.ImageFactory()
    article.image_alt = "  "

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "texte alternatif est obligatoire" in str(error.value.message_dict["image_alt"])
    article.image_alt = "Des élus sur la scène du congrès"
    article.full_clean()  # accepted with a description


@pytest.mark.django_db
def test_date_defaults_to_today(demo_site):
    index = make_index(demo_site)
    article = ArticlePage(title="Sans date", slug="sans-date", teaser="Chapeau.")
    index.add_child(instance=article)
    assert ArticlePage.objects.get(pk=article.pk).date == timezone.localdate()  # the Paris date


@pytest.mark.django_db
def test_meta_description_is_the_teaser(demo_site):
    index = make_index(demo_site)
    article = make_article(index, teaser="Le palmarès 2026 en bref.")
    assert article.meta_description == "Le palmarès 2026 en bref."


@pytest.mark.django_db
def test_related_articles_chosen_first_then_same_category_or_tag_newest_first(demo_site):
    index = make_index(demo_site)
    label = make_category(demo_site.locale, "Label", "label")
    congres = make_category(demo_site.locale, "Congrès", "congres")
    article = make_article(index, title="Source", categories=[label], tags=["Palmarès"])
    day = datetime.date
    old_same_category = make_article(index, title="Ancien label", date=day(2020, 1, 1), categories=[label])
    new_same_tag = make_article(index, title="Récent palmarès", date=day(2026, 1, 1), tags=["Palmarès"])
    make_article(index, title="Sans rapport", date=day(2026, 2, 1), categories=[congres])
    make_article(index, title="Brouillon du label", date=day(2026, 3, 1), categories=[label], live=False)
    chosen = make_article(index, title="Choisi", date=day(2019, 1, 1), categories=[congres])
    ArticleRelatedLink.objects.create(page=article, article=chosen, sort_order=0)

    related = ArticlePage.objects.get(pk=article.pk).related_articles()

    assert [a.title for a in related] == ["Choisi", "Récent palmarès", "Ancien label"]
    assert article.pk not in [a.pk for a in related]
    assert new_same_tag.pk in [a.pk for a in related] and old_same_category.pk in [a.pk for a in related]


@pytest.mark.django_db
def test_category_slug_is_unique_per_language(demo_site, locales):
    make_category(locales["fr"], "Label", "label")
    make_category(locales["en"], "Label", "label")  # another language: allowed
    with pytest.raises(IntegrityError):
        NewsCategory.objects.create(locale=locales["fr"], name="Label bis", slug="label")


@pytest.mark.django_db
def test_teaser_plays_the_part_of_the_introduction(demo_site):
    """An article is a BasePage without an introduction field: its teaser stands in, in the
    meta description and in the home page's featured content."""
    from core.blocks import FeaturedContentBlock

    index = make_index(demo_site)
    article = make_article(index, teaser="Le palmarès 2026 en bref.")

    assert "introduction" not in {field.name for field in ArticlePage._meta.get_fields()}
    assert article.introduction == "Le palmarès 2026 en bref."
    block = FeaturedContentBlock()
    html = block.render(block.to_python({"title": "À la une", "items": [{"page": article.pk, "teaser": ""}]}))
    assert "<p>Le palmarès 2026 en bref.</p>" in html
    assert "None" not in html
