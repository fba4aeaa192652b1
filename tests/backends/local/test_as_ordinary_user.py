"""A managed server run by an ordinary user (``nobody``), when the suite itself runs as root.

Run as an ordinary user, every other test here already is this case. As root, this one starts a
whole server as ``nobody`` through ``runuser``, with Debian's python3 and this checkout on its path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ports import free_port

pytestmark = pytest.mark.services

SRC = Path(__file__).resolve().parents[3] / "src"
SCRIPT = """
import io, json, sys
from pathlib import Path
from aegir.backends.local import LocalBackend
from aegir.core.app import WebRules
from aegir.core.backend import BackendEnv, Vhost
from aegir.core.model import Server, Service, ServiceType
from aegir.core.secrets import SecretStore

home, http, db = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
env = BackendEnv(home=home, secrets=SecretStore(home / "secrets"))
server = Server("user1", "local", [Service(ServiceType.NGINX, http), Service(ServiceType.PHP_FPM),
                                  Service(ServiceType.MARIADB, db)])
backend = LocalBackend(server, env)
report = {}
try:
    backend.setup()
    report["started"] = [s.running for s in backend.start()]
    root = Path(backend.sites_root()) / "user.test"
    root.mkdir(parents=True)
    backend.write_file(str(root / "settings.php"), b"<?php $x = 'settings';", 0o440)
    (root / "index.php").write_text(
        "<?php include 'settings.php'; echo posix_getpwuid(posix_geteuid())['name'], ' ', $x, ' ',"
        " is_writable(__DIR__ . '/settings.php') ? 'writable' : 'read-only';")
    backend.publish_site(Vhost("user.test", str(root), WebRules()))
    report["page"] = backend.http_get("user.test", "/").body
    report["php_user"] = backend.php_user()
    backend.create_database("user_db", "user_db", "UserPass123")
    out = io.BytesIO()
    backend.dump_database("user_db", out)
    report["dump"] = out.getvalue().startswith(b"/*M!999999")
finally:
    report["stopped"] = [s.running for s in backend.stop()]
print(json.dumps(report))
"""


def _system_python() -> str | None:
    python = shutil.which("python3", path="/usr/bin")
    if python is None:
        return None
    version = subprocess.run(
        [python, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True
    )
    return python if version.stdout.strip() == str(sys.version_info[:2]) else None


@pytest.mark.skipif(os.geteuid() != 0, reason="run as an ordinary user, the whole suite covers this case")
def test_a_managed_server_run_by_nobody() -> None:
    python = _system_python()
    if python is None:
        pytest.skip("needs Debian's python3 of the same minor version as the test run, to run as nobody")
    site_packages = next(p for p in sys.path if p.endswith("site-packages") and "/.venv/" in p)
    home = Path(tempfile.mkdtemp(prefix="aegir-user-"))
    try:
        home.chmod(0o755)
        shutil.chown(home, "nobody")
        result = subprocess.run(
            [
                "runuser", "-u", "nobody", "--", "env", f"HOME={home}", "PATH=/usr/bin:/bin",
                f"PYTHONPATH={SRC}:{site_packages}", python, "-c", SCRIPT,
                str(home), str(free_port()), str(free_port()),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        report = json.loads(result.stdout.strip().splitlines()[-1])
        assert report["started"] == [True, True, True]
        # PHP runs as the user itself, so settings written 0440 are what keeps them read-only
        assert report["page"] == "nobody settings read-only"
        assert report["php_user"] == "nobody"
        assert report["dump"] is True
        assert report["stopped"] == [False, False, False]
    finally:
        shutil.rmtree(home, ignore_errors=True)
