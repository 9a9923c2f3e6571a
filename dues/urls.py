"""Public dues pages, at /cotisations/ and /en/dues/ (config/urls.py): paths translated by the
catalogue."""

from django.urls import path
from django.views.decorators.cache import cache_control

from . import payment_views, views

app_name = "dues"

private = cache_control(private=True, no_store=True)

urlpatterns = [
    path("", views.tiers, name="tiers"),
    path("demande-adhesion/", views.apply, name="apply"),
    path("factures/", views.invoices, name="invoices"),
    path("factures/<int:pk>/engagement/", views.invoice_engagement, name="invoice_engagement"),
    path("factures/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("factures/<str:number>/", private(payment_views.invoice_detail), name="invoice"),
    path("factures/<str:number>/payer/", private(payment_views.pay_online), name="pay_online"),
    path("factures/<str:number>/paiement-recu/", private(payment_views.payment_done), name="payment_done"),
    path(
        "factures/<str:number>/paiement-annule/",
        private(payment_views.payment_cancelled),
        name="payment_cancelled",
    ),
    path("factures/<str:number>/attestation/", private(payment_views.receipt), name="receipt"),
    path("stripe/webhook/", payment_views.stripe_webhook, name="stripe_webhook"),
]
