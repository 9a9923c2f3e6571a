"""The block that quotes how many sheets an edition's laureates published, computed when the
page is shown (:func:`actions.services.figures.laureates_sheet_count`), never typed."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.fragment_cache import cached_value
from label.blocks import EditionChooserBlock


class LaureatesSheetsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), required=False)
    edition = EditionChooserBlock(label=_("édition du label"))

    class Meta:
        icon = "doc-full"
        label = _("Fiches actions des lauréats d'une édition")
        template = "actions/blocks/laureates_sheets.html"

    def get_context(self, value, parent_context=None):
        from label.access import sees_embargoed

        from .models import catalogue_page
        from .services.figures import laureates_sheet_count

        context = super().get_context(value, parent_context=parent_context)
        edition = value.get("edition")
        request = (parent_context or {}).get("request")
        visible = edition is not None and (edition.is_public() or sees_embargoed(request))
        # Kept in the fragment cache until a sheet or a labellisation changes (actions.apps, label.apps).
        context["count"] = (
            cached_value(
                f"actions:laureates-sheets:{edition.year}",
                lambda: laureates_sheet_count(edition.year, public_only=False),
            )
            if visible
            else None
        )
        context["year"] = edition.year if edition is not None else None
        context["catalogue"] = catalogue_page() if visible else None
        return context
