"""StreamField blocks of the label: an edition chosen in a section, and that edition's live
figures (for the home page, press releases and press kits)."""

import copy

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.fragment_cache import cached_value


def editions_by_pk() -> dict:
    """Every label edition (one a year) by primary key, kept in the fragment cache until an
    edition is saved or deleted (``label.apps``)."""
    from .models import LabelEdition

    return cached_value("label:editions", lambda: LabelEdition.objects.in_bulk())


class EditionChooserBlock(SnippetChooserBlock):
    """A label edition chosen in a section. A page's sections read their editions from the
    fragment cache instead of one query per kind of section (the home page quotes the same
    edition in two)."""

    def __init__(self, **kwargs):
        super().__init__("label.LabelEdition", **kwargs)

    def bulk_to_python(self, values):
        editions = editions_by_pk()
        return [copy.copy(editions.get(self._pk(value))) for value in values]

    @staticmethod
    def _pk(value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None


class EditionFiguresBlock(blocks.StructBlock):
    """The figures of the chosen edition, computed when the page is shown, never typed; nothing
    is shown while the edition's results are under embargo, except to the team."""

    title = blocks.CharBlock(label=_("titre"), required=False)
    edition = EditionChooserBlock(label=_("édition du label"))

    class Meta:
        icon = "list-ol"
        label = _("Chiffres d'une édition du label")
        template = "label/blocks/edition_figures.html"

    def get_context(self, value, parent_context=None):
        from .access import sees_embargoed
        from .services.figures import edition_figures

        context = super().get_context(value, parent_context=parent_context)
        edition = value.get("edition")
        request = (parent_context or {}).get("request")
        visible = edition is not None and (edition.is_public() or sees_embargoed(request))
        # The block shows no regions (label/includes/figures.html): they are not asked for. The
        # figures are kept in the fragment cache until a row they count changes (label.apps).
        context["figures"] = (
            cached_value(
                f"label:edition-figures:{edition.pk}", lambda: edition_figures(edition, with_regions=False)
            )
            if visible
            else None
        )
        return context
