"""python manage.py create_api_user EMAIL --role ROLE [--provider NAME] — prints the token last."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from gpai_cases.accounts.models import Role, User
from gpai_cases.providers.models import Membership, Provider


class Command(BaseCommand):
    help = "Create or update an API user and print its token alone on the last line."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--provider", help="For role provider: the provider's legal name (created if new)."
        )
        parser.add_argument(
            "--country", default="BE", help="Country of a provider created here (ISO alpha-2)."
        )

    def handle(
        self,
        *args: object,
        email: str,
        role: str,
        provider: str | None,
        country: str,
        **options: object,
    ) -> None:
        if role == Role.PROVIDER and not provider:
            raise CommandError("--provider NAME is required for role provider.")
        with transaction.atomic():
            user, created = User.objects.get_or_create(email=email.lower(), defaults={"role": role})
            if not created and user.role != role:
                user.role = role
            user.is_staff = role == Role.ADMIN
            if created:
                user.set_unusable_password()
            user.save()
            if role == Role.PROVIDER:
                organisation, made = Provider.objects.get_or_create(
                    legal_name=provider,
                    defaults={"country": country.upper(), "eu_representative": "To be completed"},
                )
                Membership.objects.get_or_create(user=user, provider=organisation)
                if made:
                    self.stdout.write(f"Created provider {organisation.legal_name}.")
            token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(f"{'Created' if created else 'Updated'} {user.email} ({role}).")
        self.stdout.write(token.key)
