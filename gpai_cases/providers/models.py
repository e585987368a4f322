"""Providers of GPAI models, their members, and the models they register."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from gpai_cases.core.models import TrackedModel

from .compute import above_threshold, format_flop
from .languages import default_language

# Member states of the EU (ISO 3166 alpha-2). Outside these, Art 54 requires an authorised representative.
EU_MEMBER_STATES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "HU",
    ]
)


def threshold_flop() -> Decimal:
    return Decimal(str(settings.GPAI_THRESHOLD_FLOP))


class Provider(TrackedModel):
    legal_name = models.CharField(max_length=200, unique=True)
    country = CountryField(help_text=_("Country where the provider is established."))
    eu_representative = models.CharField(
        _("EU authorised representative"),
        max_length=300,
        blank=True,
        help_text=_("Required when the provider is established outside the EU (Art 54)."),
    )
    contact_email = models.EmailField(blank=True)
    contact_name = models.CharField(
        max_length=200, blank=True, help_text=_("The person letters are addressed to.")
    )
    street_address = models.TextField(
        max_length=500, blank=True, help_text=_("Street and number, building, P.O. box.")
    )
    postal_code = models.CharField(max_length=20, blank=True)
    city = models.CharField(max_length=120, blank=True)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Language of the provider's letters; empty: the language of its country."),
    )
    # Code of Practice status: per chapter, with its dates and history, in gpai_cases.obligations
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="providers"
    )

    class Meta:
        ordering = ["legal_name"]

    def __str__(self) -> str:
        return self.legal_name

    @property
    def letter_language(self) -> str:
        """The language of its letters: its choice, or its country's (providers/languages.py)."""
        return self.language or default_language(str(self.country))

    @property
    def established_in_eu(self) -> bool:
        return str(self.country) in EU_MEMBER_STATES

    def clean(self) -> None:
        if self.country and not self.established_in_eu and not self.eu_representative.strip():
            raise ValidationError(
                {
                    "eu_representative": _(
                        "A provider established outside the EU must name its "
                        "authorised representative in the EU (Art 54 AI Act)."
                    )
                }
            )


class Membership(TrackedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="memberships")
    is_administrator = models.BooleanField(
        _("provider administrator"),
        default=False,
        help_text=_(
            "May invite and remove members and keep the organisation's details up to date."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"


class Modality(models.TextChoices):
    TEXT = "text", _("Text")
    IMAGE = "image", _("Image")
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")
    CODE = "code", _("Code")
    OTHER = "other", _("Other")


class ReleaseMode(models.TextChoices):
    OPEN_SOURCE = "open_source", _("Open weights under a free and open-source licence")
    API = "api", _("Available through an API")
    PROPRIETARY = "proprietary", _("Proprietary (other)")


class GPAIModel(TrackedModel):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="models")
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=100, blank=True)
    modalities = models.JSONField(default=list, blank=True, help_text=_("Input/output modalities."))
    parameter_count = models.DecimalField(
        max_digits=30, decimal_places=0, null=True, blank=True, help_text=_("Number of parameters.")
    )
    # Decimal with 40 digits: 3.2e25 and 1e25 are stored exactly on PostgreSQL (numeric) and to
    # 15 significant digits on SQLite, ample for a figure declared to two significant digits.
    training_compute_flop = models.DecimalField(
        _("training compute (FLOP)"), max_digits=40, decimal_places=0, null=True, blank=True
    )
    training_tokens = models.DecimalField(
        _("training data size (tokens)"), max_digits=30, decimal_places=0, null=True, blank=True
    )
    release_mode = models.CharField(
        max_length=20, choices=ReleaseMode.choices, default=ReleaseMode.API
    )
    eu_market_date = models.DateField(
        _("planned or actual EU market placement date"), null=True, blank=True
    )
    planned_release_date = models.DateField(
        _("planned public release date"),
        null=True,
        blank=True,
        help_text=_(
            "For open-source models: must be notified before this date (docs/rules.md § open-source-release)."
        ),
    )
    eu_business_users = models.PositiveIntegerField(
        _("registered business users in the EU"), null=True, blank=True
    )
    eu_end_users = models.PositiveBigIntegerField(
        _("registered end users in the EU"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["provider__legal_name", "name", "version"]
        verbose_name = _("GPAI model")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "name", "version"], name="unique_model_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()

    @property
    def above_threshold(self) -> bool:
        if self.training_compute_flop is None:
            return False
        return above_threshold(self.training_compute_flop, threshold_flop())

    @property
    def training_compute_display(self) -> str:
        if self.training_compute_flop is None:
            return gettext("not declared")
        return format_flop(self.training_compute_flop)

    @property
    def reach_presumed(self) -> bool:
        """Annex XIII (f): high impact presumed at >= 10,000 registered EU business users."""
        return (self.eu_business_users or 0) >= 10_000

    def clean(self) -> None:
        unknown = [m for m in (self.modalities or []) if m not in Modality.values]
        if unknown:
            raise ValidationError(
                {
                    "modalities": gettext("Unknown modality: %(codes)s.")
                    % {"codes": ", ".join(map(str, unknown))}
                }
            )
