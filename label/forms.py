"""Forms of the label app: the palmarès filters (public, GET) and the staff CSV import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.csv_import.forms import CsvImportForm
from territories.models import Category

from .models import MAX_AROBASES, MIN_AROBASES, DistinctionKind, LabelEdition

SORT_CHOICES = [
    ("nom", _("Nom")),
    ("arobases", _("Nombre d'arobases")),
    ("population", _("Population")),
]
DEFAULT_SORT = "nom"


class PalmaresFilterForm(forms.Form):
    """Filters and sort of a palmarès page; every field optional, sent by GET."""

    arobases = forms.TypedChoiceField(
        label=_("Arobases"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Toutes"))] + [(n, f"{n} @") for n in range(MAX_AROBASES, MIN_AROBASES - 1, -1)],
    )
    region = forms.ChoiceField(label=_("Région"), required=False)
    categorie = forms.ChoiceField(
        label=_("Catégorie"), required=False, choices=[("", _("Toutes"))] + list(Category.choices)
    )
    distinction = forms.ChoiceField(
        label=_("Distinction"),
        required=False,
        choices=[("", _("Toutes")), ("mention", _("Toute mention thématique"))]
        + list(DistinctionKind.choices),
    )
    tri = forms.ChoiceField(label=_("Trier par"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Toutes"))] + [(r.slug, r.name) for r in regions]


class PalmaresImportForm(CsvImportForm):
    field_order = ["edition", "file"]

    edition = forms.ModelChoiceField(
        label=_("Édition"), queryset=LabelEdition.objects.all(), empty_label=None
    )
