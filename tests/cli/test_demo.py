"""`aegir demo` as a new user runs it: a real WordPress on a managed server, again, then stopped."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backends" / "local"))

from ports import free_port

pytestmark = pytest.mark.services


@pytest.fixture
def demo_home() -> Iterator[Path]:
    # tmp_path sits under a 0700 directory the web server's user cannot cross
    home = Path(tempfile.mkdtemp(prefix="aegir-demo-"))
    home.chmod(0o755)
    yield home
    subprocess.run([sys.executable, "-m", "aegir", "--home", str(home), "demo", "--stop"], check=False)
    shutil.rmtree(home, ignore_errors=True)


def _demo(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aegir", "--home", str(home), "demo", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _get(port: int, host: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": f"{host}:{port}"})
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310  (our own server)
        return response.status, response.read().decode("utf-8", "replace")


def _pids(home: Path) -> list[int]:
    return [int(p.read_text().strip()) for p in home.rglob("*.pid") if p.read_text().strip().isdigit()]


def _alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie (this container's init may reap late)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_demo_installs_serves_repeats_and_stops(demo_home: Path) -> None:
    port, db_port = free_port(), free_port()
    first = _demo(demo_home, "--port", str(port), "--db-port", str(db_port), "--json")
    assert first.returncode == 0, first.stderr
    info = json.loads(first.stdout)
    assert info["url"] == f"http://demo.localhost:{port}/"
    assert info["admin_user"] == "admin"
    password_file = Path(info["admin_password_file"])
    assert password_file.stat().st_mode & 0o777 == 0o600
    assert password_file.read_text() not in first.stdout + first.stderr
    status, body = _get(port, "demo.localhost")
    assert status == 200 and "<title>Aegir demo</title>" in body

    again = _demo(demo_home, "--port", str(port), "--db-port", str(db_port))
    assert again.returncode == 0, again.stderr
    assert "exists" in again.stderr
    assert _get(port, "demo.localhost")[0] == 200

    running = _pids(demo_home)
    assert running
    stopped = _demo(demo_home, "--stop")
    assert stopped.returncode == 0, stopped.stderr
    assert all(not _alive(pid) for pid in running)
