"""Admin of the press room: the press contacts snippet (imported by wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.models.press import PressContact


class PressContactViewSet(SnippetViewSet):
    model = PressContact
    icon = "user"
    menu_label = _("Contacts presse")
    menu_name = "press-contacts"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "role", "organisation", "email", "phone"]
    search_fields = ["name", "organisation"]


def register() -> None:
    register_snippet(PressContactViewSet)
