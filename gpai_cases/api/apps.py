from typing import Any

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gpai_cases.api"
    label = "api"
    verbose_name = "REST API v1"

    def ready(self) -> None:
        from rest_framework import serializers

        from gpai_cases.cases.rulefield import RuleField

        class RuleSentence(serializers.CharField):
            """A rule behind a computed date: data in the database, a sentence in the API, in the
            language the client asks for (Accept-Language), as on the pages."""

            def __init__(self, **kwargs: Any) -> None:
                for json_only in ("encoder", "decoder"):
                    kwargs.pop(json_only, None)
                kwargs["read_only"] = True
                super().__init__(**kwargs)

        serializers.ModelSerializer.serializer_field_mapping[RuleField] = RuleSentence
