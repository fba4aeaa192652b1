"""The Drupal 8+ application driver (``drupal``): detection, scan, settings, web rules and drush steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from aegir.core.app import ScannerDriver, SiteContext, SiteFile, WebRules

if TYPE_CHECKING:
    from aegir.core.steps import Step

__all__ = ["DrupalDriver", "site_title_text"]


def site_title_text(ctx: SiteContext) -> str | None:
    """The site title as it appears in a Drupal page: only when HTML escaping leaves it unchanged."""
    import html  # html.entities is a large table: only load it when a site is checked

    title = ctx.site.title
    if not title or html.escape(title, quote=True) != title:
        return None
    return title


def _before_8_8(ctx: SiteContext) -> bool:
    version = ctx.codebase.scan.app_version if ctx.codebase.scan else None
    if not version:
        return False
    parts = version.split(".")
    try:
        return parts[0] == "8" and int(parts[1]) < 8
    except (IndexError, ValueError):
        return False


class DrupalDriver(ScannerDriver):
    """Drupal 8 and later: composer.lock, ``*.info.yml``, drush 9+."""

    name: ClassVar[str] = "drupal"
    label: ClassVar[str] = "Drupal 8+"
    #: drush 8 commands and Drupal 7 settings (the Drupal 7 driver is this one with it set)
    drupal7: ClassVar[bool] = False
    #: the module that detects and scans (plain records; the command line's fast path calls it too)
    scanner: ClassVar[str] = "aegir.drivers.drupal._scanner8"

    def web_rules(self, ctx: SiteContext) -> WebRules:
        from aegir.drivers.drupal._web import web_rules

        return web_rules()

    def settings_files(self, ctx: SiteContext) -> list[SiteFile]:
        from aegir.drivers.drupal._settings import render_settings

        return [render_settings(ctx, legacy_config_directories=_before_8_8(ctx))]

    def required_secrets(self, ctx: SiteContext) -> dict[str, int]:
        """Secrets the settings file refers to, with the length to generate them at (not in the
        AppDriver contract: the hosting layer may call it to create them before writing settings)."""
        from aegir.drivers.drupal._settings import HASH_SALT_LENGTH, hash_salt_secret

        wanted = {hash_salt_secret(ctx.site.domain): HASH_SALT_LENGTH}
        if ctx.db_password_secret:
            wanted[ctx.db_password_secret] = 24
        return wanted

    def site_paths(self, ctx: SiteContext) -> list[str]:
        return list(dict.fromkeys([ctx.files_dir, ctx.private_dir]))

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._drush import install_steps

        return install_steps(ctx, drupal7=self.drupal7)

    def update_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._drush import update_steps

        return update_steps(ctx, drupal7=self.drupal7)

    def verify_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._layout import link_step

        return list(link_step(ctx, undo=False))

    def remove_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._layout import unlink_steps

        return list(unlink_steps(ctx))

    def login_reset_steps(self, ctx: SiteContext) -> list[Step]:
        from aegir.drivers.drupal._drush import login_reset_steps

        return login_reset_steps(ctx, drupal7=self.drupal7)

    def domain_fixup_steps(self, ctx: SiteContext, old_url: str) -> list[Step]:
        """The settings (trusted hosts, files path) are rendered again by the operation; Drupal keeps
        no absolute URL in its database, so a cache rebuild is all that is left."""
        from aegir.drivers.drupal._drush import cache_rebuild_steps

        return cache_rebuild_steps(ctx, drupal7=self.drupal7)

    def health_text(self, ctx: SiteContext) -> str | None:
        return site_title_text(ctx)
