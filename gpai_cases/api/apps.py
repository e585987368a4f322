from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gpai_cases.api"
    label = "api"
    verbose_name = "REST API v1"
