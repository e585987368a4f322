"""Health per dependency (django-health-check), for the containers' health checks and the
operators: ``/health/`` for the web process (database, cache, storage, migrations applied) and
``/health/worker/`` for the Celery worker (database, and a worker answering a ping through the
broker). ``/healthz`` stays the bare liveness probe."""

from __future__ import annotations

import dataclasses

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


@dataclasses.dataclass
class MigrationsApplied(HealthCheck):
    """Every migration of the code is applied to the database (a deploy that forgot `migrate`)."""

    alias: str = DEFAULT_DB_ALIAS

    def run(self) -> None:
        executor = MigrationExecutor(connections[self.alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migrations not applied")


WEB_CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
    MigrationsApplied,
)
WORKER_CHECKS = (
    "health_check.checks.Database",
    "health_check.contrib.celery.Ping",
)
