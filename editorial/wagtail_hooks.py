"""Admin of the editorial app: snippets staff edit beside the pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.views.submit_translations import SubmitTranslationForm

from editorial import press_admin
from editorial.models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Catégories d'actualités")
    add_to_admin_menu = False
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(NewsCategoryViewSet)
press_admin.register()


# wagtail-localize's French catalogue translates "Locales" as "Régions" (Wagtail's own says
# "Langues"): the "Translate" form's field and the settings menu item are relabelled.
SubmitTranslationForm.base_fields["locales"].label = _("Langues")


@hooks.register("construct_settings_menu")
def name_locales_in_french(request, menu_items):
    locales_url = reverse("wagtaillocales:index")
    for item in menu_items:
        if item.url == locales_url:
            item.label = _("Langues")


@hooks.register("construct_homepage_panels")
def add_press_panel(request, panels):
    from editorial.panels import PressPanel

    panels.append(PressPanel())
