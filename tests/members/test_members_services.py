"""Business rules of members.services: statuses, invitations, roles, audit log."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from members import services
from members.models import Invitation, MemberRole, Membership, MembershipSettings, MembershipStatus, Role
from members.tasks import send_invitation_email

from .conftest import make_person

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("paid_until", "resigned", "expected"),
    [
        (datetime.date(2026, 12, 31), False, MembershipStatus.ACTIVE),
        (datetime.date(2026, 6, 15), False, MembershipStatus.ACTIVE),
        (datetime.date(2026, 5, 1), False, MembershipStatus.GRACE),
        (datetime.date(2026, 3, 17), False, MembershipStatus.GRACE),  # 90 days before
        (datetime.date(2026, 3, 16), False, MembershipStatus.LAPSED),
        (datetime.date(2026, 12, 31), True, MembershipStatus.RESIGNED),
    ],
)
def test_status_in_python_and_in_sql(ours, paid_until, resigned, expected):
    Membership.objects.filter(pk=ours.membership.pk).update(paid_until=paid_until, resigned=resigned)
    membership = Membership.objects.get(pk=ours.membership.pk)

    assert membership.get_status(today=TODAY, grace_days=90) == expected
    annotated = Membership.objects.with_status(today=TODAY, grace_days=90).get(pk=membership.pk)
    assert annotated.status_value == expected


def test_staff_change_the_grace_period_in_the_site_setting(ours):
    Membership.objects.filter(pk=ours.membership.pk).update(
        paid_until=timezone.localdate() - datetime.timedelta(days=40)
    )
    assert services.membership_status(ours.collectivity) == MembershipStatus.GRACE

    setting = MembershipSettings.for_site(Site.objects.get(is_default_site=True))
    setting.grace_days = 30
    setting.save()

    assert services.membership_status(ours.collectivity) == MembershipStatus.LAPSED


def test_invite_sends_a_french_email_with_a_text_part_and_logs_it(ours, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(
            actor=ours.referent,
            collectivity=ours.collectivity,
            email=" Nouvelle@Mairie.test ",
            role=Role.AGENT,
        )
        assert not mail.outbox  # not from inside the transaction

    assert invitation.email == "nouvelle@mairie.test"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nouvelle@mairie.test"]
    assert "Brumeval-sur-Onde" in message.subject
    assert f"/espace-membre/invitation/{invitation.token}/" in message.body
    assert "Vous êtes invité à rejoindre" in message.body
    assert message.alternatives[0][1] == "text/html"
    entry = ModelLogEntry.objects.get(action=services.ACTION_INVITE)
    assert entry.user == ours.referent
    assert entry.object_id == str(ours.membership.pk)


def test_invitation_in_english_is_sent_in_english(ours, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(
            actor=ours.referent,
            collectivity=ours.collectivity,
            email="new@town.test",
            role=Role.ELU,
            language="en",
        )

    # The link opens the English side of the site (the text follows the English catalogue).
    assert f"/en/member-area/invitation/{invitation.token}/" in mail.outbox[0].body


def test_a_refused_or_rolled_back_invitation_sends_nothing(ours, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            services.invite(
                actor=ours.referent, collectivity=ours.collectivity, email=ours.elu.email, role=Role.AGENT
            )
        with pytest.raises(RuntimeError), transaction.atomic():
            services.invite(
                actor=ours.referent, collectivity=ours.collectivity, email="annulee@mairie.test", role="elu"
            )
            raise RuntimeError("what the caller did next failed")

    assert callbacks == []
    assert not mail.outbox
    assert not Invitation.objects.exists()
    assert not ModelLogEntry.objects.filter(action=services.ACTION_INVITE).exists()


@pytest.mark.django_db(transaction=True)
def test_the_email_leaves_once_the_invitation_is_committed(ours):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invite(
            actor=ours.referent, collectivity=ours.collectivity, email="a@mairie.test", role="elu"
        )
        raise RuntimeError("rolled back")
    assert not mail.outbox

    with transaction.atomic():
        services.invite(
            actor=ours.referent, collectivity=ours.collectivity, email="b@mairie.test", role="elu"
        )
        assert not mail.outbox  # still inside the transaction

    assert [message.to for message in mail.outbox] == [["b@mairie.test"]]
    assert list(Invitation.objects.values_list("email", flat=True)) == ["b@mairie.test"]


def test_an_invitation_deleted_or_accepted_before_the_task_runs_is_not_sent(
    ours, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        deleted = services.invite(
            actor=ours.referent, collectivity=ours.collectivity, email="d@mairie.test", role="elu"
        )
        accepted = services.invite(
            actor=ours.referent, collectivity=ours.collectivity, email="a@mairie.test", role="elu"
        )
    Invitation.objects.filter(pk=deleted.pk).delete()
    services.accept_invitation(token=accepted.token, user=make_person("a@mairie.test"))

    for callback in callbacks:
        callback()

    assert not mail.outbox
    assert send_invitation_email.call(accepted.pk) is False


def test_only_a_referent_invites(ours, theirs):
    with pytest.raises(PermissionDenied):
        services.invite(actor=ours.agent, collectivity=ours.collectivity, email="x@y.test", role=Role.AGENT)
    with pytest.raises(PermissionDenied):
        services.invite(
            actor=theirs.referent, collectivity=ours.collectivity, email="x@y.test", role=Role.AGENT
        )
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_invite_refuses_a_bad_address_with_a_french_message(ours):
    with pytest.raises(ValidationError) as error:
        services.invite(
            actor=ours.referent, collectivity=ours.collectivity, email="pas-une-adresse", role="agent"
        )
    assert "adresse électronique valide" in str(error.value)
    assert not Invitation.objects.exists()


def test_accept_links_the_person_and_the_invitation_works_once(ours):
    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email="new@mairie.test", role=Role.ELU
    )
    person = make_person("new@mairie.test")

    member_role = services.accept_invitation(token=invitation.token, user=person)

    assert member_role.collectivity == ours.collectivity and member_role.role == Role.ELU
    assert services.current_collectivity(person) == ours.collectivity
    with pytest.raises(ValidationError) as error:
        services.accept_invitation(token=invitation.token, user=person)
    assert "déjà été utilisée" in str(error.value)


def test_expired_invitation_is_refused_with_its_date(ours):
    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email="late@mairie.test", role=Role.ELU
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    person = make_person("late@mairie.test")

    with pytest.raises(ValidationError) as error:
        services.accept_invitation(token=invitation.token, user=person)

    assert "a expiré" in str(error.value)
    assert not MemberRole.objects.filter(user=person).exists()


def test_accept_needs_the_invited_address_verified(ours):
    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email="invited@mairie.test", role=Role.ELU
    )
    other = make_person("someone-else@mairie.test")
    unverified = make_person("invited@mairie.test", verified=False)

    for person in (other, unverified):
        with pytest.raises(ValidationError) as error:
            services.accept_invitation(token=invitation.token, user=person)
        assert "invited@mairie.test" in str(error.value)
    assert not MemberRole.objects.filter(user__in=[other, unverified]).exists()


def test_the_last_referent_cannot_be_demoted_or_removed(ours):
    role = ours.role_of(ours.referent)

    with pytest.raises(ValidationError) as demote:
        services.change_role(actor=ours.referent, member_role=role, role=Role.ELU)
    with pytest.raises(ValidationError) as remove:
        services.remove_person(actor=ours.referent, member_role=role)

    assert "seul référent" in str(demote.value) and "seul référent" in str(remove.value)
    assert ours.role_of(ours.referent).role == Role.REFERENT


def test_with_a_second_referent_the_first_can_step_down(ours):
    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.elu), role=Role.REFERENT)
    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.referent), role=Role.AGENT)

    assert ours.role_of(ours.referent).role == Role.AGENT
    entries = ModelLogEntry.objects.filter(action=services.ACTION_CHANGE_ROLE).order_by("pk")
    assert [(e.data["from"], e.data["to"]) for e in entries] == [("elu", "referent"), ("referent", "agent")]


def test_remove_person_unlinks_and_logs(ours):
    services.remove_person(actor=ours.referent, member_role=ours.role_of(ours.agent))

    assert not MemberRole.objects.filter(user=ours.agent).exists()
    entry = ModelLogEntry.objects.get(action=services.ACTION_REMOVE)
    assert entry.data["email"] == ours.agent.email and entry.user == ours.referent


def test_a_person_chooses_only_their_own_collectivity(ours, theirs):
    MemberRole.objects.create(user=ours.agent, collectivity=theirs.collectivity, role=Role.AGENT)
    services.choose_collectivity(user=ours.agent, collectivity=theirs.collectivity)
    assert services.current_collectivity(ours.agent) == theirs.collectivity

    with pytest.raises(PermissionDenied):
        services.choose_collectivity(user=ours.elu, collectivity=theirs.collectivity)
    assert services.current_collectivity(ours.elu) == ours.collectivity
