from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "gpai_cases.register"
    label = "register"
    verbose_name = "Public list (Art 52(6))"
