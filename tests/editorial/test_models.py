"""Standard pages: where they may be created, admin creation, and block validation."""

import pytest
import wagtail_factories
from wagtail import blocks
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from actions.models import ActionCatalogPage
from core.blocks import RICH_TEXT_FEATURES, FigureBlock, HeroBlock, LinkBlock
from editorial.models import CongressPage, MembersResourcesPage, StandardPage
from home import demo
from home.models import HomePage
from label.models import PalmaresIndexPage


class StandardPageCreationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load(lambda message: None)
        cls.root = Page.get_first_root_node()
        cls.home = HomePage.objects.get(locale__language_code="fr", depth=2)
        cls.association = StandardPage.objects.get(locale__language_code="fr", slug="association")

    def test_standard_page_goes_under_home_and_standard_pages_only(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(
            StandardPage,
            {StandardPage, PalmaresIndexPage, CongressPage, MembersResourcesPage, ActionCatalogPage},
        )

    def test_superuser_creates_a_standard_page_in_the_admin(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Le jury",
                "slug": "jury",
                "introduction": "Qui décerne le label.",
                "body": streamfield(
                    [
                        (
                            "rich_text",
                            rich_text("<p>Quatorze membres en 2026.</p>", features=RICH_TEXT_FEATURES),
                        ),
                        ("quote", {"quote": "Un jury indépendant.", "author": "Didier Desponds", "role": ""}),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.association, StandardPage, data)

        page = StandardPage.objects.get(slug="jury")
        self.assertTrue(page.live)
        self.assertEqual(page.get_parent().pk, self.association.pk)
        self.assertEqual([block.block_type for block in page.body], ["rich_text", "quote"])
        response = self.client.get("/association/jury/")
        self.assertContains(response, "<h1>Le jury</h1>", html=True)
        self.assertContains(response, "Quatorze membres en 2026.")
        self.assertContains(response, "Didier Desponds")

    def test_admin_refuses_a_button_with_both_a_page_and_an_address(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Bouton ambigu",
                "slug": "bouton-ambigu",
                "introduction": "",
                "body": streamfield(
                    [
                        (
                            "call_to_action",
                            {
                                "title": "Adhérer",
                                "text": "",
                                "link": {
                                    "page": self.association.pk,
                                    "url": "https://example.org/",
                                    "text": "Go",
                                },
                            },
                        )
                    ]
                ),
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(f"/admin/pages/add/editorial/standardpage/{self.home.pk}/", data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("body", response.context["form"].errors)
        self.assertFalse(StandardPage.objects.filter(slug="bouton-ambigu").exists())


def clean(block, raw):
    return block.clean(block.to_python(raw))


@pytest.fixture
def page(db):
    return Page.get_first_root_node().get_children().first()


class TestLinkBlock:
    def test_page_only_is_valid(self, page):
        value = clean(LinkBlock(), {"page": page.pk, "url": "", "text": "Lire"})
        assert value["page"].pk == page.pk

    def test_url_only_is_valid(self, db):
        value = clean(LinkBlock(), {"page": None, "url": "https://example.org/", "text": "Lire"})
        assert value["url"] == "https://example.org/"

    def test_page_and_url_together_are_refused(self, page):
        with pytest.raises(blocks.StructBlockValidationError) as error:
            clean(LinkBlock(), {"page": page.pk, "url": "https://example.org/", "text": "Lire"})
        assert set(error.value.block_errors) == {"url"}

    def test_neither_page_nor_url_is_refused(self, db):
        with pytest.raises(blocks.StructBlockValidationError) as error:
            clean(LinkBlock(), {"page": None, "url": "", "text": "Lire"})
        assert set(error.value.block_errors) == {"url"}

    def test_link_text_is_required(self, db):
        with pytest.raises(blocks.StructBlockValidationError) as error:
            clean(LinkBlock(), {"page": None, "url": "https://example.org/", "text": ""})
        assert set(error.value.block_errors) == {"text"}

    def test_empty_link_is_refused_unless_optional(self, db):
        empty = {"page": None, "url": "", "text": ""}
        with pytest.raises(blocks.StructBlockValidationError):
            clean(LinkBlock(), empty)
        value = clean(LinkBlock(optional=True), empty)
        assert not value["page"] and not value["url"]

    def test_optional_link_started_but_unfinished_is_refused(self, db):
        with pytest.raises(blocks.StructBlockValidationError) as error:
            clean(LinkBlock(optional=True), {"page": None, "url": "", "text": "Lire"})
        assert "url" in error.value.block_errors


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory()


def hero(**values):
    return {"title": "Titre", "text": "", "image": None, "image_alt": "", "link": {}, **values}


class TestHeroBlock:
    def test_without_image_needs_no_alt_text(self, db):
        value = clean(HeroBlock(), hero())
        assert value["title"] == "Titre"

    def test_image_without_alt_text_is_refused(self, image):
        for alt in ("", "   "):
            with pytest.raises(blocks.StructBlockValidationError) as error:
                clean(HeroBlock(), hero(image=image.pk, image_alt=alt))
            assert set(error.value.block_errors) == {"image_alt"}

    def test_image_with_alt_text_is_accepted(self, image):
        value = clean(HeroBlock(), hero(image=image.pk, image_alt="Des habitants devant la mairie"))
        assert value["image"].pk == image.pk


class TestFigureBlock:
    def test_alt_text_is_required(self, image):
        with pytest.raises(blocks.StructBlockValidationError) as error:
            clean(FigureBlock(), {"image": image.pk, "alt_text": "", "caption": "", "credit": ""})
        assert set(error.value.block_errors) == {"alt_text"}

    def test_image_with_alt_text_is_accepted(self, image):
        value = clean(
            FigureBlock(), {"image": image.pk, "alt_text": "Une carte", "caption": "", "credit": ""}
        )
        assert value["alt_text"] == "Une carte"
