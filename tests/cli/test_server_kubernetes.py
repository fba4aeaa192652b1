"""`aegir server add --backend kubernetes`: options checked by the backend, nothing kept on failure.
(No cluster runs here: a context that does not exist is the failure tested.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _aegir(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aegir", "--home", str(home), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_unknown_option_is_named_and_nothing_is_kept(home: Path) -> None:
    result = _aegir(home, "server", "add", "k1", "--backend", "kubernetes", "--option", "bogus=1")
    assert result.returncode == 2
    assert "unknown kubernetes option(s) 'bogus'" in result.stderr
    assert json.loads(_aegir(home, "server", "list", "--json").stdout) == []


def test_a_missing_context_fails_cleanly(home: Path, tmp_path: Path) -> None:
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text("apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "aegir",
            "--home",
            str(home),
            "server",
            "add",
            "k1",
            "--backend",
            "kubernetes",
            "--context",
            "nowhere",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "KUBECONFIG": str(kubeconfig)},
    )
    assert result.returncode != 0
    assert result.stderr.startswith("error: ") and "nowhere" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(_aegir(home, "server", "list", "--json").stdout) == []
