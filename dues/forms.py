"""Forms of the public dues pages: the calculator and the membership application."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from territories.choices import CollectivityKind


class CalculatorForm(forms.Form):
    """A GET form: a collectivity's name or INSEE code, or a kind and a population."""

    q = forms.CharField(label=_("Nom ou code INSEE de la collectivité"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type de collectivité"), choices=CollectivityKind.choices, required=False
    )
    population = forms.IntegerField(label=_("Population"), required=False, min_value=0, max_value=100_000_000)
