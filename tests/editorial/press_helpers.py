"""Builders shared by the press room tests (not a test module)."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from editorial.models.press import (
    PressContact,
    PressKitDocument,
    PressKitPage,
    PressKitPhoto,
    PressReleaseContact,
    PressReleasePage,
    PressRoomContact,
    PressRoomPage,
)


def french() -> Locale:
    return Locale.objects.get_or_create(language_code="fr")[0]


def reload(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


def make_contact(name: str = "Camille Exemple", **kwargs) -> PressContact:
    defaults = {
        "role": "Attachée de presse",
        "organisation": "Agence Fictive",
        "email": "camille@agence-fictive.test",
        "phone": "01 99 00 11 22",
        "locale": french(),
    }
    return PressContact.objects.create(name=name, **{**defaults, **kwargs})


def make_press_room(home: Page, contacts: list[PressContact] = ()) -> PressRoomPage:
    room = PressRoomPage(
        title="Espace presse",
        slug="presse",
        locale=home.locale,
        introduction="Communiqués et dossiers.",
        contacts=[PressRoomContact(contact=c) for c in contacts],
    )
    reload(home).add_child(instance=room)
    room.save_revision().publish()
    return reload(room)


def release(room: Page, number: int = 1, publish: bool = True, **kwargs) -> PressReleasePage:
    contacts = kwargs.pop("contacts", [])
    page = PressReleasePage(
        title=kwargs.pop("title", f"Communiqué numéro {number}"),
        slug=kwargs.pop("slug", f"communique-{number}"),
        locale=room.locale,
        release_date=kwargs.pop("release_date", datetime.date(2026, 1, 1) + datetime.timedelta(days=number)),
        subtitle=kwargs.pop("subtitle", f"Sous-titre {number}"),
        body=kwargs.pop("body", [{"type": "rich_text", "value": f"<p>Texte du communiqué {number}.</p>"}]),
        contacts=[PressReleaseContact(contact=c) for c in contacts],
        live=publish,
        **kwargs,
    )
    reload(room).add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return reload(page)


def document(title: str, content: bytes = b"contenu", filename: str = "fichier.pdf"):
    model = get_document_model()
    doc = model(title=title)
    doc.file.save(filename, ContentFile(content), save=False)
    doc.file_size = len(content)
    doc.save()
    return doc


def png(title: str, color: str = "red", size: tuple[int, int] = (40, 30)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, color).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png")
    )


def kit(room: Page, documents=(), photos=(), publish: bool = True, **kwargs) -> PressKitPage:
    page = PressKitPage(
        title=kwargs.pop("title", "Dossier de presse 2025"),
        slug=kwargs.pop("slug", "dossier-2025"),
        locale=room.locale,
        introduction="Le dossier.",
        documents=[PressKitDocument(document=d) for d in documents],
        photos=[
            PressKitPhoto(
                image=image,
                kind=kind,
                alt_text=f"Image {image.title}",
                caption=image.title,
                credit="Photo Fictive",
            )
            for image, kind in photos
        ],
        live=publish,
        **kwargs,
    )
    reload(room).add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return reload(page)
