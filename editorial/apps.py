from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Éditorial")

    def ready(self) -> None:
        from taggit.models import Tag

        from core import documents, fragment_cache
        from editorial.models import ArticleTag, NewsCategory
        from editorial.models.press import PressKitArchive, PressReleasePdf
        from editorial.services.press import kit_archive, release_pdf

        # Built in a task on publication, deleted on unpublication (core.documents).
        documents.register(PressReleasePdf, release_pdf)
        documents.register(PressKitArchive, kit_archive)

        # The news index's filters (categories, tags, years) are kept in the fragment cache.
        fragment_cache.watch(NewsCategory, Tag, ArticleTag)
