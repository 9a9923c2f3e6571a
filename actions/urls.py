"""The open data of the Atlaas catalogue, the same file in every language."""

from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("atlaas/fiches-actions.csv", views.catalogue_download, {"fmt": "csv"}, name="download_csv"),
    path("atlaas/fiches-actions.json", views.catalogue_download, {"fmt": "json"}, name="download_json"),
]
