"""The sheets in the member portal: the collectivity's people list, create, edit and delete
its sheets. The collectivity is the one the portal shows (members' current collectivity); a
sheet of another collectivity gets a 404 and nothing changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.services import current_collectivity

from . import services
from .forms import SheetForm
from .models import ActionSheet
from .services.images import add_image, remove_images

PUBLISH = "publier"


def _collectivity(request):
    collectivity = current_collectivity(request.user)
    if collectivity is None:
        raise Http404
    return collectivity


def _own_sheet(request, pk: int) -> ActionSheet:
    collectivity = _collectivity(request)
    return get_object_or_404(
        ActionSheet.objects.select_related("collectivity"), pk=pk, collectivity=collectivity
    )


@login_required
def sheet_list(request):
    collectivity = _collectivity(request)
    sheets = list(collectivity.action_sheets.order_by("-updated_at", "-pk"))
    return render(request, "actions/portal/sheet_list.html", {"collectivity": collectivity, "sheets": sheets})


@transaction.atomic
def _save(request, form: SheetForm, sheet: ActionSheet | None, collectivity):
    """The sheet, its removed and its new image, all or nothing."""
    values = {name: form.cleaned_data.get(name) for name in services.EDITABLE_FIELDS}
    chosen = list(form.cleaned_data["services"])
    # A withdrawn sheet stays withdrawn: its corrections wait for the moderation to read them.
    publish = None if sheet is not None and sheet.is_withdrawn else request.POST.get("action") == PUBLISH
    if sheet is None:
        saved = services.create_sheet(
            actor=request.user, collectivity=collectivity, values=values, services=chosen, publish=publish
        )
    else:
        saved = services.update_sheet(
            actor=request.user, sheet=sheet, values=values, services=chosen, publish=publish
        )
    if removed := form.cleaned_data.get("remove_images"):
        remove_images(actor=request.user, sheet=saved, images=removed)
    if upload := form.cleaned_data.get("image"):
        add_image(actor=request.user, sheet=saved, upload=upload, alt=form.cleaned_data["image_alt"])
    return saved


@login_required
def sheet_edit(request, pk: int | None = None):
    collectivity = _collectivity(request)
    sheet = _own_sheet(request, pk) if pk is not None else None
    form = SheetForm(request.POST or None, request.FILES or None, instance=sheet)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(request, form, sheet, collectivity)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("La fiche « %(title)s » est enregistrée.") % {"title": saved.title})
            return redirect("actions_portal:list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "actions/portal/sheet_form.html",
        {"collectivity": collectivity, "form": form, "sheet": sheet},
        status=status,
    )


@login_required
@require_POST
def sheet_delete(request, pk: int):
    sheet = _own_sheet(request, pk)
    try:
        services.delete_sheet(actor=request.user, sheet=sheet)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La fiche « %(title)s » est supprimée.") % {"title": sheet.title})
    return redirect("actions_portal:list")
