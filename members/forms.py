from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Role


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique de la personne"),
        max_length=254,
        error_messages={
            "invalid": _("Saisissez une adresse électronique valide, par exemple nom@mairie.fr.")
        },
    )
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices, initial=Role.AGENT)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Nouveau rôle"), choices=Role.choices)


class ChooseCollectivityForm(forms.Form):
    collectivity = forms.IntegerField(widget=forms.HiddenInput)


class ProfileForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Langue des messages que nous vous envoyons"), choices=settings.LANGUAGES
    )

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]
        labels = {"first_name": _("Prénom"), "last_name": _("Nom")}


class CloseAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Je comprends que mon compte sera fermé et que mon nom sera retiré des dossiers."),
        required=True,
    )


class SignupForm(forms.Form):
    """The names allauth's sign-up form asks for besides the email and password
    (``ACCOUNT_SIGNUP_FORM_CLASS``); the account adapter saves them on the user."""

    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Indiquez votre prénom.")},
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Indiquez votre nom.")},
    )
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def clean_first_name(self) -> str:
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self) -> str:
        return self.cleaned_data["last_name"].strip()

    def signup(self, request, user) -> None:
        """Nothing more to save: DefaultAccountAdapter.save_user sets first_name and last_name
        from this form's data."""
