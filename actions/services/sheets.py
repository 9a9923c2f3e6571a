"""Who may write a collectivity's sheets, and the writes themselves."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from members.models import MemberRole
from members.services import is_staff_manager
from territories.models import Collectivity

from ..models import ActionSheet, Service, SheetStatus

EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "started_on",
    "ended_on",
    "audience",
    "partners",
    "budget_band",
    "links",
)


def belongs_to(user, collectivity_id: int) -> bool:
    """Whether ``user`` is one of the collectivity's people (any role)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return MemberRole.objects.filter(user=user, collectivity_id=collectivity_id).exists()


def can_edit(user, collectivity_id: int) -> bool:
    """The collectivity's people, and staff."""
    return is_staff_manager(user) or belongs_to(user, collectivity_id)


def require_editor(user, collectivity_id: int) -> None:
    if not can_edit(user, collectivity_id):
        raise PermissionDenied(_("Seules les personnes de la collectivité peuvent modifier ses fiches."))


def _check(values: dict[str, Any], services: list[Service]) -> None:
    errors = {}
    if not services:
        errors["services"] = _("Choisissez au moins un service du référentiel.")
    started_on, ended_on = values.get("started_on"), values.get("ended_on")
    if started_on and ended_on and ended_on < started_on:
        errors["ended_on"] = _("La fin de l'action précède son début.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_sheet(
    *,
    actor,
    collectivity: Collectivity,
    values: dict[str, Any],
    services: list[Service],
    publish: bool = False,
) -> ActionSheet:
    """A new sheet of ``collectivity``, a draft unless ``publish``."""
    require_editor(actor, collectivity.pk)
    _check(values, services)
    sheet = ActionSheet(
        collectivity=collectivity,
        created_by=actor,
        status=SheetStatus.PUBLISHED if publish else SheetStatus.DRAFT,
        **{
            name: values.get(name, "") if name != "ended_on" else values.get(name) for name in EDITABLE_FIELDS
        },
    )
    sheet.full_clean(exclude=["services", "images", "created_by"])
    sheet.save()
    sheet.services.set(services)
    return sheet


@transaction.atomic
def update_sheet(
    *, actor, sheet: ActionSheet, values: dict[str, Any], services: list[Service], publish: bool | None = None
) -> ActionSheet:
    """Change a sheet; ``publish`` True publishes it, False makes it a draft again, None keeps
    its status. A sheet withdrawn by the moderation stays withdrawn until staff publish it;
    changing it puts it back in the moderation's queue (``awaiting_moderation``)."""
    require_editor(actor, sheet.collectivity_id)
    sheet = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    _check(values, services)
    for name in EDITABLE_FIELDS:
        if name in values:
            setattr(sheet, name, values[name] if values[name] is not None or name == "ended_on" else "")
    if publish is not None:
        if sheet.status == SheetStatus.WITHDRAWN and not is_staff_manager(actor):
            raise ValidationError(
                _("Cette fiche a été retirée par la modération : écrivez à l'association pour la republier.")
            )
        sheet.status = SheetStatus.PUBLISHED if publish else SheetStatus.DRAFT
    sheet.full_clean(exclude=["services", "images", "created_by"])
    sheet.save()
    sheet.services.set(services)
    return sheet


#: Audit log actions of the moderation (registered in ``actions/wagtail_hooks.py``).
LOG_PUBLISH = "actions.sheet.publish"
LOG_APPROVE = "actions.sheet.approve"
LOG_WITHDRAW = "actions.sheet.withdraw"


@transaction.atomic
def moderate(*, actor, sheet: ActionSheet, status: str, reason: str = "") -> ActionSheet:
    """Staff publish or withdraw a sheet, with a reason (required to withdraw), and mark it
    reviewed; the decision goes to Wagtail's audit log (the sheet's history in the admin).
    Publishing an already published sheet approves it as it stands."""
    if not is_staff_manager(actor):
        raise PermissionDenied(_("Seule l'équipe de l'association modère les fiches."))
    if status not in (SheetStatus.PUBLISHED, SheetStatus.WITHDRAWN):
        raise ValidationError(_("Statut inconnu."))
    reason = (reason or "").strip()
    if status == SheetStatus.WITHDRAWN and not reason:
        raise ValidationError(
            {"reason": _("Indiquez le motif du retrait : la collectivité le lira dans son espace membre.")}
        )
    if len(reason) > 1000:
        raise ValidationError({"reason": _("Le motif ne doit pas dépasser 1 000 caractères.")})
    sheet = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    if status == SheetStatus.WITHDRAWN:
        action = LOG_WITHDRAW
    else:
        action = LOG_APPROVE if sheet.status == SheetStatus.PUBLISHED else LOG_PUBLISH
    previous = sheet.status
    now = timezone.now()
    # An update, not save(): the sheet's ``updated_at`` (its last change by its authors) must
    # stay before ``reviewed_at``, or it would wait for moderation again at once.
    ActionSheet.objects.filter(pk=sheet.pk).update(
        status=status, reviewed_at=now, reviewed_by=actor, moderation_reason=reason
    )
    sheet.status, sheet.reviewed_at, sheet.reviewed_by, sheet.moderation_reason = status, now, actor, reason
    log(instance=sheet, action=action, user=actor, data={"reason": reason, "previous_status": previous})
    return sheet


@transaction.atomic
def delete_sheet(*, actor, sheet: ActionSheet) -> None:
    require_editor(actor, sheet.collectivity_id)
    if sheet.status == SheetStatus.WITHDRAWN and not is_staff_manager(actor):
        raise ValidationError(
            _("Cette fiche a été retirée par la modération : seule l'équipe peut la supprimer.")
        )
    from .images import delete_unused_images

    image_ids = list(sheet.images.values_list("pk", flat=True))
    sheet.delete()
    delete_unused_images(image_ids)
