"""Public dues pages, at /cotisations/ and /en/dues/ (config/urls.py): paths translated by the
catalogue."""

from django.urls import path

from . import views

app_name = "dues"

urlpatterns = [
    path("", views.tiers, name="tiers"),
    path("demande-adhesion/", views.apply, name="apply"),
]
