"""Small application drivers shaped like the real ones (settings with secret placeholders, install
steps with stdin and secret environment), and model values, for the Kubernetes backend's tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import attrs

from aegir.core.app import AppDriver, Detection, SiteContext, SiteFile, WebRules
from aegir.core.model import Codebase, CodebaseScan, Server, Site, SiteStatus
from aegir.core.steps import MakeDir, RunCommand, Step, WriteFile

WP_INSTALL = """<?php
$_SERVER['HTTP_HOST'] = getenv('AEGIR_SITE');
define('WP_INSTALLING', true);
require 'wp-load.php';
require 'wp-admin/includes/upgrade.php';
wp_install('{title}', 'admin', 'admin@example.org', true, '', '{{{{secret:{admin}}}}}');
"""


class _Base(AppDriver):
    def detect(self, root: Path) -> Detection | None:
        return None

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        return CodebaseScan(app=self.name)


class WordPressLike(_Base):
    name: ClassVar[str] = "wordpress"
    label: ClassVar[str] = "WordPress (test double)"

    def web_rules(self, ctx: SiteContext) -> WebRules:
        return WebRules(front_controller="/index.php", deny=(r"^/wp-config\.php$", r"^/readme\.html$"))

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        salts = "\n".join(
            f"define('{k.upper()}', '{{{{secret:site/{ctx.site.domain}/salt-{k}}}}}');"
            for k in ("auth_key", "nonce_salt")
        )
        content = (
            "<?php\n"
            f"define('DB_NAME', '{ctx.db_name}');\n"
            f"define('DB_USER', '{ctx.db_user}');\n"
            f"define('DB_PASSWORD', '{{{{secret:{ctx.db_password_secret}}}}}');\n"
            f"define('DB_HOST', '{ctx.db_host}:{ctx.db_port}');\n"
            f"{salts}\n"
            f"define('UPLOADS', '{ctx.files_dir}');\n"
            "$table_prefix = 'wp_';\n"
            "require_once ABSPATH . 'wp-settings.php';\n"
        )
        return [SiteFile(f"{ctx.codebase_root}/wp-config.php", content, 0o440)]

    def site_paths(self, ctx: SiteContext) -> list[str]:
        return [ctx.site_dir, f"{ctx.codebase_root}/wp-content/uploads"]

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        script = WP_INSTALL.format(title=ctx.site.title or ctx.site.domain, admin=ctx.admin_password_secret)
        return [
            MakeDir(ctx.server, ctx.files_dir, 0o775),
            RunCommand(ctx.server, ("php",), cwd=ctx.codebase_root, stdin=script, label="wp_install"),
        ]

    def update_steps(self, ctx: SiteContext) -> list[Step]:
        return [
            RunCommand(
                ctx.server, ("php", "-r", "require 'wp-load.php'; wp_upgrade();"), cwd=ctx.codebase_root
            )
        ]

    def domain_fixup_steps(self, ctx: SiteContext, old_url: str) -> list[Step]:
        return [RunCommand(ctx.server, ("php", "fixup.php", old_url, ctx.url), cwd=ctx.codebase_root)]

    def login_reset_steps(self, ctx: SiteContext) -> list[Step]:
        return [
            RunCommand(
                ctx.server,
                ("php", "reset.php", ctx.site.admin_user),
                secret_env={"PASS": ctx.admin_password_secret or ""},
            )
        ]


class DrupalLike(_Base):
    name: ClassVar[str] = "drupal"
    label: ClassVar[str] = "Drupal (test double)"

    def web_rules(self, ctx: SiteContext) -> WebRules:
        return WebRules(
            front_controller="/index.php", deny=(r"^/(core|vendor)/.*\.(php|yml)$",), static_max_age=86400
        )

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        content = (
            "<?php\n"
            "$databases['default']['default'] = [\n"
            f"  'database' => '{ctx.db_name}',\n"
            f"  'username' => '{ctx.db_user}',\n"
            f"  'password' => '{{{{secret:{ctx.db_password_secret}}}}}',\n"
            f"  'host' => '{ctx.db_host}', 'port' => {ctx.db_port}, 'driver' => 'mysql',\n"
            "];\n"
            f"$settings['hash_salt'] = '{{{{secret:site/{ctx.site.domain}/hash-salt}}}}';\n"
            f"$settings['trusted_host_patterns'] = ['^{ctx.site.domain.replace('.', chr(92) + '.')}$'];\n"
            f"$settings['file_public_path'] = 'sites/default/files';\n"
            f"$settings['config_sync_directory'] = '{ctx.private_dir}/config/sync';\n"
        )
        return [SiteFile(f"{ctx.docroot}/sites/default/settings.php", content, 0o440)]

    def site_paths(self, ctx: SiteContext) -> list[str]:
        return [ctx.site_dir, f"{ctx.docroot}/sites/default/files"]

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        return [
            RunCommand(
                ctx.server,
                (
                    "vendor/bin/drush",
                    "site:install",
                    ctx.site.profile or "standard",
                    "--yes",
                    f"--site-name={ctx.site.title}",
                    f"--account-name={ctx.site.admin_user}",
                ),
                cwd=ctx.codebase_root,
                secret_env={"DRUSH_ACCOUNT_PASS": ctx.admin_password_secret or ""},
            )
        ]

    def update_steps(self, ctx: SiteContext) -> list[Step]:
        return [
            RunCommand(ctx.server, ("vendor/bin/drush", "updatedb", "-y"), cwd=ctx.codebase_root),
            RunCommand(ctx.server, ("vendor/bin/drush", "cache:rebuild"), cwd=ctx.codebase_root),
        ]


class GravLike(_Base):
    name: ClassVar[str] = "grav"
    label: ClassVar[str] = "Grav (test double)"
    uses_database: ClassVar[bool] = False

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        content = (
            "absolute_urls: false\n"
            f"custom_base_url: '{ctx.url}'\n"
            f"security:\n  salt: {{{{secret:site/{ctx.site.domain}/salt}}}}\n"
        )
        return [SiteFile(f"{ctx.codebase_root}/user/config/system.yaml", content, 0o440)]

    def site_paths(self, ctx: SiteContext) -> list[str]:
        return [f"{ctx.codebase_root}/user/pages", f"{ctx.codebase_root}/user/accounts"]

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        return [WriteFile(ctx.server, f"{ctx.codebase_root}/user/accounts/admin.yaml", "state: enabled\n")]

    def health_text(self, ctx: SiteContext) -> str | None:
        return None


class StaticLike(_Base):
    name: ClassVar[str] = "static"
    label: ClassVar[str] = "static (test double)"
    uses_database: ClassVar[bool] = False

    def web_rules(self, ctx: SiteContext) -> WebRules:
        return WebRules(front_controller=None, php=False)

    def health_text(self, ctx: SiteContext) -> str | None:
        return None


DRIVERS: dict[str, AppDriver] = {d.name: d for d in (WordPressLike(), DrupalLike(), GravLike(), StaticLike())}
FIXED_TIME = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)


def server(name: str = "k8s", **options: str) -> Server:
    return Server(name=name, backend="kubernetes", options=options)


def codebase(app: str, *, image: str | None = "registry.example.org/sites/app:1.0") -> Codebase:
    docroot = "web" if app == "drupal" else "."
    scan = CodebaseScan(
        app=app, app_version={"wordpress": "6.1.9", "drupal": "10.3.1"}.get(app), docroot=docroot
    )
    return Codebase(
        name=f"{app}-1", app=app, root=f"/srv/codebases/{app}-1", docroot=docroot, image=image, scan=scan
    )


def site(domain: str, app: str, **changes: object) -> Site:
    uses_db = DRIVERS[app].uses_database
    value = Site(
        domain=domain,
        codebase=f"{app}-1",
        server="k8s",
        db_server="k8s" if uses_db else None,
        status=SiteStatus.QUEUED,
        title=f"Site {domain}",
        admin_email=f"admin@{domain}",
        db_name="s_" + domain.replace(".", "_").replace("-", "_")[:20] if uses_db else None,
        db_user="s_" + domain.replace(".", "_").replace("-", "_")[:20] if uses_db else None,
        created=FIXED_TIME,
    )
    return attrs.evolve(value, **changes) if changes else value


def context(
    value: Site, cb: Codebase, *, url: str | None = None, admin_secret: str | None = None
) -> SiteContext:
    """A SiteContext shaped like the one core.operations builds (local-style paths; the backend remaps them)."""
    uses_db = DRIVERS[cb.app].uses_database
    site_dir = f"/var/aegir/sites/{value.domain}"
    return SiteContext(
        site=value,
        codebase=cb,
        codebase_root=cb.root,
        docroot=cb.root if cb.docroot == "." else f"{cb.root}/{cb.docroot}",
        site_dir=site_dir,
        files_dir=f"{site_dir}/files",
        private_dir=f"{site_dir}/private",
        url=url or f"{'https' if value.https else 'http'}://{value.domain}/",
        server=value.server,
        db_server=value.db_server,
        db_name=value.db_name,
        db_user=value.db_user,
        db_password_secret=f"site/{value.domain}/db" if uses_db else None,
        admin_password_secret=admin_secret or f"site/{value.domain}/admin",
    )
