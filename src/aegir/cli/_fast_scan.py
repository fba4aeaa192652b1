"""``aegir codebase scan PATH --json`` straight from the built-in scanners, when nothing else can differ.

Scanning a large project takes a few tens of milliseconds; importing attrs, building the model
classes, loading pluggy and setting up argparse would take longer than that. When only the built-in
plugins are installed, no plugin can add an application or extend a scan, so the command calls the
built-in scanner modules in detection order (:data:`BUILTIN_SCANNERS`) and prints their records
(:mod:`aegir.core.scanrecord`): the same document the full path prints, which a test holds over every
real codebase of the fixtures. Anything else on the line (``--help``, global options, a third-party
plugin, an unknown ``--app``) takes the full path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["BUILTIN_SCANNERS", "DRIVER_PLUGINS", "fast_handler", "parse"]

#: every built-in application, in the order the plugins register them (the order detection tries)
BUILTIN_SCANNERS = (
    ("wordpress", "aegir.drivers.wordpress._scanner"),
    ("grav", "aegir.drivers.grav._scanner"),
    ("drupal", "aegir.drivers.drupal._scanner8"),
    ("drupal7", "aegir.drivers.drupal._scanner7"),
)
#: the built-in plugins that register applications: any other built-in driver plugin (one added
#: without updating the table above) makes the command take the full path
DRIVER_PLUGINS = frozenset(
    {"aegir.drivers.drupal.plugin", "aegir.drivers.wordpress.plugin", "aegir.drivers.grav.plugin"}
)


def parse(words: Sequence[str]) -> tuple[str, str | None] | None:
    """(path, app) from what follows ``codebase scan``, when it is ``PATH --json [--app NAME]`` in
    any order; None for anything else."""
    path: str | None = None
    app: str | None = None
    json_flag = False
    rest = list(words)
    while rest:
        word = rest.pop(0)
        if word == "--json" and not json_flag:
            json_flag = True
        elif word == "--app" and app is None and rest and not rest[0].startswith("-"):
            app = rest.pop(0)
        elif word.startswith("--app=") and app is None and len(word) > len("--app="):
            app = word[len("--app=") :]
        elif not word.startswith("-") and path is None:
            path = word
        else:
            return None
    return (path, app) if path is not None and json_flag else None


def _only_builtin_plugins() -> bool:
    from aegir.core._entrypoints import (
        BUILTIN_DISTRIBUTION,
        ENTRY_POINT_GROUP,
        autoload_enabled,
        entry_points,
    )

    autoload = autoload_enabled()
    for ep in entry_points(ENTRY_POINT_GROUP):
        if ep.distribution != BUILTIN_DISTRIBUTION:
            if autoload:
                return False
        elif ep.module.startswith("aegir.drivers.") and ep.module not in DRIVER_PLUGINS:
            return False
    return True


def fast_handler(words: Sequence[str]) -> Callable[[], int] | None:
    """What runs ``codebase scan`` followed by ``words`` on the fast path, or None when it cannot."""
    parsed = parse(words)
    if parsed is None:
        return None
    path, app = parsed
    if app is not None and app not in dict(BUILTIN_SCANNERS):
        return None  # the full path names the applications there are
    if not _only_builtin_plugins():
        return None
    return lambda: _scan(path, app)


def _scan(path: str, app: str | None) -> int:
    import importlib
    import json
    import sys
    from pathlib import Path

    from aegir.core.scan import scan_record
    from aegir.core.scanrecord import record_json

    scanners = {name: importlib.import_module(module) for name, module in BUILTIN_SCANNERS}
    record = scan_record(Path(path), scanners, app)
    # one line, as the full path prints it: json's C encoder only runs without indent
    sys.stdout.write(json.dumps(record_json(record), ensure_ascii=False) + "\n")
    return 0
