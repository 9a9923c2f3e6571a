"""Public dues pages, at /cotisations/ and /en/dues/ (config/urls.py): paths translated by the
catalogue."""

from django.urls import path

from . import views

app_name = "dues"

urlpatterns = [
    path("", views.tiers, name="tiers"),
    path("demande-adhesion/", views.apply, name="apply"),
    path("factures/", views.invoices, name="invoices"),
    path("factures/<int:pk>/engagement/", views.invoice_engagement, name="invoice_engagement"),
    path("factures/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
]
