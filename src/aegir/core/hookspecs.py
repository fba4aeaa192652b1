"""The plugin contract: every hook Aegir calls, in one module.

Hooks are called with keyword arguments only; implementations may accept a subset of them. New
arguments may be added in later versions; none is ever renamed. Built-in drivers and backends use
exactly these hooks, loaded from the entry-point group ``aegir`` like any third-party plugin.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from aegir.core.app import SiteContext
    from aegir.core.events import TaskEvent
    from aegir.core.model import CodebaseScan
    from aegir.core.registry import AppRegistry, BackendRegistry, ScanAddition, StoreRegistry
    from aegir.core.steps import Step, StepRegistry

__all__ = ["hookimpl", "hookspec"]

PROJECT = "aegir"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def aegir_register_apps(registry: AppRegistry) -> None:
    """Register application drivers: call ``registry.add(DriverClass)`` for each.

    A driver is keyed by its class attribute ``name``; registering a name twice is an error.

    :param registry: the registry of application drivers.
    :return: nothing; all implementations are called.

    .. versionadded:: 0.1
    """


@hookspec
def aegir_register_backends(registry: BackendRegistry) -> None:
    """Register backends: call ``registry.add(BackendClass)`` for each.

    A backend is keyed by its class attribute ``name``; registering a name twice is an error.

    :param registry: the registry of backends.
    :return: nothing; all implementations are called.

    .. versionadded:: 0.1
    """


@hookspec
def aegir_register_stores(registry: StoreRegistry) -> None:
    """Register backup-store classes (a local directory, SFTP, S3...): ``registry.add(StoreClass)``.

    A store class is keyed by its class attribute ``name``; registering a name twice is an error.

    :param registry: the registry of backup-store kinds.
    :return: nothing; all implementations are called.

    .. versionadded:: 0.1
    """


@hookspec
def aegir_register_steps(registry: StepRegistry) -> None:
    """Register step classes that a plugin's plans use, so journaled plans can be read back.

    :param registry: the registry of step kinds.
    :return: nothing; all implementations are called.

    .. versionadded:: 0.1
    """


@hookspec
def aegir_scan_extend(root: Path, scan: CodebaseScan) -> ScanAddition | None:
    """Add packages, extensions or warnings to the scan of any codebase.

    :param root: the codebase tree that was scanned.
    :param scan: what the application driver found.
    :return: a ``ScanAddition`` to merge into the scan, or None. All implementations are called.

    .. versionadded:: 0.1
    """


@hookspec
def aegir_site_settings(context: SiteContext, app: str) -> list[str] | None:
    """Add lines to a site's settings file (PHP for Drupal and WordPress, YAML for Grav).

    :param context: the site, its codebase and its paths.
    :param app: the application name (``drupal``, ``wordpress``...), so a plugin can target one.
    :return: lines to append, or None. All implementations are called; results are concatenated.

    .. versionadded:: 0.1
    """


@hookspec
def aegir_plan_extend(operation: str, target: str, steps: list[Step]) -> list[Step] | None:
    """Add steps to the end of a plan an operation built (before it runs or is printed).

    :param operation: ``install``, ``backup``, ``delete``...
    :param target: the site domain or codebase name.
    :param steps: the plan's steps so far (read-only).
    :return: steps to append, or None. All implementations are called.

    .. versionadded:: 0.1
    """


@hookspec
def aegir_task_event(event: TaskEvent) -> None:
    """React to a task event (``TaskEvent.name``): started, step-started, step-finished, step-failed,
    step-undone, recovered, finished.

    Use it to notify or write an audit log. An exception raised for ``step-started`` or
    ``step-finished`` fails that step, and the task is rolled back (policy plugins can veto a step).

    :param event: what happened, to which task and step.
    :return: nothing; all implementations are called.

    .. versionadded:: 0.1
    """
