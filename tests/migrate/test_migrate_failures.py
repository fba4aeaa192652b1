"""A failure injected before and after every step of a migration (a plugin's ``aegir_task_event``
raising on ``step-started`` / ``step-finished`` of step k) leaves the site serving blue, with no
orphan database, user, vhost, preview, maintenance flag, file, secret or backup; a poller sees only
the site and its maintenance page throughout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aegir.core.errors import TaskError
from aegir.core.events import TaskEvent
from aegir.core.hookspecs import hookimpl
from aegir.core.model import TaskStatus
from aegir.core.operations import migrate
from aegir.hosting import Hosting

from ._migrate_support import Poller, codebase_marker, get, install, snapshot, sql

pytestmark = [pytest.mark.services, pytest.mark.slow]

DOMAIN = "fail.test"


class Saboteur:
    """Raises on one event of one step of the next migrate task."""

    def __init__(self) -> None:
        self.at: tuple[str, int] | None = None

    @hookimpl
    def aegir_task_event(self, event: TaskEvent) -> None:
        if self.at is not None and event.operation == "migrate" and (event.name, event.step_index) == self.at:
            raise RuntimeError(f"injected failure at {event.name} of step {event.step_index}")


def _serves_blue(h: Hosting) -> None:
    status, body = get(h, DOMAIN)
    assert status == 200, status
    assert codebase_marker(body) == "A" and "Tagline of blue" in body


@pytest.mark.parametrize(
    ("target", "events"),
    [
        ({"codebase": "wp-b"}, ("step-started", "step-finished")),
        # a rename to another database server: after each step only (time), its own step kinds
        ({"db_server": "db2", "new_domain": "renamed.test"}, ("step-finished",)),
    ],
)
def test_a_failure_at_any_step_leaves_blue_serving_and_nothing_behind(
    world: Hosting, target: dict[str, Any], events: tuple[str, ...]
) -> None:
    h = world
    if h.store.find_site(DOMAIN) is None:
        blue = install(h, DOMAIN, "wp-a", title="Failing Site")
        assert blue.db_name
        sql(
            h,
            "web1",
            "UPDATE wp_options SET option_value = 'Tagline of blue' WHERE option_name = 'blogdescription';",
            blue.db_name,
        )
        (Path(h.backend("web1").sites_root()) / DOMAIN / "files" / "kept.txt").write_text("blue's file\n")
    _serves_blue(h)
    saboteur = Saboteur()
    h.plugins.register(saboteur)
    before = snapshot(h)
    plan = migrate.migrate_plan(h, migrate.preflight(h, DOMAIN, **target))
    assert plan.cleanup_from is not None
    points = [(name, k) for k in range(plan.cleanup_from) for name in events]
    try:
        with Poller(h, DOMAIN) as poller:
            for name, k in points:
                saboteur.at = (name, k)
                plan = migrate.migrate_plan(h, migrate.preflight(h, DOMAIN, **target))
                with pytest.raises(TaskError, match=f"injected failure at {name} of step {k}") as failed:
                    h.run(plan)
                saboteur.at = None
                task = h.store.get_task(failed.value.task_id)
                assert task.status is TaskStatus.ROLLED_BACK, (name, k, task.error)
                assert task.error and "injected failure" in task.error
                after = snapshot(h)
                assert after == before, (name, k, plan.steps[k].describe())
                _serves_blue(h)
    finally:
        saboteur.at = None
        h.plugins.pm.unregister(saboteur)
    assert poller.failures() == []
    # green answers for a moment when a step after the switch fails, then blue again
    assert set(poller.statuses()) <= {"200:A", "503", "200:B"}
