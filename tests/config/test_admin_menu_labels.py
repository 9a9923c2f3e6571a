"""Every label of the admin's menus fits the sidebar, in French and in English.

The sidebar and its submenus are 200 px wide; after the icon and the paddings about 135 px are
left for the label at 14 px, which cut "Importer un palmarès" to "Importer un palma…": 18
characters is what fits."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.menu import SubmenuMenuItem, admin_menu, settings_menu

pytestmark = pytest.mark.django_db
FITS = 18


def labels(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    found = []

    def walk(items):
        for item in items:
            found.append(str(item.label))
            if isinstance(item, SubmenuMenuItem):
                walk(item.menu.menu_items_for_request(request))

    walk(admin_menu.menu_items_for_request(request))
    walk(settings_menu.menu_items_for_request(request))
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_menu_label_fits_the_sidebar(admin_user, demo_site, language):
    with translation.override(language):
        found = labels(admin_user)
    assert len(found) > 30  # the menus of every app, submenus included
    assert [label for label in found if len(label) > FITS] == []


def test_the_webinars_have_one_menu_with_registrations_and_attendance(admin_user, demo_site, admin_client):
    found = labels(admin_user)
    assert {"Webinaires", "Inscriptions", "Présences"} <= set(found)
    assert admin_client.get("/admin/webinaires/inscriptions/").status_code == 200
    assert admin_client.get("/admin/webinaires/presences/").status_code == 200
