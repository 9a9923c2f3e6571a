"""A référent sees who of the collectivity registered and attended; others do not."""

from members.factories import MemberRoleFactory, MembershipFactory
from members.models import Role
from webinars import services
from webinars.models import Registration

from .conftest import future_session


def test_referent_sees_the_collectivity_registrations_and_attendance(client, webinars_demo):
    membership = MembershipFactory()
    referent = MemberRoleFactory(collectivity=membership.collectivity, role=Role.REFERENT).user
    agent = MemberRoleFactory(collectivity=membership.collectivity, role=Role.AGENT).user
    session = future_session(webinars_demo)
    mine = services.register_member(session=session, user=agent)
    Registration.objects.filter(pk=mine.pk).update(attended=True)
    other = services.confirm(
        services.register_visitor(
            session=session, name="Zoé Étrangère", email="zoe@example.test", role="x"
        ).token
    )
    client.force_login(referent)
    portal = client.get("/espace-membre/")
    assert "/webinaires/ma-collectivite/" in portal.text
    response = client.get("/webinaires/ma-collectivite/")
    assert response.status_code == 200
    assert mine.name in response.text and "Présente" in response.text
    assert other.name not in response.text
    client.force_login(agent)
    assert client.get("/webinaires/ma-collectivite/").status_code == 404
