from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class VisitorRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Nom et prénom"), max_length=150)
    email = forms.EmailField(label=_("Adresse électronique"))
    collectivity_name = forms.CharField(label=_("Collectivité (facultatif)"), max_length=200, required=False)
    role = forms.CharField(label=_("Fonction"), max_length=150)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for index, question in enumerate(questions):
            self.fields[f"question_{index}"] = forms.CharField(
                label=question.label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict:
        return {
            name.removeprefix("question_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("question_")
        }


class AnswersForm(VisitorRegistrationForm):
    """A member's one click, with the optional questions when the session has some."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email", "collectivity_name", "role"):
            del self.fields[name]
