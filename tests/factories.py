from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from gpai_cases.accounts.models import Role, User
from gpai_cases.providers.models import GPAIModel, Membership, Provider


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ["legal_name"]

    legal_name = factory.Sequence(lambda n: f"Provider {n} GmbH")
    country = "DE"
    # letters in English unless a test asks for the provider's language (tests/letters/test_languages.py)
    language = "en"
    contact_email = factory.Sequence(lambda n: f"compliance{n}@provider.example")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.eu")
    full_name = factory.Faker("name")
    role = Role.PROVIDER
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def provider(self, create: bool, extracted: Provider | None, **kwargs: object) -> None:
        if create and extracted is not None:
            Membership.objects.get_or_create(user=self, provider=extracted)


class GPAIModelFactory(DjangoModelFactory):
    class Meta:
        model = GPAIModel

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Model-{n}")
    version = "1.0"
    modalities = ["text", "code"]
    parameter_count = Decimal("4e11")
    training_compute_flop = Decimal("3.2e25")
    training_tokens = Decimal("1.5e13")
    release_mode = "api"
    eu_business_users = 12000
    eu_end_users = 3_000_000
