"""Public dues pages: the table and calculator, the membership application."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render

from territories.choices import CollectivityKind
from territories.models import Collectivity

from .forms import ApplicationForm, CalculatorForm
from .models import DuesTier
from .services import applications
from .services import tiers as tier_services

MAX_MATCHES = 10


def tiers(request):
    """The year's dues table, and the amount for a collectivity searched by name or INSEE
    code, or for a kind and population typed in: a GET form, no JavaScript."""
    year = tier_services.table_year()
    rows = list(DuesTier.objects.of_year(year)) if year else []
    form = CalculatorForm(request.GET or None)
    quotes: list[tier_services.Quote] = []
    typed = None
    searched = False
    if year and form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            searched = True
            matches = Collectivity.objects.search(query).select_related("department")[:MAX_MATCHES]
            quotes = [tier_services.quote_for(c, year, rows) for c in matches]
        elif form.cleaned_data["population"] is not None:
            kind = form.cleaned_data["kind"] or CollectivityKind.COMMUNE
            typed = tier_services.quote(year, kind, form.cleaned_data["population"], rows)
    kinds = {}
    for tier in rows:
        kinds.setdefault(tier.get_kind_display(), []).append(tier)
    return render(
        request,
        "dues/tiers.html",
        {
            "year": year,
            "table": kinds,
            "illustrative": any(tier.illustrative for tier in rows),
            "form": form,
            "quotes": quotes,
            "searched": searched,
            "typed": typed,
            "max_matches": MAX_MATCHES,
        },
    )


def apply(request):
    """A collectivity that is not a member applies: contact, deliberation (PDF), SIRET, Chorus Pro."""
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            applications.submit_application(
                collectivity=data["collectivity_code"],
                contact_name=data["contact_name"],
                contact_function=data["contact_function"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                deliberation=data["deliberation"],
                siret=data["siret"],
                chorus_service_code=data["chorus_service_code"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "dues/applied.html", {"collectivity": data["collectivity_code"]})
    return render(request, "dues/apply.html", {"form": form}, status=400 if form.errors else 200)
