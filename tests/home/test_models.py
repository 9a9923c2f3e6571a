"""Where a home page may be created, and what it may contain."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from editorial.models import MembersResourcesPage, NewsIndexPage, PressRoomPage, StandardPage
from home import demo
from home.models import HomePage


class HomePageCreationRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load(lambda message: None)
        cls.root = Page.get_first_root_node()
        cls.home = HomePage.objects.get(locale__language_code="fr", depth=2)

    def test_home_page_can_be_created_under_the_tree_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def hero(self, title):
        return (
            "hero",
            {
                "title": title,
                "text": "",
                "image": "",
                "image_alt": "",
                "link": {"page": "", "url": "", "text": ""},
            },
        )

    def test_superuser_creates_a_home_page_under_the_root_in_the_admin(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Autre site",
                "slug": "autre-site",
                "introduction": "",
                "body": streamfield([self.hero("Un autre accueil")]),
            }
        )
        self.assertCanCreate(self.root, HomePage, data)

        home = HomePage.objects.get(slug="autre-site")
        self.assertEqual(home.depth, 2)
        self.assertEqual(home.hero.value["title"], "Un autre accueil")

    def test_admin_refuses_a_second_hero(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Deux bandeaux",
                "slug": "deux-bandeaux",
                "introduction": "",
                "body": streamfield([self.hero("Premier"), self.hero("Second")]),
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(f"/admin/pages/add/home/homepage/{self.root.pk}/", data)

        self.assertEqual(response.status_code, 200)
        self.assertIn("body", response.context["form"].errors)
        self.assertFalse(HomePage.objects.filter(slug="deux-bandeaux").exists())

    def test_home_page_cannot_be_nested(self):
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_editors_can_add_only_standard_pages_news_press_resources_and_webinars_under_the_home_page(self):
        from webinars.models import SeasonPage

        allowed = {StandardPage, NewsIndexPage, PressRoomPage, MembersResourcesPage, SeasonPage}
        self.assertAllowedSubpageTypes(HomePage, allowed)
        self.assertEqual(set(HomePage.creatable_subpage_models()), allowed)

    def test_admin_offers_no_home_page_under_a_home_page(self):
        self.login()
        add_url = f"/admin/pages/add/home/homepage/{self.home.pk}/"
        response = self.client.get(add_url)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        pages_before = Page.objects.count()
        response = self.client.post(
            add_url, {"title": "Accueil bis", "slug": "accueil-bis", "action-publish": "action-publish"}
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(Page.objects.count(), pages_before)

    def test_hero_is_the_first_section_of_the_demo_home(self):
        self.assertEqual(self.home.hero.block_type, "hero")
        self.assertEqual(self.home.hero.value["title"], demo.HOME["fr"]["hero"]["title"])
