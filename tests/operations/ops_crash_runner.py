"""Run as a separate process by the crash tests: a backup, or a restore with a pause inserted.

ops_crash_runner.py HOME backup DOMAIN STORE
ops_crash_runner.py HOME restore DOMAIN BACKUP_ID AFTER_KIND MARKER
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import ops_crash_plugin as plugin

from aegir.core.operations import backups
from aegir.core.plan import Plan
from aegir.core.plugins import Plugins
from aegir.hosting import Hosting


def with_pause(plan: Plan, after_kind: str, marker: str) -> Plan:
    """``plan`` with a pause after the last step of kind ``after_kind``."""
    index = max(i for i, s in enumerate(plan.steps) if s.kind == after_kind) + 1
    steps = (*plan.steps[:index], plugin.PauseOnce(marker), *plan.steps[index:])
    cleanup = plan.cleanup_from
    if cleanup is not None and index < cleanup:
        cleanup += 1  # a pause right after the last step of the work is the first of the clean-up
    return Plan(
        plan.operation, plan.target, steps, on_crash=plan.on_crash, summary=plan.summary, cleanup_from=cleanup
    )


def main() -> None:
    home, action, domain = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    hosting = Hosting(home, plugins=Plugins(extra=[plugin]))
    if action == "backup":
        hosting.run(backups.backup_plan(hosting, domain, store=sys.argv[4]))
    else:
        plan = backups.restore_plan(hosting, domain, backup_id=sys.argv[4])
        hosting.run(with_pause(plan, sys.argv[5], sys.argv[6]))


if __name__ == "__main__":
    main()
