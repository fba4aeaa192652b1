"""The first schema: servers, codebases and their units, sites, backups, schedules, tasks.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "servers",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("backend", sa.String(64), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "codebases",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("app", sa.String(64), nullable=False),
        sa.Column("verified_at", sa.String(40)),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "codebase_units",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "codebase", sa.String(64), sa.ForeignKey("codebases.name", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("version", sa.String(128)),
        sa.Column("type", sa.String(64)),
    )
    op.create_index("ix_codebase_units_name", "codebase_units", ["name"])
    op.create_index("ix_codebase_units_codebase", "codebase_units", ["codebase"])
    op.create_table(
        "sites",
        sa.Column("domain", sa.String(253), primary_key=True),
        sa.Column("codebase", sa.String(64), sa.ForeignKey("codebases.name"), nullable=False),
        sa.Column("server", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_sites_codebase", "sites", ["codebase"])
    op.create_table(
        "backups",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("site", sa.String(253), nullable=False),
        sa.Column("store", sa.String(64), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_backups_site_created", "backups", ["site", "created"])
    op.create_table(
        "schedules",
        sa.Column("site", sa.String(253), primary_key=True),
        sa.Column("every_seconds", sa.Integer, nullable=False),
        sa.Column("keep", sa.Text, nullable=False),
        sa.Column("last_run", sa.String(40)),
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("operation", sa.String(64), nullable=False),
        sa.Column("target", sa.String(253), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("started", sa.String(40)),
        sa.Column("finished", sa.String(40)),
        sa.Column("error", sa.Text),
        sa.Column("runner_pid", sa.Integer),
        sa.Column("on_crash", sa.String(16), nullable=False),
    )
    op.create_index("ix_tasks_status", "tasks", ["status"])
    op.create_index("ix_tasks_target", "tasks", ["target"])
    op.create_table(
        "task_steps",
        sa.Column("task_id", sa.String(40), sa.ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("started", sa.String(40)),
        sa.Column("finished", sa.String(40)),
        sa.Column("error", sa.Text),
    )
    op.create_table(
        "task_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.String(40), sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("time", sa.String(40), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_task_log_task", "task_log", ["task_id"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "settings",
        "task_log",
        "task_steps",
        "tasks",
        "schedules",
        "backups",
        "sites",
        "codebase_units",
        "codebases",
        "servers",
    ):
        op.drop_table(table)
