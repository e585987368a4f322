from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gpai_cases.portal"
    label = "portal"
    verbose_name = "Provider portal"
