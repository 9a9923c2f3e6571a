"""The member portal. Every view takes the collectivity from the person's own roles: a person
of another collectivity gets a 404 and nothing changes."""

from __future__ import annotations

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .access import join_page_for
from .forms import ChooseCollectivityForm, CloseAccountForm, InviteForm, ProfileForm, RoleForm
from .models import Invitation, MemberRole, Membership, Role
from .signals import SESSION_INVITATION_KEY


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _render_portal(request, invite_form: InviteForm | None = None, status: int = 200):
    """The portal page; ``invite_form`` is a bound form to show again with what was typed."""
    collectivity = services.current_collectivity(request.user)
    context = {"collectivities": list(services.collectivities_of(request.user))}
    if collectivity is not None:
        # The status annotated once: the page and the invite check read it without a query.
        membership = Membership.objects.with_status().filter(collectivity=collectivity).first()
        # A lapsed or resigned collectivity renews before inviting (services.invite refuses too).
        can_invite = membership is None or membership.is_valid
        people = list(
            MemberRole.objects.filter(collectivity=collectivity)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "user__email")
        )
        my_role = next((p for p in people if p.user_id == request.user.pk), None)
        is_referent = my_role is not None and my_role.role == Role.REFERENT
        context.update(
            collectivity=collectivity,
            membership=membership,
            people=people,
            my_role=my_role,
            is_referent=is_referent,
            role_choices=Role.choices,
            invite_form=invite_form or InviteForm(),
            can_invite=can_invite,
            join_page=None if can_invite else join_page_for(request),
            invitations=list(Invitation.objects.pending().filter(collectivity=collectivity))
            if is_referent
            else [],
        )
    return render(request, "members/portal.html", context, status=status)


@login_required
def portal(request):
    return _render_portal(request)


def _referent_role(request, pk: int) -> MemberRole:
    """A person's role in a collectivity where the requester is référent, else 404."""
    referent_of = MemberRole.objects.referents().filter(user=request.user).values("collectivity_id")
    return get_object_or_404(
        MemberRole.objects.select_related("collectivity", "user"), pk=pk, collectivity_id__in=referent_of
    )


@login_required
@require_POST
def choose_collectivity(request):
    form = ChooseCollectivityForm(request.POST)
    if not form.is_valid():
        raise Http404
    collectivity = get_object_or_404(
        services.collectivities_of(request.user), pk=form.cleaned_data["collectivity"]
    )
    services.choose_collectivity(user=request.user, collectivity=collectivity)
    return redirect("members:portal")


@login_required
@require_POST
def invite(request):
    collectivity = services.current_collectivity(request.user)
    if collectivity is None or not services.is_referent(request.user, collectivity):
        raise Http404
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite(
                actor=request.user,
                collectivity=collectivity,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                language=(translation.get_language() or "fr")[:2],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email})
            return redirect("members:portal")
    # The portal again, with what the référent typed and what to correct.
    return _render_portal(request, invite_form=form)


@login_required
@require_POST
def cancel_invitation(request, pk: int):
    """Cancel a pending invitation of a collectivity where the requester is référent."""
    referent_of = MemberRole.objects.referents().filter(user=request.user).values("collectivity_id")
    invitation = get_object_or_404(
        Invitation.objects.select_related("collectivity"), pk=pk, collectivity_id__in=referent_of
    )
    try:
        services.cancel_invitation(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("L'invitation de %(email)s est annulée : son lien ne fonctionne plus.")
            % {"email": invitation.email},
        )
    return redirect("members:portal")


@login_required
@require_POST
def change_role(request, pk: int):
    member_role = _referent_role(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle : référent, élu ou agent."))
        return redirect("members:portal")
    try:
        services.change_role(actor=request.user, member_role=member_role, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Rôle modifié."))
    return redirect("members:portal")


@login_required
@require_POST
def remove_person(request, pk: int):
    member_role = _referent_role(request, pk)
    try:
        services.remove_person(actor=request.user, member_role=member_role)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("La personne a été retirée de la collectivité."))
    if not MemberRole.objects.filter(user=request.user).exists():
        return redirect("/")
    return redirect("members:portal")


def invitation(request, token: str):
    """The link of an invitation email: accept it, or sign up / log in first."""
    try:
        invitation = services.check_invitation(token)
    except ValidationError as error:
        status = 404 if error.code == "unknown" else 410
        return render(request, "members/invitation.html", {"error": _error_text(error)}, status=status)

    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                member_role = services.accept_invitation(token=token, user=request.user)
            except ValidationError as error:
                return render(
                    request,
                    "members/invitation.html",
                    {"invitation": invitation, "error": _error_text(error)},
                    status=403,
                )
            messages.success(
                request,
                _("Bienvenue : vous faites désormais partie de %(collectivity)s.")
                % {"collectivity": member_role.collectivity.name},
            )
            return redirect("members:portal")
        return render(request, "members/invitation.html", {"invitation": invitation, "can_accept": True})

    request.session[SESSION_INVITATION_KEY] = token
    context = {
        "invitation": invitation,
        "signup_url": f"{reverse('account_signup')}?{urlencode({'email': invitation.email})}",
        "login_url": reverse("account_login"),
    }
    return render(request, "members/invitation.html", context)


@login_required
def profile(request):
    user = request.user
    member_profile = services.profile_for(user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            services.update_profile(
                user=user,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Profil enregistré."))
            return redirect("members:profile")
    else:
        form = ProfileForm(instance=user, initial={"language": member_profile.language})
    return render(request, "members/profile.html", {"form": form})


@login_required
def download_data(request):
    data = services.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-villes-internet.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@reauthentication_required(allow_get=True)
def close_account(request):
    """Closing an account asks for the password again (allauth's re-authentication) when the
    person has not typed it in the last few minutes: an open session left on a shared computer
    is not enough to close it."""
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_account(user=request.user)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            logout(request)
            messages.success(request, _("Votre compte est fermé. Merci d'avoir utilisé l'espace membre."))
            return redirect("/")
    return render(request, "members/close_account.html", {"form": form})
