"""Registrations, at /webinaires/ and /en/webinars/ (config/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from . import views

app_name = "webinars"

private = cache_control(private=True, no_store=True)

urlpatterns = [
    path(_("inscription/<int:page_id>/"), private(views.register), name="register"),
    path(_("confirmer/<str:token>/"), private(views.confirm), name="confirm"),
    path(_("annuler/<str:token>/"), private(views.cancel), name="cancel"),
    path(_("attestation/<str:token>/"), private(views.certificate), name="certificate"),
    path(
        _("calendrier.ics"),
        cache_control(public=True, max_age=3600)(views.calendar_feed),
        name="calendar_feed",
    ),
    path(_("ma-collectivite/"), private(views.collectivity_registrations), name="collectivity"),
]
