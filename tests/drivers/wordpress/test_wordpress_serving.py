"""Several sites on one WordPress codebase, served for real by nginx and php-fpm from the driver's
WebRules, and a clone of one site fixed up for its new domain.

The nginx translation of WebRules used here is the one docs/wordpress.md gives the backends.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from wp_helpers import MariaDB, WebServer, run_step, server_block, site_context, write_settings

from aegir.core.app import SiteContext
from aegir.core.model import Codebase
from aegir.core.secrets import SecretStore
from aegir.drivers.wordpress import WordPressDriver
from ports import free_port

pytestmark = pytest.mark.services

DEBIAN = Path("/usr/share/wordpress")

DRIVER = WordPressDriver()


def php_eval(ctx: SiteContext, code: str, core: str = "") -> str:
    """PHP with the site's WordPress loaded through the codebase's selector wp-config.php."""
    script = (
        "<?php\n$_SERVER['HTTP_HOST'] = " + json.dumps(ctx.site.domain) + ";\n"
        "require " + json.dumps((core or ctx.codebase_root) + "/wp-load.php") + ";\n" + code
    )
    done = subprocess.run(
        ["php", "-d", "display_errors=stderr"],
        input=script,
        env={"AEGIR_WP_CONFIG": ctx.site_dir + "/wp-config.php", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


class Sites:
    """Installed sites on one codebase, one web server in front of them."""

    def __init__(
        self, codebase: Codebase, root: Path, base: Path, mariadb: MariaDB, secrets: SecretStore
    ) -> None:
        self.codebase, self.root, self.base, self.mariadb, self.secrets = (
            codebase,
            root,
            base,
            mariadb,
            secrets,
        )
        self.web = WebServer(base / "web", free_port(), str(base / "web" / "php.sock"))
        (base / "web").mkdir()
        self.contexts: dict[str, SiteContext] = {}

    def context(self, domain: str, **site: object) -> SiteContext:
        ctx = site_context(self.codebase, self.root, self.base / "sites", domain, self.mariadb, **site)
        ctx = attrs.evolve(ctx, url=f"http://{domain}:{self.web.port}/")  # the site's real URL
        self.contexts[domain] = ctx
        return ctx

    def settings(self, ctx: SiteContext) -> None:
        self.secrets.ensure(ctx.db_password_secret or "", 24)
        self.mariadb.create_site_db(ctx.db_name or "", self.secrets.get(ctx.db_password_secret or ""))
        Path(ctx.files_dir).mkdir(parents=True, exist_ok=True)
        write_settings(DRIVER.settings_files(ctx), self.secrets)

    def install(self, ctx: SiteContext) -> None:
        self.settings(ctx)
        self.secrets.ensure(ctx.admin_password_secret or "", 20)
        (step,) = DRIVER.install_steps(ctx)
        done = run_step(step, self.secrets)
        assert done.returncode == 0, done.stdout + done.stderr

    def serve(self, extra: list[str] = ()) -> None:  # type: ignore[assignment]
        blocks = [
            server_block(domain, ctx.docroot, DRIVER.web_rules(ctx), self.web.php_socket, self.web.port)
            for domain, ctx in self.contexts.items()
        ]
        if not self.web.processes:
            self.web.start_php()
        else:
            self.web.stop_nginx()  # started again with the new sites
        self.web.start_nginx(blocks + list(extra))


@pytest.fixture
def sites(
    codebase: Codebase, wp_codebase: Path, mariadb: MariaDB, secrets: SecretStore, tmp_path: Path
) -> Iterator[Sites]:
    farm = Sites(codebase, wp_codebase, tmp_path, mariadb, secrets)
    try:
        yield farm
    finally:
        farm.web.stop()


@pytest.fixture(scope="module")
def codebase(wp_codebase: Path) -> Codebase:
    detection = DRIVER.detect(wp_codebase)
    assert detection is not None
    return Codebase(
        name="wp", app="wordpress", root=str(wp_codebase), scan=DRIVER.scan(wp_codebase, detection)
    )


def test_two_sites_share_one_codebase(sites: Sites) -> None:
    a, b = sites.context("a.test", title="Alpha Site"), sites.context("b.test", title="Bravo Site")
    sites.install(a)
    sites.install(b)
    # a server block for the codebase that names no site configuration
    rules = DRIVER.web_rules(a)
    bare = attrs.evolve(rules, fastcgi_params={})
    sites.serve([server_block("bare.test", a.docroot, bare, sites.web.php_socket, sites.web.port)])
    web = sites.web

    for ctx in (a, b):
        status, page, _ = web.get(ctx.site.domain, "/")
        assert status == 200, page[:500]
        assert DRIVER.health_text(ctx) in page
        assert f"http://{ctx.site.domain}:{web.port}/" in page
    assert "Bravo Site" not in web.get("a.test", "/")[1]

    # pretty permalinks through the front controller
    post = sites.mariadb.sql(
        "SELECT DATE_FORMAT(post_date, '%Y/%m/%d') FROM wp_posts WHERE ID = 1", a.db_name
    )
    status, page, _ = web.get("a.test", f"/{post.strip()}/hello-world/")
    assert status == 200 and "Hello world!" in page

    # each site's uploads come from its own folder, served without PHP
    upload = Path(a.files_dir) / "2024/01/hello.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("uploaded to a")
    (upload.parent / "evil.php").write_text("<?php echo 'ran';")
    assert web.get("a.test", "/wp-content/uploads/2024/01/hello.txt")[:2] == (200, "uploaded to a")
    assert web.get("b.test", "/wp-content/uploads/2024/01/hello.txt")[0] == 404
    assert web.get("a.test", "/wp-content/uploads/2024/01/evil.php")[0] == 403
    assert web.get("a.test", "/wp-content/uploads/2024/01/EVIL.PHP")[0] in (403, 404)

    # the hardening denials
    for path in ("/wp-config.php", "/xmlrpc.php", "/readme.html", "/.htaccess", "/wp-includes/version.php",
                 "/wp-admin/install.php", "/wp-admin/setup-config.php", "/wp-admin/includes/file.php"):  # fmt: skip
        assert web.get("a.test", path)[0] == 403, path
    assert web.get("a.test", "/.well-known/acme-challenge/x")[0] == 404  # not denied, just absent
    assert web.get("a.test", "/wp-includes/js/jquery/jquery.min.js")[0] == 200
    assert web.get("a.test", "/wp-content/themes/twentytwentythree/style.css")[0] == 200

    # a vhost that names no configuration gets no site, and no other site's data
    status, page, _ = web.get("bare.test", "/")
    assert status == 404 and "No site is configured" in page
    assert web.get("unknown.test", "/")[0] == 404

    # the admin logs in over HTTP (salts and cookies of the site's own config)
    form = urllib.parse.urlencode({
        "log": "admin", "pwd": sites.secrets.get("site/a.test/admin"), "wp-submit": "Log In",
        "redirect_to": f"http://a.test:{web.port}/wp-admin/", "testcookie": "1",
    })  # fmt: skip
    status, _, headers = web.get(
        "a.test", "/wp-login.php", method="POST", body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": "wordpress_test_cookie=WP%20Cookie%20check"},
    )  # fmt: skip
    assert status == 302 and headers["location"].endswith("/wp-admin/")
    cookies = "; ".join(
        c.split(";", 1)[0] for c in headers["set-cookie"].split("\n") if c.startswith("wordpress")
    )
    status, page, _ = web.get("a.test", "/wp-admin/", headers={"Cookie": cookies})
    assert status == 200 and "Dashboard" in page
    # ...and that cookie means nothing on the other site
    assert web.get("b.test", "/wp-admin/", headers={"Cookie": cookies})[0] == 302


def test_clone_gets_its_urls_rewritten(sites: Sites) -> None:
    a = sites.context("src.test", title="Source Site")
    sites.install(a)
    old = f"http://src.test:{sites.web.port}"
    # real content through WordPress's own API: a post, a text widget, theme mods with an object
    php_eval(a, f"""
        $old = {json.dumps(old)};
        wp_insert_post(array('post_title' => 'Links', 'post_status' => 'publish',
            'post_content' => '<a href="' . $old . '/about/">About</a> <a href="http://src.test.example.org/">other</a>'));
        update_option('widget_text', array(2 => array('title' => 'T', 'text' => '<img src="' . $old . '/wp-content/uploads/a.png">', 'filter' => false), '_multiwidget' => 1));
        set_theme_mod('header_image', $old . '/wp-content/uploads/h.jpg');
        set_theme_mod('header_image_data', (object) array('url' => $old . '/wp-content/uploads/h.jpg', 'attachment_id' => 3));
        update_option('acme_nested', array('config' => serialize(array('feed' => $old . '/feed/'))));
    """)  # fmt: skip
    guid = sites.mariadb.sql("SELECT guid FROM wp_posts WHERE post_title = 'Links'", a.db_name).strip()

    # the clone: a new database with a copy of the data, its own settings, then the fix-up
    c = sites.context("copy.test", title="Source Site")
    sites.settings(c)
    dump = subprocess.run(["mariadb-dump", "--no-defaults", "-S", sites.mariadb.socket, "-u", "root",
                           "--single-transaction", a.db_name or ""], capture_output=True, check=True)  # fmt: skip
    subprocess.run(["mariadb", "--no-defaults", "-S", sites.mariadb.socket, "-u", "root", c.db_name or ""],
                   input=dump.stdout, check=True)  # fmt: skip
    shutil.copytree(a.files_dir, c.files_dir, dirs_exist_ok=True)
    (step,) = DRIVER.domain_fixup_steps(c, old + "/")
    done = run_step(step, sites.secrets)
    assert done.returncode == 0, done.stderr
    assert "replaced the old URL" in done.stdout

    new = f"http://copy.test:{sites.web.port}"
    got = json.loads(php_eval(c, """
        echo json_encode(array(
            'home' => get_option('home'), 'siteurl' => get_option('siteurl'),
            'widget' => get_option('widget_text'), 'header' => get_theme_mod('header_image'),
            'header_data' => get_theme_mod('header_image_data'),
            'nested' => unserialize(get_option('acme_nested')['config']),
            'content' => get_page_by_title('Links', OBJECT, 'post')->post_content,
        ));
    """))  # fmt: skip
    assert got["home"] == got["siteurl"] == new
    assert got["widget"]["2"]["text"] == f'<img src="{new}/wp-content/uploads/a.png">'
    assert got["header"] == f"{new}/wp-content/uploads/h.jpg"
    assert got["header_data"] == {"url": f"{new}/wp-content/uploads/h.jpg", "attachment_id": 3}
    assert got["nested"] == {"feed": f"{new}/feed/"}
    assert (
        got["content"] == f'<a href="{new}/about/">About</a> <a href="http://src.test.example.org/">other</a>'
    )
    # WordPress: a guid never changes
    assert (
        sites.mariadb.sql("SELECT guid FROM wp_posts WHERE post_title = 'Links'", c.db_name).strip() == guid
    )
    # the source is untouched
    assert old in sites.mariadb.sql(
        "SELECT option_value FROM wp_options WHERE option_name='widget_text'", a.db_name
    )

    sites.serve()
    status, page, _ = sites.web.get("copy.test", "/")
    assert status == 200 and "Source Site" in page
    assert new in page and "src.test:" not in page
    # running the fix-up again changes nothing more
    done = run_step(step, sites.secrets)
    assert done.returncode == 0 and "in 0 value(s)" in done.stdout, done.stdout


@pytest.fixture(scope="module")
def bedrock(tmp_path_factory: pytest.TempPathFactory, wp_codebase: Path) -> Path:
    """A Bedrock-shaped project made of Debian's WordPress: core in web/wp, content in web/app."""
    root = tmp_path_factory.mktemp("bedrock") / "project"
    (root / "web").mkdir(parents=True)
    (root / "composer.json").write_text(json.dumps({
        "name": "roots/bedrock", "require": {"roots/wordpress": "^6.1"},
        "extra": {"wordpress-install-dir": "web/wp",
                  "installer-paths": {"web/app/plugins/{$name}/": ["type:wordpress-plugin"],
                                      "web/app/themes/{$name}/": ["type:wordpress-theme"]}},
    }))  # fmt: skip
    shutil.copytree(
        DEBIAN, root / "web/wp", symlinks=False, ignore=shutil.ignore_patterns("wp-content", "wp-config.php")
    )
    shutil.copytree(DEBIAN / "wp-content", root / "web/app", symlinks=False)
    (root / "web/app/mu-plugins").mkdir()
    (root / "web/index.php").write_text(
        "<?php\ndefine('WP_USE_THEMES', true);\nrequire __DIR__ . '/wp/wp-blog-header.php';\n"
    )
    (root / "web/wp-config.php").write_text(
        "<?php\nrequire_once dirname(__DIR__) . '/vendor/autoload.php';\n"
        "require_once dirname(__DIR__) . '/config/application.php';\nrequire_once ABSPATH . 'wp-settings.php';\n"
    )
    return root


