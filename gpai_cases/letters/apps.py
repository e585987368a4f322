from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "gpai_cases.letters"
    label = "letters"
    verbose_name = "Letters"
