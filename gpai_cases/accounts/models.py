"""Users and their role. A user has exactly one role; provider members also have memberships."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.freshness import ReportingQuerySet
from gpai_cases.core.models import AppendOnlyModel, TrackedModel

from . import roles
from .roles import AI_OFFICE_ROLES, Role

__all__ = [
    "AI_OFFICE_ROLES",
    "AccountEvent",
    "AccountEventKind",
    "Invitation",
    "RegistrationRequest",
    "Role",
    "SignInEvent",
    "SignInEventKind",
    "User",
    "UserManager",
]


class UserManager(BaseUserManager.from_queryset(ReportingQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str) -> User:
        """Sign-in finds the account whatever the case the e-mail is typed in (addresses are
        stored in lower case)."""
        return self.get(email__iexact=(username or "").strip())

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("role", Role.ADMIN)
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    function = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "Function as printed under the signature of a letter, e.g. Head of Unit, AI Office."
        ),
    )
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default="",
        blank=True,
        help_text=_(
            "Language of this person's pages, inbox messages and e-mails; until it is chosen, "
            "the language they first signed in with."
        ),
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PROVIDER)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text=_("May sign in to the Django admin site.")
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = (self.email or "").strip().lower()

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    # for templates: the predicates of .roles
    @property
    def is_provider_member(self) -> bool:
        return roles.is_provider_member(self)

    @property
    def is_caseworker(self) -> bool:
        return roles.is_caseworker(self)

    @property
    def is_approver(self) -> bool:
        return roles.is_approver(self)

    @property
    def is_office_admin(self) -> bool:
        return roles.is_office_admin(self)

    @property
    def is_ai_office(self) -> bool:
        return roles.is_ai_office(self)

    def compiled_shape(self) -> str | None:
        """What of a person the access rules' querysets depend on, besides the id: the role
        (every predicate of .roles reads it through ``role_of``). A query compiled once
        (:mod:`gpai_cases.core.compiled`) is compiled once per role."""
        return roles.role_of(self)


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    FAILED = "failed", _("Failed sign-in")
    LOCKED_OUT = "locked_out", _("Locked out after repeated failures")
    SIGNED_OUT = "signed_out", _("Signed out")
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", _("Second factor enrolled")
    SECOND_FACTOR_VERIFIED = "second_factor_verified", _("Second factor verified")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Wrong second-factor code")


class SignInEvent(AppendOnlyModel):
    """Audit of sign-ins and failed sign-ins (append-only)."""

    immutable_message = "Sign-in events are never changed."

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=SignInEventKind.choices)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=254, blank=True, help_text=_("What was typed."))
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username}"


# ---- invitations, the audit of account changes, requests to be registered ----------------------

#: How long an invitation link works.
INVITATION_VALID_FOR = datetime.timedelta(days=7)


def token_digest(token: str) -> str:
    """What is stored of a secret link: its SHA-256 (a stolen database does not open accounts)."""
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(TrackedModel):
    """An invitation to join a provider's members: a single-use link that expires. Only the
    digest of its secret is stored; the secret itself is in the e-mail, once."""

    email = models.EmailField(_("e-mail address"))
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="invitations"
    )
    is_administrator = models.BooleanField(_("provider administrator"), default=False)
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation of {self.email} to {self.provider_id}"

    @classmethod
    def issue(cls, **fields: object) -> tuple[Invitation, str]:
        """A new invitation and its secret (shown once, in the e-mail)."""
        import secrets

        token = secrets.token_urlsafe(32)
        fields.setdefault("expires_at", timezone.now() + INVITATION_VALID_FOR)
        invitation = cls.objects.create(token_digest=token_digest(token), **fields)
        return invitation, token

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class AccountEventKind(models.TextChoices):
    PROVIDER_REGISTERED = "provider_registered", _("Provider registered")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
    MEMBER_JOINED = "member_joined", _("Member joined")
    MEMBER_REMOVED = "member_removed", _("Member removed")
    DETAILS_CHANGED = "details_changed", _("Organisation details changed")
    REGISTRATION_REQUESTED = "registration_requested", _("Asked to be registered")


class AccountEvent(AppendOnlyModel):
    """Who did what to a provider's members and details (append-only)."""

    immutable_message = "The record of account changes is never changed."

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=AccountEventKind.choices)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "providers.Provider",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account_events",
    )
    subject = models.CharField(max_length=254, blank=True, help_text=_("Whom it concerned."))
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.subject}"


class RegistrationRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Registered")


class RegistrationRequest(TrackedModel):
    """A provider's request to be registered, from the public form; the AI Office confirms it by
    registering the provider and inviting its contact."""

    legal_name = models.CharField(_("legal name of the organisation"), max_length=200)
    country = models.CharField(_("country of establishment"), max_length=2)
    eu_representative = models.CharField(
        _("EU authorised representative"), max_length=300, blank=True
    )
    contact_name = models.CharField(_("your name"), max_length=200)
    contact_email = models.EmailField(_("your e-mail address"))
    message = models.TextField(_("anything the AI Office should know"), max_length=5000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20,
        choices=RegistrationRequestStatus.choices,
        default=RegistrationRequestStatus.OPEN,
    )
    provider = models.ForeignKey(
        "providers.Provider", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.legal_name} ({self.contact_email})"
