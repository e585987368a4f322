from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "gpai_cases.documents"
    label = "documents"
    verbose_name = "Documents"
