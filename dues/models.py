"""Dues: the yearly tier table, membership applications and invoices ("appels de cotisation").

Amounts are integer cents in EUR (ARCHITECTURE.md, conventions). Only ``dues.services`` writes
these rows; the admin and the views call the services.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.models.documents import GeneratedDocument
from core.models.runs import BackgroundRun, RunStatus
from territories.choices import CollectivityKind

from .money import AmountDisplay
from .storage import private_storage as private_storage_callable


class DuesTierQuerySet(models.QuerySet):
    def of_year(self, year: int) -> DuesTierQuerySet:
        return self.filter(year=year).order_by("kind", "population_min")

    def years(self) -> list[int]:
        """The years that have a table, most recent first."""
        return list(self.order_by("-year").values_list("year", flat=True).distinct())


class DuesTier(AmountDisplay, models.Model):
    """One line of the yearly dues table: a kind of collectivity and a population band."""

    year = models.PositiveSmallIntegerField(_("année"))
    kind = models.CharField(_("type de collectivité"), max_length=32, choices=CollectivityKind.choices)
    population_min = models.PositiveIntegerField(_("population à partir de"), default=0)
    population_max = models.PositiveIntegerField(
        _("population jusqu'à"),
        null=True,
        blank=True,
        help_text=_("Incluse. Laissez vide pour « et au-delà »."),
    )
    amount_cents = models.PositiveIntegerField(
        _("montant (centimes d'euro)"), help_text=_("En centimes : 45000 pour 450,00 €.")
    )
    illustrative = models.BooleanField(
        _("montant d'exemple"),
        default=False,
        help_text=_("Cochez pour un tableau de démonstration : la page publique l'indique."),
    )

    objects = DuesTierQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind", "population_min"]
        verbose_name = _("tranche de cotisation")
        verbose_name_plural = _("tranches de cotisation")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "population_min"],
                name="dues_tier_unique_start",
                violation_error_message=_(
                    "Une tranche de ce type commence déjà à cette population cette année."
                ),
            ),
            models.CheckConstraint(
                condition=Q(population_max__isnull=True) | Q(population_max__gte=models.F("population_min")),
                name="dues_tier_band_ordered",
                violation_error_message=_("La fin de la tranche doit être supérieure ou égale à son début."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_kind_display()} · {self.band_label()}"

    def band_label(self) -> str:
        from django.utils.formats import number_format

        start = number_format(self.population_min, force_grouping=True)
        if self.population_max is None:
            return str(_("%(start)s habitants et plus")) % {"start": start}
        end = number_format(self.population_max, force_grouping=True)
        return str(_("de %(start)s à %(end)s habitants")) % {"start": start, "end": end}

    band_label.short_description = _("tranche")

    def contains(self, population: int) -> bool:
        return self.population_min <= population and (
            self.population_max is None or population <= self.population_max
        )


class InvoiceCounter(models.Model):
    """The last invoice number given in a year: locked (SELECT … FOR UPDATE) while a number is
    taken, so that numbers follow each other with no gap, whatever runs at the same time."""

    year = models.PositiveSmallIntegerField(_("année"), unique=True)
    last_number = models.PositiveIntegerField(_("dernier numéro"), default=0)

    class Meta:
        verbose_name = _("compteur de factures")
        verbose_name_plural = _("compteurs de factures")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Appel de cotisation")
    CREDIT_NOTE = "credit_note", _("Avoir")


class InvoiceQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError(_("Une facture ne se supprime pas : annulez-la par un avoir."))

    def invoices(self) -> InvoiceQuerySet:
        return self.filter(kind=InvoiceKind.INVOICE)

    def of_year(self, year: int) -> InvoiceQuerySet:
        return self.filter(year=year)

    def with_payment_state(self) -> InvoiceQuerySet:
        """Annotate ``paid_cents`` (what its payments add up to) and ``cancelled`` (a credit note
        cancels it), with subqueries: no GROUP BY, rows can still be joined or locked."""
        from .payment_models import Payment

        paid = (
            Payment.objects.filter(invoice=OuterRef("pk"))
            .order_by()
            .values("invoice")
            .annotate(total=Sum("amount_cents"))
            .values("total")
        )
        return self.annotate(
            paid_cents=Coalesce(Subquery(paid), 0, output_field=models.IntegerField()),
            cancelled=Exists(Invoice.objects.filter(credited_invoice=OuterRef("pk"))),
        )

    def outstanding(self) -> InvoiceQuerySet:
        """Calls (not credit notes) neither cancelled nor fully paid, with their payment state."""
        return (
            self.invoices()
            .with_payment_state()
            .filter(cancelled=False, paid_cents__lt=models.F("amount_cents"))
        )

    def period_years(self) -> list[int]:
        """The dues years that have calls, most recent first."""
        return list(self.invoices().order_by("-period_year").values_list("period_year", flat=True).distinct())

    def dashboard(self, *, today) -> dict[str, int]:
        """The figures of the staff dashboard over these calls, in one aggregate query:
        issued, credited, paid, partly paid, overdue (count and cents) and what remains to
        collect. A cancelled call counts as issued and cancelled only."""
        from django.db.models import Count, F, Q, Sum
        from django.db.models.functions import Coalesce

        rows = self.invoices().with_payment_state()
        live = Q(cancelled=False)
        paid = live & Q(paid_cents__gte=F("amount_cents"))
        unpaid = live & Q(paid_cents__lt=F("amount_cents"))
        partly = unpaid & Q(paid_cents__gt=0)
        overdue = unpaid & Q(due_on__lt=today)
        owed = F("amount_cents") - F("paid_cents")

        def total(expression, condition=None):
            return Coalesce(Sum(expression, filter=condition), 0)

        return rows.aggregate(
            issued_count=Count("pk"),
            issued_cents=total("amount_cents"),
            credited_count=Count("pk", filter=Q(cancelled=True)),
            credited_cents=total("amount_cents", Q(cancelled=True)),
            paid_count=Count("pk", filter=paid),
            paid_cents_total=total("amount_cents", paid),
            partly_count=Count("pk", filter=partly),
            partly_received_cents=total("paid_cents", partly),
            overdue_count=Count("pk", filter=overdue),
            overdue_cents=total(owed, overdue),
            to_collect_count=Count("pk", filter=unpaid),
            to_collect_cents=total(owed, unpaid),
            received_cents=total("paid_cents", live),
        )

    def summary(self, today) -> dict[str, int]:
        """The staff home's short version of :meth:`dashboard`: calls not cancelled by a credit
        note (``issued``), fully paid (``paid``), unpaid past their due date (``overdue``), and
        the amount still to collect in cents (``to_collect``). One query."""
        figures = self.dashboard(today=today)
        return {
            "issued": figures["issued_count"] - figures["credited_count"],
            "paid": figures["paid_count"],
            "overdue": figures["overdue_count"],
            "to_collect": figures["to_collect_cents"],
        }


class Invoice(AmountDisplay, models.Model):
    """An "appel de cotisation", or a credit note cancelling one. Numbered in one series per year
    with no gap; never renumbered nor deleted. What it states (the association's identity, the
    bank details, the collectivity's identifiers) is copied at issue: it never changes after."""

    kind = models.CharField(
        _("type"), max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE
    )
    year = models.PositiveSmallIntegerField(_("année"))
    sequence = models.PositiveIntegerField(_("rang dans l'année"))
    number = models.CharField(_("numéro"), max_length=20, unique=True)
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivité"),
        on_delete=models.PROTECT,
        related_name="dues_invoices",
    )
    credited_invoice = models.OneToOneField(
        "self",
        verbose_name=_("facture annulée"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
    )
    period_year = models.PositiveSmallIntegerField(_("année de cotisation"))
    amount_cents = models.PositiveIntegerField(_("montant (centimes d'euro)"))
    issued_on = models.DateField(_("émise le"))
    due_on = models.DateField(_("échéance"))
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    chorus_service_code = models.CharField(_("code service Chorus Pro"), max_length=100, blank=True)
    engagement_number = models.CharField(_("numéro d'engagement"), max_length=50, blank=True)
    seller = models.JSONField(
        _("émetteur"), default=dict, help_text=_("Identité de l'association à l'émission.")
    )
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("émise par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("facture")
        verbose_name_plural = _("factures")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="dues_invoice_unique_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} · {self.collectivity.name}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Une facture ne se supprime pas : annulez-la par un avoir."))

    @property
    def reference(self) -> str:
        """What the payer quotes with a transfer."""
        return self.number


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("À examiner")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")


