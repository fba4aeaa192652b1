"""The Drupal 7 application driver (``drupal7``): detection, scan, settings, web rules and drush steps."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from aegir.core.app import AppDriver, Detection, SiteContext, SiteFile, WebRules
from aegir.drivers.drupal._drupal import site_title_text

if TYPE_CHECKING:
    from aegir.core.model import CodebaseScan
    from aegir.core.steps import Step

__all__ = ["Drupal7Driver"]


class Drupal7Driver(AppDriver):
    """Drupal 7: ``.info`` files, ``includes/bootstrap.inc``, drush 8."""

    name: ClassVar[str] = "drupal7"
    label: ClassVar[str] = "Drupal 7"

    def detect(self, root: Path) -> Detection | None:
        from aegir.drivers.drupal._detect import detect_drupal7

        return detect_drupal7(root)

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        from aegir.drivers.drupal._scan7 import scan_drupal7

        return scan_drupal7(root, detection)

    def looked_for(self) -> str:
        return "includes/bootstrap.inc and modules/system/system.info under the root, docroot/, web/, html/ or htdocs/"

    def web_rules(self, ctx: SiteContext) -> WebRules:
        from aegir.drivers.drupal._web import web_rules7

        return web_rules7()

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        from aegir.drivers.drupal._settings import render_settings7

        return [render_settings7(ctx)]

    def required_secrets(self, ctx: SiteContext) -> dict[str, int]:
        """Secrets the settings file refers to, with the length to generate them at (see DrupalDriver)."""
        from aegir.drivers.drupal._settings import HASH_SALT_LENGTH, hash_salt_secret

        wanted = {hash_salt_secret(ctx.site.domain): HASH_SALT_LENGTH}
        if ctx.db_password_secret:
            wanted[ctx.db_password_secret] = 24
        return wanted

    def site_paths(self, ctx: SiteContext) -> list[str]:
        return list(dict.fromkeys([ctx.files_dir, ctx.private_dir]))

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._drush import install_steps

        return install_steps(ctx, drupal7=True)

    def update_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._drush import update_steps

        return update_steps(ctx, drupal7=True)

    def verify_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._layout import link_step

        return list(link_step(ctx, undo=False))

    def remove_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._layout import unlink_steps

        return list(unlink_steps(ctx))

    def login_reset_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._drush import login_reset_steps

        return login_reset_steps(ctx, drupal7=True)

    def domain_fixup_steps(self, ctx: SiteContext, old_url: str) -> list[Step]:
        from aegir.drivers.drupal._drush import cache_rebuild_steps

        return cache_rebuild_steps(ctx, drupal7=True)

    def health_text(self, ctx: SiteContext) -> str | None:
        return site_title_text(ctx)
