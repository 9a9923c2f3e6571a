"""Business rules of the member portal (see ARCHITECTURE.md, "services").

Every function that writes runs in a transaction, records what it did in Wagtail's audit log
and raises ValidationError with a French message a person can act on. Views, the admin, commands
and tasks call them; they do not write members' rows themselves.

- :mod:`.memberships`: who belongs to a collectivity, who manages its people, membership status;
- :mod:`.invitations`: invite an address (limited, replaces a pending one), cancel, check and
  accept an invitation (its email is sent by a task queued on commit, see members/tasks.py);
- :mod:`.roles`: change a person's role, remove a person (a collectivity keeps a référent);
- :mod:`.accounts`: a person's profile, the collectivity shown, their data, closing the account;
- :mod:`.audit`: the audit log actions.
"""

from .accounts import (
    choose_collectivity,
    close_account,
    current_collectivity,
    current_role,
    personal_data,
    profile_for,
    update_profile,
    verified_emails,
)
from .audit import (
    ACTION_ACCEPT,
    ACTION_CANCEL_INVITATION,
    ACTION_CHANGE_ROLE,
    ACTION_CLOSE_ACCOUNT,
    ACTION_INVITE,
    ACTION_REMOVE,
    ANONYMISED,
)
from .invitations import (
    accept_invitation,
    cancel_invitation,
    check_invitation,
    invite,
    require_valid_membership,
)
from .memberships import (
    collectivities_of,
    create_pending_membership,
    is_referent,
    is_staff_manager,
    lock_collectivities,
    membership_status,
    record_paid_through,
    record_unpaid_invoice,
    require_manager,
    void_invitations_of,
)
from .roles import change_role, refuse_without_referent, remove_person

__all__ = [
    "ACTION_ACCEPT",
    "ACTION_CANCEL_INVITATION",
    "ACTION_CHANGE_ROLE",
    "ACTION_CLOSE_ACCOUNT",
    "ACTION_INVITE",
    "ACTION_REMOVE",
    "ANONYMISED",
    "accept_invitation",
    "cancel_invitation",
    "change_role",
    "check_invitation",
    "choose_collectivity",
    "close_account",
    "collectivities_of",
    "create_pending_membership",
    "current_collectivity",
    "current_role",
    "invite",
    "is_referent",
    "is_staff_manager",
    "lock_collectivities",
    "membership_status",
    "record_paid_through",
    "record_unpaid_invoice",
    "personal_data",
    "profile_for",
    "refuse_without_referent",
    "remove_person",
    "require_manager",
    "require_valid_membership",
    "update_profile",
    "verified_emails",
    "void_invitations_of",
]
