"""The members' entries in Wagtail's audit log (their labels are registered in wagtail_hooks.py).

Staff read them in the admin: Reports > Site history, and in each membership's history.
"""

from __future__ import annotations

from typing import Any

from wagtail.log_actions import log

from territories.models import Collectivity

from ..models import Membership

ACTION_INVITE = "members.invite"
ACTION_CANCEL_INVITATION = "members.cancel_invitation"
ACTION_ACCEPT = "members.accept"
ACTION_CHANGE_ROLE = "members.change_role"
ACTION_REMOVE = "members.remove"
ACTION_CLOSE_ACCOUNT = "members.close_account"

#: What replaces a person's address in the log once they have closed their account.
ANONYMISED = "personne supprimée"


def record(collectivity: Collectivity, action: str, actor, data: dict[str, Any]) -> None:
    """Log ``action`` on the collectivity's membership (or on the collectivity without one)."""
    target = Membership.objects.filter(collectivity=collectivity).first() or collectivity
    log(instance=target, action=action, user=actor, data={"collectivity_id": collectivity.pk, **data})