def test_bedrock_layout_is_served(
    bedrock: Path, mariadb: MariaDB, secrets: SecretStore, tmp_path: Path
) -> None:
    detection = DRIVER.detect(bedrock)
    assert detection is not None and detection.docroot == "web"
    scan = DRIVER.scan(bedrock, detection)
    assert scan.facts["wp_config"] == "bedrock"
    codebase = Codebase(name="bedrock", app="wordpress", root=str(bedrock), docroot="web", scan=scan)
    farm = Sites(codebase, bedrock, tmp_path, mariadb, secrets)
    try:
        ctx = farm.context("bed.test", title="Bedrock Site")
        farm.install(ctx)
        assert "AEGIR-WP-CONFIG-SHIM" in (bedrock / "web/wp-config.php").read_text()
        farm.serve()
        web = farm.web
        status, page, _ = web.get("bed.test", "/")
        assert status == 200 and "Bedrock Site" in page
        assert f"http://bed.test:{web.port}/wp/wp-includes/" in page  # core URLs under /wp
        assert web.get("bed.test", "/app/themes/twentytwentythree/style.css")[0] == 200
        assert web.get("bed.test", "/wp/wp-login.php")[0] == 200
        status, _, headers = web.get("bed.test", "/wp/wp-admin/")
        assert status == 302 and "/wp/wp-login.php" in headers["location"]
        upload = Path(ctx.files_dir) / "2024/05/b.txt"
        upload.parent.mkdir(parents=True)
        upload.write_text("bedrock upload")
        assert web.get("bed.test", "/app/uploads/2024/05/b.txt")[:2] == (200, "bedrock upload")
        for path in ("/wp-config.php", "/wp/wp-config.php", "/wp/xmlrpc.php", "/wp/wp-includes/version.php"):
            assert web.get("bed.test", path)[0] == 403, path
        code = "echo json_encode(array(site_url(), content_url(), wp_upload_dir(null, false)['basedir']));"
        got = json.loads(php_eval(ctx, code, core=str(bedrock / "web/wp")))
        assert got == [f"http://bed.test:{web.port}/wp", f"http://bed.test:{web.port}/app", ctx.files_dir]
    finally:
        farm.web.stop()
