"""Accept a pending invitation once its person has logged in or verified their address; give a
person who logs in for the first time a profile in the language they use."""

from allauth.account.signals import email_confirmed
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext as _

from . import services

SESSION_INVITATION_KEY = "members_invitation_token"


def accept_pending_invitation(request, user) -> None:
    if request is None or not hasattr(request, "session"):
        return
    token = request.session.get(SESSION_INVITATION_KEY)
    if not token:
        return
    try:
        member_role = services.accept_invitation(token=token, user=user)
    except ValidationError as error:
        if error.code != "wrong_email":
            request.session.pop(SESSION_INVITATION_KEY, None)
        messages.error(request, " ".join(error.messages))
        return
    request.session.pop(SESSION_INVITATION_KEY, None)
    messages.success(
        request,
        _("Bienvenue : vous faites désormais partie de %(collectivity)s.")
        % {"collectivity": member_role.collectivity.name},
    )


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    # Only a new profile takes the current language: the person's own choice (profile page) stays.
    services.profile_for(user, language=translation.get_language())
    accept_pending_invitation(request, user)


@receiver(email_confirmed)
def on_email_confirmed(sender, request, email_address, **kwargs):
    accept_pending_invitation(request, email_address.user)
