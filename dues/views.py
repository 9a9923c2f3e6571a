"""Dues pages: the table and calculator, the membership application (public); the
collectivity's invoices in the member portal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import documents
from territories.choices import CollectivityKind
from territories.models import Collectivity

from .forms import ApplicationForm, CalculatorForm, EngagementNumberForm
from .models import DuesTier, Invoice, InvoiceKind, InvoicePdf
from .payment_views import online_payment_enabled
from .services import applications
from .services import invoices as invoice_services
from .services import status as status_services
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


def _portal_collectivity(request):
    from members import services as member_services

    return member_services.current_collectivity(request.user)


def _membership_of(collectivity):
    try:
        return collectivity.membership
    except ObjectDoesNotExist:
        return None


def _render_invoices(request, errors: dict[int, str] | None = None, typed: dict[int, str] | None = None):
    """The page in two queries whatever the number of invoices: the person's role (with the
    collectivity and its membership), then the invoices with what was paid on each."""
    from members import services as member_services
    from members.models import MembershipStatus, Role

    role = member_services.current_role(request.user)
    collectivity = role.collectivity if role else None
    membership = _membership_of(collectivity) if collectivity else None
    is_referent = role is not None and role.role == Role.REFERENT
    rows = []
    items = []
    if collectivity is not None:
        items = list(
            Invoice.objects.filter(collectivity=collectivity)
            .with_payment_state()
            .select_related("credited_invoice", "credit_note", "pdf")
            .order_by("-issued_on", "-sequence")
        )
        for invoice in items:
            document = getattr(invoice, "pdf", None)
            ready = document is not None and document.revision == InvoicePdf.revision_of(invoice)
            cancelled = invoice.kind == InvoiceKind.INVOICE and invoice.cancelled
            editable = is_referent and invoice.kind == InvoiceKind.INVOICE and not cancelled
            rows.append(
                {
                    "invoice": invoice,
                    "ready": ready,
                    "cancelled": cancelled,
                    "editable": editable,
                    "error": (errors or {}).get(invoice.pk),
                    "typed": (typed or {}).get(invoice.pk, invoice.engagement_number),
                }
            )
    status = membership.get_status() if membership else None
    to_pay = None
    if status in {MembershipStatus.LAPSED, MembershipStatus.GRACE, MembershipStatus.PENDING}:
        to_pay = status_services.amounts_to_pay(membership, items)
        if status == MembershipStatus.PENDING and not to_pay.lines:
            to_pay = None
    return render(
        request,
        "dues/invoices.html",
        {
            "collectivity": collectivity,
            "membership": membership,
            "status": status,
            "rows": rows,
            "is_referent": is_referent,
            "to_pay": to_pay,
            "online_enabled": online_payment_enabled(),
        },
        status=400 if errors else 200,
    )


@login_required
def invoices(request):
    """The portal's page of the collectivity's calls and credit notes, their PDF to download,
    and for a référent the engagement number of each open call."""
    return _render_invoices(request)


@login_required
@require_POST
def invoice_engagement(request, pk: int):
    collectivity = _portal_collectivity(request)
    invoice = get_object_or_404(Invoice, pk=pk, collectivity=collectivity)
    form = EngagementNumberForm(request.POST)
    typed = request.POST.get("engagement_number", "")
    if not form.is_valid():
        return _render_invoices(
            request,
            errors={invoice.pk: " ".join(form.errors.get("engagement_number", []))},
            typed={invoice.pk: typed},
        )
    try:
        invoice_services.set_engagement_number(
            actor=request.user, invoice=invoice, engagement_number=form.cleaned_data["engagement_number"]
        )
    except ValidationError as error:
        return _render_invoices(
            request, errors={invoice.pk: " ".join(error.messages)}, typed={invoice.pk: typed}
        )
    messages.success(
        request,
        _("Numéro d'engagement de l'appel %(number)s enregistré : le PDF est mis à jour.")
        % {"number": invoice.number},
    )
    return redirect("dues:invoices")


@login_required
def invoice_pdf(request, pk: int):
    """The invoice's Factur-X PDF, to a person of its collectivity only; cached by nobody."""
    from members.models import MemberRole

    invoice = get_object_or_404(Invoice, pk=pk)
    if not MemberRole.objects.filter(user=request.user, collectivity_id=invoice.collectivity_id).exists():
        raise Http404
    return pdf_response(invoice)


def pdf_response(invoice: Invoice):
    """The invoice's current Factur-X PDF as a download no one caches; 404 while it is built."""
    return documents.private_download(InvoicePdf.objects.current(invoice).first())
