"""StreamField block quoting an edition's live figures (for press releases and press kits)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class EditionFiguresBlock(blocks.StructBlock):
    """The figures of the chosen edition, computed when the page is shown, never typed; nothing
    is shown while the edition's results are under embargo, except to the team."""

    title = blocks.CharBlock(label=_("titre"), required=False)
    edition = SnippetChooserBlock("label.LabelEdition", label=_("édition du label"))

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
        # The block shows no regions (label/includes/figures.html): they are not asked for.
        context["figures"] = edition_figures(edition, with_regions=False) if visible else None
        return context
