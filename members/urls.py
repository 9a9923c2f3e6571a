"""The member portal, at /espace-membre/ (config/urls.py)."""

from django.urls import path
from django.views.decorators.cache import cache_control

from . import views

app_name = "members"

# What a member sees is theirs: no shared cache (proxy, CDN) keeps it, no browser stores it.
private = cache_control(private=True, no_store=True)

urlpatterns = [
    path("", private(views.portal), name="portal"),
    path("collectivite/", private(views.choose_collectivity), name="choose_collectivity"),
    path("inviter/", private(views.invite), name="invite"),
    path("invitations/<int:pk>/annuler/", private(views.cancel_invitation), name="cancel_invitation"),
    path("personnes/<int:pk>/role/", private(views.change_role), name="change_role"),
    path("personnes/<int:pk>/retirer/", private(views.remove_person), name="remove_person"),
    path("invitation/<str:token>/", private(views.invitation), name="invitation"),
    path("profil/", private(views.profile), name="profile"),
    path("mes-donnees/", private(views.download_data), name="download_data"),
    path("fermer-mon-compte/", private(views.close_account), name="close_account"),
]
