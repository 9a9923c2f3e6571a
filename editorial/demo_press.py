"""Demo press room: the press room (French and English), press contacts, the 30 January 2026
palmarès release (French and English), the 2025 press kit with generated documents, photo
and logo, and the "Relecture" review workflow.

The text is data (``editorial/demo/press.yaml``, read by ``core.demo``). What stays here is
drawing the demo files: the fact sheets rendered to PDF, the pictures drawn with Pillow.
Idempotent: a document or image with the same title, a contact with the same name, a page with
the same slug is left as it is. The PDF of the release and the ZIP of the kit are built by the
tasks enqueued on publication (``manage.py db_worker`` in development).
"""

import dataclasses
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from core.demo import SOURCE_LANGUAGE, Log, PageTree, add_to_main_navigation, read_data
from core.models import SiteSettings
from editorial.models.press import PressContact, PressKitPage, PressReleasePage
from editorial.services.press import ensure_press_review_workflow
from label.models import LabelEdition
from label.services.figures import edition_figures

PRESS = Path(__file__).parent / "demo" / "press.yaml"
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


def _paragraphs(sheet: dict) -> list[str]:
    """The sheet's paragraphs. One that quotes an edition's figures (``{labelled}``...) gets
    them computed from the palmarès, and is left out while the edition does not exist."""
    year = sheet.get("edition")
    edition = LabelEdition.objects.filter(year=year).first() if year else None
    if edition is None:
        return [paragraph for paragraph in sheet["paragraphs"] if "{" not in paragraph]
    figures = edition_figures(edition)
    values = {field.name: getattr(figures, field.name) for field in dataclasses.fields(figures)}
    return [paragraph.format(**values) for paragraph in sheet["paragraphs"]]


def _document(sheet: dict, log: Log):
    document_model = get_document_model()
    document = document_model.objects.filter(title=sheet["title"]).first()
    if document is None:
        data = _pdf_bytes(_paragraphs(sheet))
        document = document_model(title=sheet["title"], collection=Collection.get_first_root_node())
        document.file.save(sheet["filename"], ContentFile(data), save=False)
        document.file_size = len(data)
        document.save()
        log(f"  document « {sheet['title']} » créé")
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


def _ensure_default_share_image(image, log: Log) -> None:
    """The sharing image of pages without one, unless staff already chose one."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if site_settings.default_share_image_id is None:
        site_settings.default_share_image = image
        site_settings.save(update_fields=["default_share_image"])
        log("  image de partage par défaut choisie")


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Build the demo press room. Returns row counts."""
    data = read_data(PRESS)
    objects = {sheet["key"]: _document(sheet, log) for sheet in data["documents"]}
    objects.update({picture["key"]: _picture(picture, log) for picture in data["pictures"]})
    tree = PageTree(data, objects).load(log)
    _ensure_default_share_image(objects["partage"], log)
    if ("press-room", SOURCE_LANGUAGE) in tree.pages:
        add_to_main_navigation(tree.pages[("press-room", SOURCE_LANGUAGE)], log)
    ensure_press_review_workflow(
        [page for (key, _language), page in tree.pages.items() if key == "press-room"]
    )
    return {
        "contacts presse": PressContact.objects.count(),
        "communiqués": PressReleasePage.objects.count(),
        "dossiers de presse": PressKitPage.objects.count(),
    }
