"""Images of a sheet, uploaded by its collectivity's people in the portal: Wagtail images kept
in one collection of the image library, each with its alternative text."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.models import Collection

from ..models import ActionSheet
from .sheets import require_editor

#: Largest file accepted (bytes); the form says it in its help text.
MAX_IMAGE_BYTES = 5 * 1024 * 1024
#: Largest picture accepted (pixels): a 40-megapixel photo, far beyond what a sheet shows.
MAX_IMAGE_PIXELS = 40_000_000
#: Images per sheet.
MAX_IMAGES = 6
MAX_ALT_LENGTH = 250
#: Accepted formats (as Pillow names them) and the extension their files get.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
#: The collection of the image library that holds the sheets' images.
COLLECTION_NAME = "Atlaas : images des fiches actions"


def check_image(upload: UploadedFile) -> str:
    """The extension of ``upload`` if it is a JPEG, PNG or WebP picture small enough; otherwise
    a ValidationError saying what to do. The content is read, whatever the file's name says."""
    name = upload.name or ""
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("Le fichier « %(name)s » pèse %(size)s : une image doit peser %(max)s au plus.")
            % {"name": name, "size": filesizeformat(upload.size), "max": filesizeformat(MAX_IMAGE_BYTES)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with Picture.open(upload) as picture:
            kind, (width, height) = picture.format, picture.size
            picture.verify()
    except (OSError, SyntaxError, ValueError, Picture.DecompressionBombError):
        raise ValidationError(
            _("Le fichier « %(name)s » n'est pas une image lisible : choisissez une image JPEG, PNG ou WebP.")
            % {"name": name},
            code="invalid",
        ) from None
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise ValidationError(
            _(
                "Le fichier « %(name)s » est une image %(format)s : seules les images JPEG, PNG ou WebP "
                "sont acceptées."
            )
            % {"name": name, "format": kind},
            code="format",
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("L'image « %(name)s » est trop grande (%(width)d × %(height)d pixels) : réduisez-la.")
            % {"name": name, "width": width, "height": height},
            code="too_many_pixels",
        )
    return FORMATS[kind]


def check_alt(alt: str) -> str:
    alt = " ".join((alt or "").split())
    if not alt:
        raise ValidationError(
            {
                "image_alt": _(
                    "Décrivez l'image en quelques mots (texte alternatif) : les personnes qui ne la "
                    "voient pas liront ce texte."
                )
            }
        )
    if len(alt) > MAX_ALT_LENGTH:
        raise ValidationError(
            {
                "image_alt": _("Le texte alternatif ne doit pas dépasser %(max)d caractères.")
                % {"max": MAX_ALT_LENGTH}
            }
        )
    return alt


def _collection() -> Collection:
    collection = Collection.objects.filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    return collection


@transaction.atomic
def add_image(*, actor, sheet: ActionSheet, upload: UploadedFile, alt: str) -> Image:
    """Add the picture ``upload`` to ``sheet`` with its alternative text ``alt``."""
    require_editor(actor, sheet.collectivity_id)
    alt = check_alt(alt)
    try:
        extension = check_image(upload)
    except ValidationError as error:
        raise ValidationError({"image": error.error_list}) from None
    if sheet.images.count() >= MAX_IMAGES:
        raise ValidationError(
            {"image": _("Une fiche a au plus %(max)d images : retirez-en une d'abord.") % {"max": MAX_IMAGES}}
        )
    upload.name = f"fiche-{sheet.pk}.{extension}"
    image = Image(title=alt[:255], description=alt, collection=_collection(), uploaded_by_user=actor)
    image.file = upload
    image._set_image_file_metadata()
    image.save()
    sheet.images.add(image)
    return image


@transaction.atomic
def remove_images(*, actor, sheet: ActionSheet, images: Iterable[Image]) -> None:
    """Take ``images`` off ``sheet``; those of the sheets' collection that no other sheet shows
    are deleted from the library (their files with them)."""
    require_editor(actor, sheet.collectivity_id)
    images = list(images)
    if not images:
        return
    sheet.images.remove(*images)
    delete_unused_images(image.pk for image in images)


def delete_unused_images(image_ids: Iterable[int]) -> None:
    """Delete the images of ``image_ids`` that belong to the sheets' collection and that no
    sheet shows any more."""
    Image.objects.filter(
        pk__in=list(image_ids), collection__name=COLLECTION_NAME, action_sheets__isnull=True
    ).delete()
