"""Helpers for the operations tests: a managed local server with a WordPress codebase, real
WordPress sites with real content (posts, options, an uploaded file), and looks at what a site
serves and holds."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from aegir.core.model import Server, Service, ServiceType, TaskStatus
from aegir.core.operations import site_context, sites
from aegir.core.plugins import Plugins
from aegir.hosting import Hosting
from ports import free_port

DEBIAN_WORDPRESS = "/usr/share/wordpress"


def start_hosting(
    home: Path, *, codebase: bool = True, plugins: Plugins | None = None
) -> tuple[Hosting, list[int]]:
    """A Hosting on ``home`` with server ``web1`` started, and codebase ``wp`` (Debian's WordPress)."""
    if not Path(DEBIAN_WORDPRESS, "wp-includes", "version.php").is_file():
        raise AssertionError("Debian's wordpress package is not installed: apt-get install wordpress")
    h = Hosting(home, plugins=plugins)
    server = Server(
        "web1",
        "local",
        [
            Service(ServiceType.NGINX, free_port()),
            Service(ServiceType.PHP_FPM),
            Service(ServiceType.MARIADB, free_port()),
        ],
    )
    h.store.add_server(server)
    backend = h.backend("web1")
    backend.setup()
    try:
        backend.start()
        if codebase:
            h.add_codebase("wp", copy_from=DEBIAN_WORDPRESS, server="web1")
    except BaseException:  # a half-made world is stopped here: the caller never gets to
        stop_hosting(h, _daemon_pids(h))
        raise
    return h, _daemon_pids(h)


def _daemon_pids(h: Hosting) -> list[int]:
    return [pid for d in h.backend("web1").daemons() if (pid := d.pid()) is not None]  # type: ignore[attr-defined]


def stop_hosting(h: Hosting, pids: list[int]) -> None:
    """Stop ``web1``; whatever of ``pids`` its stop left running is ended by PID."""
    try:
        h.backend("web1").stop()
    finally:
        for pid in pids:
            try:
                os.kill(pid, 0)
            except OSError:
                continue
            os.kill(pid, 9)  # stop() failed us: never leave a daemon behind
        h.close()


def install(h: Hosting, domain: str, title: str) -> None:
    task = h.install_site(sites.new_site(h, domain, "wp", title=title))
    assert task.status is TaskStatus.SUCCEEDED, task.error


def wp_php(h: Hosting, domain: str, code: str) -> str:
    """Run PHP ``code`` inside WordPress for ``domain`` (as WordPress's own CLI would); its output."""
    site = h.store.get_site(domain)
    ctx = site_context(h, site)
    core = ctx.codebase_root
    url = ctx.url.rstrip("/")
    host = url.split("://", 1)[1]
    script = (
        "<?php\n"
        f"$_SERVER['HTTP_HOST'] = {json.dumps(host)}; $_SERVER['REQUEST_URI'] = '/';\n"
        "$_SERVER['SERVER_NAME'] = 'localhost'; $_SERVER['REQUEST_METHOD'] = 'GET';\n"
        "define('WP_USE_THEMES', false);\n"
        f"require {json.dumps(core + '/wp-load.php')};\n" + code + "\n"
    )
    env = dict(os.environ, AEGIR_WP_CONFIG=f"{ctx.site_dir}/wp-config.php")
    done = subprocess.run(
        ["php", "-d", "display_errors=stderr"],
        input=script,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def add_content(h: Hosting, domain: str, marker: str) -> dict[str, str]:
    """A published post titled ``marker``, an option holding serialized URLs, an uploaded file."""
    out = wp_php(
        h,
        domain,
        f"""
$id = wp_insert_post(array('post_title' => {json.dumps(marker)}, 'post_content' => 'Body of {marker}.',
    'post_status' => 'publish'), true);
if (is_wp_error($id)) {{ fwrite(STDERR, $id->get_error_message()); exit(1); }}
update_option('aegir_test_links', array('home' => home_url('/about/'), 'marker' => {json.dumps(marker)},
    'nested' => array('logo' => home_url('/logo.png'), 'n' => 3)));
update_option('aegir_test_marker', {json.dumps(marker)});
$upload = wp_upload_bits('note-' . {json.dumps(marker.lower())} . '.txt', null, 'uploaded: ' . {json.dumps(marker)});
if (!empty($upload['error'])) {{ fwrite(STDERR, $upload['error']); exit(1); }}
echo json_encode(array('post' => (string) $id, 'upload_url' => $upload['url'], 'upload_file' => $upload['file']));
""",
    )
    data: dict[str, str] = json.loads(out.strip().splitlines()[-1])
    return data


def set_marker(h: Hosting, domain: str, post_id: str, marker: str) -> None:
    """Change the post's title and the marker option (content to be undone by a restore)."""
    wp_php(
        h,
        domain,
        f"wp_update_post(array('ID' => {int(post_id)}, 'post_title' => {json.dumps(marker)}));\n"
        f"update_option('aegir_test_marker', {json.dumps(marker)});",
    )


def sql(h: Hosting, domain: str, query: str) -> list[tuple[str, ...]]:
    site = h.store.get_site(domain)
    assert site.db_server and site.db_name
    return h.backend(site.db_server).db_query(site.db_name, query)


def option(h: Hosting, domain: str, name: str) -> str:
    assert re.fullmatch(r"[a-z_]+", name), name
    rows = sql(h, domain, f"SELECT option_value FROM wp_options WHERE option_name = '{name}';")  # noqa: S608
    return rows[0][0] if rows else ""


def page(h: Hosting, domain: str, path: str = "/") -> tuple[int, str]:
    result = h.backend("web1").http_get(domain, path)
    return result.status, result.body


def databases(h: Hosting) -> set[str]:
    return {r[0] for r in h.backend("web1").db_query(None, "SHOW DATABASES;") if r[0].startswith("s_")}


def site_dirs(h: Hosting) -> set[str]:
    return {p.name for p in Path(h.backend("web1").sites_root()).iterdir()}


def upload_path(url: str) -> str:
    """The path part of an upload's URL (``/wp-content/uploads/...``)."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]
