from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "gpai_cases.providers"
    label = "providers"
    verbose_name = "Providers and models"
