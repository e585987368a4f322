"""Health per dependency with django-health-check: the web's (database, cache, storage,
migrations applied) and the worker's (database, a Celery worker answering a ping), used by
docker-compose's health checks of web and worker."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_web_health_names_each_dependency(client):
    response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    checks = response.json()
    assert {name.split("(")[0] for name in checks} == {
        "Database",
        "Cache",
        "Storage",
        "MigrationsApplied",
    }
    assert set(checks.values()) == {"OK"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_an_unapplied_migration_makes_the_web_unhealthy(client):
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=[1, 2]
    ):
        response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    assert response.json()["MigrationsApplied(alias='default')"] == (
        "Unavailable: 2 migrations not applied"
    )


def test_the_worker_health_asks_a_worker_for_a_ping(client):
    from gpai_cases.celery import app

    with (
        mock.patch.object(app.control, "ping", return_value=[{"w@h": {"ok": "pong"}}]),
        mock.patch.object(
            app.control,
            "inspect",
            return_value=mock.Mock(
                active_queues=lambda: {"w@h": [{"name": app.conf.task_default_queue}]}
            ),
        ),
    ):
        well = client.get(reverse("health_worker"), HTTP_ACCEPT="application/json")
    assert well.status_code == 200 and "Ping" in "".join(well.json())
    with mock.patch.object(app.control, "ping", return_value=[]):
        down = client.get(reverse("health_worker"), HTTP_ACCEPT="application/json")
    assert down.status_code == 500


def test_the_health_command_runs_the_checks_as_the_containers_do():
    with pytest.raises(SystemExit) as done:
        call_command("health_check", "health", "--no-http")
    assert done.value.code == 0


def test_docker_compose_health_checks_web_and_worker_with_django_health_check():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "manage.py health_check health --no-http" in compose
    assert '"health_check", "health_worker", "--no-http"' in compose
