"""Demo press room: the press room (French and English), press contacts, the 30 January 2026
palmarès release (French and English), the 2025 press kit with generated documents, photo
and logo, and the "Relecture" review workflow.

Deterministic and idempotent: whatever already exists (same slug under the same parent, same
document or image title, same contact name) is left as it is. Runs after the home page step.
The PDF of the release and the ZIP of the kit are built by the tasks enqueued on publication
(`manage.py db_worker` in development).
"""

import datetime
import io
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from editorial import demo_press_content as content
from editorial.models.press import (
    PressContact,
    PressKitContact,
    PressKitDocument,
    PressKitPage,
    PressKitPhoto,
    PressReleaseContact,
    PressReleaseDocument,
    PressReleasePage,
    PressRoomContact,
    PressRoomPage,
)
from editorial.services.press import ensure_press_review_workflow

Log = Callable[[str], None]
PARIS = ZoneInfo("Europe/Paris")
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _pdf_bytes(paragraphs: list[str]) -> bytes:
    from weasyprint import HTML

    first, *others = paragraphs
    html = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>'
        "@page { size: A4; margin: 25mm; } body { font-family: 'DejaVu Sans', sans-serif; }"
        "h1 { font-size: 16pt; color: #123b63; }</style></head><body>"
        f"<h1>{escape(first)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in others) + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def _png_bytes(picture: dict) -> bytes:
    width, height = picture["size"]
    background, foreground = picture["colors"]
    image = PillowImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    size = height // 9
    try:
        font = ImageFont.truetype(FONT_PATH, size=size)
        # Shrink the text until the longest line fits inside the frame.
        while size > 10 and max(draw.textlength(line, font=font) for line in picture["lines"]) > width * 0.85:
            size -= 2
            font = ImageFont.truetype(FONT_PATH, size=size)
    except OSError:
        font = ImageFont.load_default()
    border = max(6, height // 40)
    draw.rectangle(
        [border, border, width - border - 1, height - border - 1], outline=foreground, width=border
    )
    line_height = height // 6
    top = (height - line_height * len(picture["lines"])) // 2
    for number, line in enumerate(picture["lines"]):
        draw.text((width // 2, top + number * line_height), line, fill=foreground, font=font, anchor="mt")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _document(title: str, filename: str, paragraphs: list[str], log: Log):
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        data = _pdf_bytes(paragraphs)
        document = document_model(title=title, collection=Collection.get_first_root_node())
        document.file.save(filename, ContentFile(data), save=False)
        document.file_size = len(data)
        document.save()
        log(f"  document « {title} » créé")
    return document


def _picture(picture: dict, log: Log):
    image_model = get_image_model()
    image = image_model.objects.filter(title=picture["title"]).first()
    if image is None:
        data = _png_bytes(picture)
        image = image_model(
            title=picture["title"],
            collection=Collection.get_first_root_node(),
            file=ImageFile(io.BytesIO(data), name=picture["filename"]),
        )
        image.file_size = len(data)
        image.save()
        log(f"  image « {picture['title']} » créée")
    return image


def _contacts(french: Locale, english: Locale, log: Log) -> dict[str, dict[str, PressContact]]:
    contacts: dict[str, dict[str, PressContact]] = {"fr": {}, "en": {}}
    for entry in content.CONTACTS:
        contact = PressContact.objects.filter(name=entry["name"], locale=french).first()
        if contact is None:
            contact = PressContact.objects.create(
                locale=french,
                name=entry["name"],
                role=entry["role"]["fr"],
                organisation=entry["organisation"],
                email=entry["email"],
                phone=entry["phone"],
            )
            log(f"  contact presse « {contact.name} » créé")
        translation = contact.get_translation_or_none(english)
        if translation is None:
            translation = contact.copy_for_translation(english)
            translation.role = entry["role"]["en"]
            translation.save()
        contacts["fr"][entry["key"]] = contact
        contacts["en"][entry["key"]] = translation
    return contacts


def _child(parent: Page, locale: Locale, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug, locale=locale).specific().first()


def _add_and_publish(parent: Page, page: Page, log: Log) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    log(f"  page « {page.title} » créée")
    return page


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Build the demo press room. Returns row counts."""
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get(language_code="en")
    home = Page.objects.get(depth=2, locale=french)
    english_home = home.get_translation(english)
    contacts = _contacts(french, english, log)

    room_fr = _child(home, french, content.PRESS_ROOM["fr"]["slug"])
    if room_fr is None:
        room_fr = _add_and_publish(
            home,
            PressRoomPage(
                locale=french,
                **content.PRESS_ROOM["fr"],
                contacts=[PressRoomContact(contact=c) for c in contacts["fr"].values()],
            ),
            log,
        )
    room_en = room_fr.get_translation_or_none(english)
    if room_en is None:
        room_en = _add_and_publish(
            english_home,
            PressRoomPage(
                locale=english,
                translation_key=room_fr.translation_key,
                **content.PRESS_ROOM["en"],
                contacts=[PressRoomContact(contact=c) for c in contacts["en"].values()],
            ),
            log,
        )
    ensure_press_review_workflow([room_fr, room_en])

    fact_sheet = _document(
        content.FACT_SHEET["title"], content.FACT_SHEET["filename"], content.FACT_SHEET["paragraphs"], log
    )
    figures_sheet = _document(
        content.FIGURES_SHEET["title"],
        content.FIGURES_SHEET["filename"],
        content.FIGURES_SHEET["paragraphs"],
        log,
    )
    pictures = {picture["key"]: _picture(picture, log) for picture in content.PICTURES}

    # Reload: adding children changed the press rooms' tree columns.
    room_fr = Page.objects.get(pk=room_fr.pk)
    room_en = Page.objects.get(pk=room_en.pk)
    release_time = datetime.datetime(2026, 1, 30, 9, 0, tzinfo=PARIS)
    release_fr = _child(room_fr, french, content.RELEASE_2026["fr"]["slug"])
    if release_fr is None:
        release_fr = _add_and_publish(
            room_fr,
            PressReleasePage(
                locale=french,
                release_date=release_time.date(),
                first_published_at=release_time,
                **content.RELEASE_2026["fr"],
                documents=[PressReleaseDocument(document=fact_sheet)],
                contacts=[PressReleaseContact(contact=c) for c in contacts["fr"].values()],
            ),
            log,
        )
    if release_fr.get_translation_or_none(english) is None:
        _add_and_publish(
            room_en,
            PressReleasePage(
                locale=english,
                translation_key=release_fr.translation_key,
                release_date=release_time.date(),
                first_published_at=release_time,
                **content.RELEASE_2026["en"],
                documents=[PressReleaseDocument(document=fact_sheet)],
                contacts=[PressReleaseContact(contact=c) for c in contacts["en"].values()],
            ),
            log,
        )

    room_fr = Page.objects.get(pk=room_fr.pk)
    if _child(room_fr, french, content.KIT_2025["slug"]) is None:
        _add_and_publish(
            room_fr,
            PressKitPage(
                locale=french,
                first_published_at=datetime.datetime(2025, 2, 5, 9, 0, tzinfo=PARIS),
                **content.KIT_2025,
                documents=[PressKitDocument(document=fact_sheet), PressKitDocument(document=figures_sheet)],
                photos=[
                    PressKitPhoto(
                        image=pictures[picture["key"]],
                        kind=picture["kind"],
                        alt_text=picture["alt"],
                        caption=picture["caption"],
                        credit=picture["credit"],
                    )
                    for picture in content.PICTURES
                ],
                contacts=[PressKitContact(contact=c) for c in contacts["fr"].values()],
            ),
            log,
        )

    return {
        "contacts presse": PressContact.objects.count(),
        "communiqués": PressReleasePage.objects.count(),
        "dossiers de presse": PressKitPage.objects.count(),
    }
