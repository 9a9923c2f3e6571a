"""The member portal, at /espace-membre/ and /en/member-area/ (config/urls.py): the paths are
translated by the catalogue."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from . import views

app_name = "members"

# What a member sees is theirs: no shared cache (proxy, CDN) keeps it, no browser stores it.
private = cache_control(private=True, no_store=True)

urlpatterns = [
    path("", private(views.portal), name="portal"),
    path(_("collectivite/"), private(views.choose_collectivity), name="choose_collectivity"),
    path(_("inviter/"), private(views.invite), name="invite"),
    path(_("invitations/<int:pk>/annuler/"), private(views.cancel_invitation), name="cancel_invitation"),
    path(_("personnes/<int:pk>/role/"), private(views.change_role), name="change_role"),
    path(_("personnes/<int:pk>/retirer/"), private(views.remove_person), name="remove_person"),
    path(_("invitation/<str:token>/"), private(views.invitation), name="invitation"),
    path(_("profil/"), private(views.profile), name="profile"),
    path(_("mes-donnees/"), private(views.download_data), name="download_data"),
    path(_("fermer-mon-compte/"), private(views.close_account), name="close_account"),
]
