"""A test driver: WordPress whose sites are also linked into their codebase as
``<root>/sites/<domain>``, the way the Drupal drivers link sites that live outside the codebase
(Drupal itself cannot be obtained here). A migration's update steps point the link at the new copy;
undo, rollback and finish must leave it pointing where the live site is."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import attrs

from aegir.core.app import Detection, SiteContext
from aegir.core.hookspecs import hookimpl
from aegir.core.model import CodebaseScan
from aegir.core.registry import AppRegistry
from aegir.core.steps import RunCommand, Step
from aegir.drivers.wordpress import WordPressDriver


def link_path(ctx: SiteContext) -> str:
    return f"{ctx.codebase_root}/sites/{ctx.site.domain}"


class LinkedWordPress(WordPressDriver):
    name: ClassVar[str] = "wordpress-linked"
    label: ClassVar[str] = "WordPress with linked site directories (test driver)"

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        return attrs.evolve(super().scan(root, detection), app=self.name)

    def verify_steps(self, ctx: SiteContext) -> list[Step]:
        return [
            RunCommand(ctx.server, ("mkdir", "-p", f"{ctx.codebase_root}/sites")),
            RunCommand(ctx.server, ("ln", "-sfn", ctx.site_dir, link_path(ctx))),
        ]

    def remove_steps(self, ctx: SiteContext) -> list[Step]:
        return [RunCommand(ctx.server, ("rm", "-f", link_path(ctx)))]

    def install_steps(self, ctx: SiteContext) -> list[Step]:
        return [*self.verify_steps(ctx), *super().install_steps(ctx)]

    def update_steps(self, ctx: SiteContext) -> list[Step]:
        return [*self.verify_steps(ctx), *super().update_steps(ctx)]


class LinkedPlugin:
    @hookimpl
    def aegir_register_apps(self, registry: AppRegistry) -> None:
        registry.add(LinkedWordPress)
