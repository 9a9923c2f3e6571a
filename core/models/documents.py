"""Generated documents: a file the site builds for one revision of an object (the PDF of a
press release, the ZIP of a press kit; invoices, receipts, certificates and reports next).

A concrete model subclasses `GeneratedDocument` (`PageDocument` when the object is a page),
adds a one-to-one field to its object and names it in `source_field`. How its file is built
is declared with `core.documents.register`; only `core.documents` writes these rows.

Files go to the default storage under `generated/`, which the web server serves under
`/media/`: right for public documents (press). A private kind (invoice, certificate) redeclares
`file` with a storage that is not served and hands the file out through a view that checks
who asks.
"""

import secrets
from pathlib import PurePosixPath
from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def generated_file_path(instance: "GeneratedDocument", filename: str) -> str:
    """`generated/<model>/<random>/<filename>`: every build gets a new address, so that no cache
    serves a file built from another revision, and the download keeps its plain name."""
    return f"generated/{instance._meta.model_name}/{secrets.token_hex(8)}/{filename}"


class GeneratedDocumentQuerySet(models.QuerySet):
    def of(self, source: Any) -> "GeneratedDocumentQuerySet":
        """The documents of one object (`source`: the object or its primary key)."""
        return self.filter(**{self.model.source_field: source})

    def current(self, source: Any) -> "GeneratedDocumentQuerySet":
        """The document built from the object's current revision: the only one ever served."""
        return self.of(source).filter(revision=self.model.revision_of(source))


class GeneratedDocument(models.Model):
    """A file built from one revision of an object, stored apart from the object."""

    # Name of the subclass's one-to-one field to the object the file is built from.
    source_field: ClassVar[str] = "source"

    file = models.FileField(_("fichier"), upload_to=generated_file_path, max_length=255)
    revision = models.CharField(
        _("révision"),
        max_length=64,
        help_text=_("La révision de l'objet à partir de laquelle le fichier a été construit."),
    )
    built_at = models.DateTimeField(_("construit le"), default=timezone.now)
    size = models.PositiveBigIntegerField(_("taille en octets"), default=0)
    content_type = models.CharField(_("type de contenu"), max_length=100)

    objects = GeneratedDocumentQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        return PurePosixPath(self.file.name).name

    @property
    def url(self) -> str:
        return self.file.url

    @classmethod
    def source_model(cls) -> type[models.Model]:
        return cls._meta.get_field(cls.source_field).related_model

    @classmethod
    def sources(cls) -> models.QuerySet:
        """The objects that must have their file now (published, issued...)."""
        raise NotImplementedError(f"{cls.__name__} must say which objects have a file")

    @classmethod
    def revision_of(cls, source: Any) -> str:
        """The current revision of an object: a file built from any other one is stale."""
        raise NotImplementedError(f"{cls.__name__} must say what the revision of its object is")


class PageDocument(GeneratedDocument):
    """A file built from the live revision of a live page (`page`) that is not members-only."""

    source_field = "page"

    class Meta:
        abstract = True

    @classmethod
    def sources(cls) -> models.QuerySet:
        """Live pages, but not members-only ones: their files would be public (`generated/` is
        served as is)."""
        from .pages import exclude_members_only

        return exclude_members_only(cls.source_model().objects.live().exclude(live_revision=None))

    @classmethod
    def revision_of(cls, page: Any) -> str:
        return str(page.live_revision_id)
