"""Run as a separate process by the crash test: starts a task whose third step hangs."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import _steps_plugin as plugin
from aegir.core.plan import Plan
from aegir.core.plugins import Plugins
from aegir.hosting import Hosting


def main() -> None:
    home, work, on_crash = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    hosting = Hosting(home, plugins=Plugins(autoload=False, extra=[plugin]))
    steps = [plugin.Touch(str(work / "a")), plugin.Touch(str(work / "b")), plugin.Hang(str(work / "hang"))]
    if on_crash == "resume":
        steps = [
            plugin.Touch(str(work / "a")),
            plugin.HangOnce(str(work / "hang")),
            plugin.Touch(str(work / "c")),
        ]
    hosting.run(Plan("crash-test", "crash.example", steps, on_crash=on_crash))


if __name__ == "__main__":
    main()
