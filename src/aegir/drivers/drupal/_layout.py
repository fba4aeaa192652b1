"""Where a Drupal site's directory is, as Drupal sees it: ``<docroot>/sites/<name>``.

Drupal finds a site's ``settings.php`` in ``<docroot>/sites/<host name>`` and serves its public
files from under the docroot. Two layouts work:

- the site directory *is* ``<docroot>/sites/<name>`` (Aegir 3's layout, a site inside its codebase);
- the site directory lives elsewhere (the hosting layer's default, ``<sites root>/<domain>``, which
  keeps sites out of shared codebases): then ``<docroot>/sites/<domain>`` is a symbolic link to it,
  made by the first step of every drush plan (``ln -sfn``, idempotent), so settings.php, the public
  files (``sites/<domain>/files``) and the private directory are reached through it. The web rules
  deny ``/sites/*/private/`` for that reason.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from attrs import frozen

from aegir.core.errors import ValidationError
from aegir.core.steps import RunCommand

if TYPE_CHECKING:
    from aegir.core.app import SiteContext

__all__ = ["SiteLayout", "link_step", "site_layout"]

_RESERVED = frozenset({"all", "default", "simpletest"})


@frozen
class SiteLayout:
    """``name``: the directory under ``<docroot>/sites``; ``link``: the symbolic link to make there
    (absolute path), or None when the site directory is there already; ``public_path``: Drupal's
    ``file_public_path``, relative to the docroot."""

    name: str
    link: str | None
    public_path: str


def site_layout(ctx: SiteContext) -> SiteLayout:
    """The layout of ``ctx``'s site; a ValidationError if Drupal could not serve it."""
    docroot = posixpath.normpath(ctx.docroot)
    site_dir = posixpath.normpath(ctx.site_dir)
    files = posixpath.normpath(ctx.files_dir)
    sites = posixpath.join(docroot, "sites")
    if posixpath.dirname(site_dir) == sites:
        name, link = posixpath.basename(site_dir), None
    else:
        name = ctx.site.domain
        if name in _RESERVED:
            raise ValidationError(f"a Drupal site cannot be called {name!r}: sites/{name} is Drupal's own")
        link = posixpath.join(sites, name)
    if files.startswith(docroot + "/"):
        public = files[len(docroot) + 1 :]
    elif files.startswith(site_dir + "/"):
        public = f"sites/{name}/{files[len(site_dir) + 1 :]}"
    else:
        raise ValidationError(
            f"Drupal public files directory {ctx.files_dir!r} must be under the docroot {ctx.docroot!r} "
            f"or the site directory {ctx.site_dir!r}: the web server serves it under the site's URL"
        )
    return SiteLayout(name, link, public)


def link_step(ctx: SiteContext, *, undo: bool) -> list[RunCommand]:
    """The step that makes ``<docroot>/sites/<domain>`` point at the site directory (none if not
    needed). ``undo`` removes the link again on rollback (install only: an update that fails must
    leave a working site linked)."""
    layout = site_layout(ctx)
    if layout.link is None:
        return []
    remove = RunCommand(ctx.server, ("rm", "-f", layout.link), label=f"remove the link {layout.link}")
    return [
        RunCommand(
            ctx.server,
            ("ln", "-sfn", posixpath.normpath(ctx.site_dir), layout.link),
            label=f"link {layout.link} to the site directory {ctx.site_dir}",
            undo=remove if undo else None,
        )
    ]


def unlink_steps(ctx: SiteContext) -> list[RunCommand]:
    """Remove ``<docroot>/sites/<domain>`` when the site is deleted (none if there is no link)."""
    layout = site_layout(ctx)
    if layout.link is None:
        return []
    return [RunCommand(ctx.server, ("rm", "-f", layout.link), label=f"remove the link {layout.link}")]
