"""Accept a pending invitation once its person has logged in or verified their address."""

from allauth.account.signals import email_confirmed
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .models import Profile

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
    language = (translation.get_language() or "fr")[:2]
    Profile.objects.update_or_create(user=user, defaults={"language": language})
    accept_pending_invitation(request, user)


@receiver(email_confirmed)
def on_email_confirmed(sender, request, email_address, **kwargs):
    accept_pending_invitation(request, email_address.user)
