"""Forms of the portal (a sheet) and of the public catalogue (its filters)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from territories.choices import Category

from .models import POPULATION_BANDS, ActionSheet, Enjeu, Family, Service


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.enjeu.name} · {obj.name}"


class SheetForm(forms.ModelForm):
    services = ServiceChoiceField(
        label=_("Services du référentiel"),
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins un service du référentiel.")},
    )
    ongoing = forms.BooleanField(label=_("Action en cours (pas de date de fin)"), required=False)

    class Meta:
        model = ActionSheet
        fields = [
            "title",
            "summary",
            "description",
            "services",
            "started_on",
            "ended_on",
            "ongoing",
            "audience",
            "partners",
            "budget_band",
            "links",
        ]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = Q(pk__in=Service.objects.offered_in(timezone.localdate().year).values("pk"))
        if self.instance.pk:
            # An older sheet keeps the retired services it was filed under.
            offered |= Q(pk__in=self.instance.services.values("pk"))
        self.fields["services"].queryset = Service.objects.filter(offered).select_related("enjeu__family")
        self.fields["ongoing"].initial = self.instance.pk is not None and self.instance.ended_on is None

    def clean(self):
        data = super().clean()
        if data.get("ongoing"):
            data["ended_on"] = None
        return data


class ModerationForm(forms.Form):
    """Staff's decision on a sheet (admin): the reason the collectivity will read."""

    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Obligatoire pour un retrait : les personnes de la collectivité le liront dans leur espace."
        ),
    )


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    famille = forms.ChoiceField(label=_("Famille"), required=False)
    enjeu = forms.ChoiceField(label=_("Enjeu"), required=False)
    service = forms.ChoiceField(label=_("Service"), required=False)
    region = forms.ChoiceField(label=_("Région"), required=False)
    categorie = forms.ChoiceField(
        label=_("Catégorie"), required=False, choices=[("", _("Toutes")), *Category.choices]
    )
    population = forms.ChoiceField(
        label=_("Population"),
        required=False,
        choices=[("", _("Toutes")), *((value, label) for value, label, _low, _high in POPULATION_BANDS)],
    )

    def __init__(self, *args, families, enjeux, services, regions, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Toutes"))]
        self.fields["famille"].choices = everything + [(f.code, f.name) for f in families]
        self.fields["enjeu"].choices = [("", _("Tous"))] + [(e.code, e.name) for e in enjeux]
        self.fields["service"].choices = [("", _("Tous"))] + [(s.code, s.name) for s in services]
        self.fields["region"].choices = everything + [(r.slug, r.name) for r in regions]


__all__ = ["CatalogFilterForm", "Enjeu", "Family", "ModerationForm", "SheetForm"]
