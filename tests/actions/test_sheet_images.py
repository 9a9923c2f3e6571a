"""Images of a sheet: uploaded in the portal (multipart, no JavaScript), type and size checked
with a clear message, alternative text required, shown on the public sheet page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.models import Locale, Site

from actions.factories import ActionSheetFactory, ServiceFactory
from actions.models import ActionCatalogPage, ActionSheet
from actions.services import images as sheet_images
from members.factories import MemberRoleFactory
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


def picture(name="photo.png", kind="PNG", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Picture.new("RGB", size, (200, 80, 40)).save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


@pytest.fixture
def person(client):
    role = MemberRoleFactory()
    client.force_login(role.user)
    return role


def _new_sheet(client, **extra):
    data = {
        "title": "Ateliers numériques",
        "summary": "Des ateliers.",
        "services": [ServiceFactory().pk],
        "started_on": "2025-02-01",
        "ongoing": "on",
        "action": "publier",
        **extra,
    }
    return client.post(reverse("actions_portal:create"), data)


def test_the_form_is_multipart(client, person):
    content = client.get(reverse("actions_portal:create")).content.decode()
    [form] = [form for form in parse(content).find_all("form") if form.get("method") == "post"]
    assert form.get("enctype") == "multipart/form-data"
    assert 'type="file"' in content and 'name="image_alt"' in content


def test_an_image_with_its_alt_text_is_saved_and_shown_on_the_public_page(client, person):
    response = _new_sheet(client, image=picture(), image_alt="Des habitants devant un écran")
    assert response.status_code == 302
    sheet = ActionSheet.objects.get()
    image = sheet.images.get()
    assert image.description == "Des habitants devant un écran"
    assert image.collection.name == sheet_images.COLLECTION_NAME
    assert (image.width, image.height) == (40, 30)

    Locale.objects.get_or_create(language_code="fr")
    root = Site.objects.get(is_default_site=True).root_page
    catalogue = root.add_child(instance=ActionCatalogPage(title="Atlaas", slug="atlaas"))
    page = client.get(f"{catalogue.url}fiches/{sheet.pk}/").content.decode()
    images = [img for img in parse(page).find_all("img") if "original_images" not in (img.get("src") or "")]
    assert [img.get("alt") for img in images if "fiche-" in (img.get("src") or "")] == [
        "Des habitants devant un écran"
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.png", b"ceci n'est pas une image"), "n'est pas une image lisible"),
        (lambda: picture("anim.gif", "GIF"), "seules les images JPEG, PNG ou WebP sont acceptées"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_saved(client, person, upload, message):
    upload = upload() if callable(upload) else upload
    response = _new_sheet(client, image=upload, image_alt="Une image")
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content.replace("&#x27;", "'")
    assert "Ateliers numériques" in content  # what was typed is kept
    assert not ActionSheet.objects.exists() and not Image.objects.exists()


def test_a_file_too_large_is_refused(client, person, monkeypatch):
    monkeypatch.setattr(sheet_images, "MAX_IMAGE_BYTES", 100)
    response = _new_sheet(client, image=picture(size=(200, 200)), image_alt="Une image")
    assert response.status_code == 400
    assert "une image doit peser 100" in response.content.decode()
    assert not ActionSheet.objects.exists() and not Image.objects.exists()


def test_the_alt_text_is_required(client, person):
    response = _new_sheet(client, image=picture(), image_alt="  ")
    assert response.status_code == 400
    assert "Décrivez l&#x27;image en quelques mots" in response.content.decode()
    assert not ActionSheet.objects.exists() and not Image.objects.exists()


def test_images_are_removed_and_a_sheet_has_at_most_six(client, person):
    sheet = ActionSheetFactory(collectivity=person.collectivity)
    for number in range(sheet_images.MAX_IMAGES):
        sheet_images.add_image(actor=person.user, sheet=sheet, upload=picture(), alt=f"Image {number}")
    url = reverse("actions_portal:edit", args=[sheet.pk])
    form = client.get(url).content.decode()
    assert form.count('name="remove_images"') == sheet_images.MAX_IMAGES
    data = {
        "title": sheet.title,
        "summary": sheet.summary,
        "services": [sheet.services.get().pk],
        "started_on": "2025-03-01",
        "ongoing": "on",
        "action": "publier",
    }
    response = client.post(url, {**data, "image": picture(), "image_alt": "Une septième"})
    assert response.status_code == 400
    assert "Une fiche a au plus 6 images" in response.content.decode()
    assert sheet.images.count() == sheet_images.MAX_IMAGES

    first = sheet.images.order_by("pk").first()
    response = client.post(
        url, {**data, "remove_images": [first.pk], "image": picture(), "image_alt": "Une septième"}
    )
    assert response.status_code == 302
    assert sheet.images.count() == sheet_images.MAX_IMAGES
    assert not Image.objects.filter(pk=first.pk).exists()  # no other sheet shows it
    assert sheet.images.filter(description="Une septième").exists()


def test_deleting_a_sheet_deletes_its_images(client, person):
    sheet = ActionSheetFactory(collectivity=person.collectivity)
    sheet_images.add_image(actor=person.user, sheet=sheet, upload=picture(), alt="Une image")
    assert client.post(reverse("actions_portal:delete", args=[sheet.pk])).status_code == 302
    assert not Image.objects.exists()


def test_only_the_collectivitys_people_add_images():
    from django.core.exceptions import PermissionDenied

    sheet = ActionSheetFactory()
    outsider = MemberRoleFactory().user
    with pytest.raises(PermissionDenied):
        sheet_images.add_image(actor=outsider, sheet=sheet, upload=picture(), alt="Une image")
    assert not Image.objects.exists()
