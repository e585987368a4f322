"""Users and their role. A user has exactly one role; provider members also have memberships."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from gpai_cases.core.freshness import ReportingQuerySet
from gpai_cases.core.models import AppendOnlyModel

from . import roles
from .roles import AI_OFFICE_ROLES, Role

__all__ = ["AI_OFFICE_ROLES", "Role", "SignInEvent", "SignInEventKind", "User", "UserManager"]


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
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    function = models.CharField(
        max_length=200,
        blank=True,
        help_text="Function as printed under the signature of a letter, e.g. Head of Unit, AI Office.",
    )
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text="Language of this person's pages, inbox messages and e-mails.",
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PROVIDER)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May sign in to the Django admin site.")
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


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    FAILED = "failed", "Failed sign-in"
    LOCKED_OUT = "locked_out", "Locked out after repeated failures"
    SIGNED_OUT = "signed_out", "Signed out"
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", "Second factor enrolled"
    SECOND_FACTOR_VERIFIED = "second_factor_verified", "Second factor verified"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Wrong second-factor code"


class SignInEvent(AppendOnlyModel):
    """Audit of sign-ins and failed sign-ins (append-only)."""

    immutable_message = "Sign-in events are never changed."

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=SignInEventKind.choices)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=254, blank=True, help_text="What was typed.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username}"
