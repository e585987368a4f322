from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "gpai_cases.workspace"
    label = "workspace"
    verbose_name = "Caseworker workspace"