def deliberation_path(instance: MembershipApplication, filename: str) -> str:
    import secrets

    return f"dues/deliberations/{secrets.token_hex(12)}.pdf"


class MembershipApplication(models.Model):
    """A collectivity that is not a member applies; staff accept (membership + first invoice) or
    refuse."""

    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivité"),
        on_delete=models.PROTECT,
        related_name="dues_applications",
    )
    contact_name = models.CharField(_("nom de la personne à contacter"), max_length=150)
    contact_function = models.CharField(_("fonction"), max_length=150, blank=True)
    contact_email = models.EmailField(_("adresse électronique"))
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    deliberation = models.FileField(
        _("délibération"), storage=private_storage_callable, upload_to=deliberation_path, max_length=200
    )
    siret = models.CharField(_("SIRET"), max_length=14)
    chorus_service_code = models.CharField(_("code service Chorus Pro"), max_length=100, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    invoice = models.OneToOneField(
        Invoice,
        verbose_name=_("premier appel de cotisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("demande d'adhésion")
        verbose_name_plural = _("demandes d'adhésion")

    def __str__(self) -> str:
        return (
            f"{self.collectivity.name} · {self.created_at:%d/%m/%Y}"
            if self.created_at
            else self.collectivity.name
        )


def invoice_file_path(instance: InvoicePdf, filename: str) -> str:
    import secrets

    return f"dues/invoices/{secrets.token_hex(8)}/{filename}"


class InvoicePdf(GeneratedDocument):
    """The PDF of an invoice or credit note: a Factur-X PDF/A-3 carrying its EN 16931 XML, so
    that one file serves the collectivity and Chorus Pro. Built by a task (core.documents) at
    issue and again when the engagement number changes; stored in the private storage and
    handed out by a view that checks the person belongs to the collectivity."""

    source_field = "invoice"

    invoice = models.OneToOneField(Invoice, on_delete=models.CASCADE, related_name="pdf")
    file = models.FileField(
        _("fichier"), storage=private_storage_callable, upload_to=invoice_file_path, max_length=255
    )

    class Meta:
        verbose_name = _("PDF d'une facture")
        verbose_name_plural = _("PDF des factures")

    @classmethod
    def sources(cls) -> models.QuerySet:
        return Invoice.objects.all()

    @classmethod
    def revision_of(cls, invoice: Invoice) -> str:
        """What the PDF states that may change after issue: the engagement number only."""
        import hashlib

        return hashlib.sha256(f"{invoice.number}|{invoice.engagement_number}".encode()).hexdigest()[:32]


#: The states of a yearly run: core's, shared by every background run.
InvoiceRunStatus = RunStatus


class InvoiceRun(BackgroundRun):
    """Staff issue the calls of a year for every member at once: a background task does it and
    records its progress here, shown by an admin page."""

    period_year = models.PositiveSmallIntegerField(_("année de cotisation"))
    total = models.PositiveIntegerField(_("adhérents"), default=0)
    issued = models.PositiveIntegerField(_("appels émis"), default=0)
    skipped = models.PositiveIntegerField(_("déjà appelés"), default=0)

    class Meta(BackgroundRun.Meta):
        verbose_name = _("émission des appels de l'année")
        verbose_name_plural = _("émissions des appels de l'année")

    def __str__(self) -> str:
        return (
            f"{self.period_year} · {self.created_at:%d/%m/%Y %H:%M}"
            if self.created_at
            else str(self.period_year)
        )


from .payment_models import *  # noqa: E402, F403
from .reminder_models import *  # noqa: E402, F403
