"""allauth adapter: emails in the recipient's language, a profile for every new account."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import translation

from . import services
from .models import Profile


def language_for_email(email: str) -> str:
    """The language the person behind ``email`` reads, or the current one if unknown."""
    current = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    user_id = address.user_id if address else None
    if user_id is None:
        return current
    profile = Profile.objects.filter(user_id=user_id).only("language").first()
    return profile.language if profile else current


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        with translation.override(language_for_email(email)):
            super().send_mail(template_prefix, email, context)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.profile_for(user, language=translation.get_language())
        return user
