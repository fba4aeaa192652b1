"""The inventory's tables (SQLAlchemy Core). Whole values are kept as JSON in ``data``; columns
beside it exist for lookups and ordering. Changes here need an Alembic migration in ``migrations/``."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = ["metadata"]

metadata = MetaData()

servers = Table(
    "servers",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("backend", String(64), nullable=False),
    Column("data", Text, nullable=False),
)

codebases = Table(
    "codebases",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("app", String(64), nullable=False),
    Column("verified_at", String(40)),
    Column("data", Text, nullable=False),
)

codebase_units = Table(
    "codebase_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("codebase", String(64), ForeignKey("codebases.name", ondelete="CASCADE"), nullable=False),
    Column("unit", String(16), nullable=False),
    Column("name", String(255), nullable=False),
    Column("version", String(128)),
    Column("type", String(64)),
    Index("ix_codebase_units_name", "name"),
    Index("ix_codebase_units_codebase", "codebase"),
)

sites = Table(
    "sites",
    metadata,
    Column("domain", String(253), primary_key=True),
    Column("codebase", String(64), ForeignKey("codebases.name"), nullable=False),
    Column("server", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_sites_codebase", "codebase"),
)

backups = Table(
    "backups",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("site", String(253), nullable=False),
    Column("store", String(64), nullable=False),
    Column("created", String(40), nullable=False),
    Column("state", String(16), nullable=False),
    Column("size", Integer, nullable=False, default=0),
    Column("data", Text, nullable=False),
    Index("ix_backups_site_created", "site", "created"),
)

schedules = Table(
    "schedules",
    metadata,
    Column("site", String(253), primary_key=True),
    Column("every_seconds", Integer, nullable=False),
    Column("keep", Text, nullable=False),
    Column("last_run", String(40)),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("operation", String(64), nullable=False),
    Column("target", String(253), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created", String(40), nullable=False),
    Column("started", String(40)),
    Column("finished", String(40)),
    Column("error", Text),
    Column("runner_pid", Integer),
    Column("on_crash", String(16), nullable=False, default="rollback"),
    Column("cleanup_from", Integer, nullable=True),
    Index("ix_tasks_status", "status"),
    Index("ix_tasks_target", "target"),
)

task_steps = Table(
    "task_steps",
    metadata,
    Column("task_id", String(40), ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("description", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("state", String(16), nullable=False),
    Column("started", String(40)),
    Column("finished", String(40)),
    Column("error", Text),
)

task_log = Table(
    "task_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", String(40), ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False),
    Column("time", String(40), nullable=False),
    Column("level", String(10), nullable=False),
    Column("message", Text, nullable=False),
    Index("ix_task_log_task", "task_id"),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("value", Text, nullable=False),
)
