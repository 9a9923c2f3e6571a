"""The member portal, at /espace-membre/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.portal, name="portal"),
    path("collectivite/", views.choose_collectivity, name="choose_collectivity"),
    path("inviter/", views.invite, name="invite"),
    path("personnes/<int:pk>/role/", views.change_role, name="change_role"),
    path("personnes/<int:pk>/retirer/", views.remove_person, name="remove_person"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("profil/", views.profile, name="profile"),
    path("mes-donnees/", views.download_data, name="download_data"),
    path("fermer-mon-compte/", views.close_account, name="close_account"),
]
