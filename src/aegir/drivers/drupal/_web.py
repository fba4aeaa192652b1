"""How a web server must serve Drupal: one front controller, and what never to serve.

Each ``deny`` entry is a regular expression (PCRE and Python ``re`` alike: nginx ``location ~``)
searched in the request path (``/sites/default/settings.php``); a match must get 403. Only the
front controllers Drupal itself has may run PHP; everything else that ends in ``.php`` is denied,
as are dot-files (except ``/.well-known/``), Composer files, source and configuration files that
Drupal's own ``.htaccess`` forbids, PHP under the files directories, and private files.
"""

from __future__ import annotations

from aegir.core.app import WebRules

__all__ = ["DRUPAL7_PHP_ENTRY_POINTS", "DRUPAL_PHP_ENTRY_POINTS", "web_rules", "web_rules7"]

#: the PHP files a Drupal 8+ docroot may execute
DRUPAL_PHP_ENTRY_POINTS = (
    "index.php",
    "update.php",
    "core/install.php",
    "core/rebuild.php",
    "core/authorize.php",
    "core/modules/statistics/statistics.php",
)
#: the PHP files a Drupal 7 docroot may execute
DRUPAL7_PHP_ENTRY_POINTS = (
    "index.php",
    "update.php",
    "install.php",
    "cron.php",
    "xmlrpc.php",
    "authorize.php",
    "modules/statistics/statistics.php",
)


def _only_entry_points(entry_points: tuple[str, ...]) -> str:
    allowed = "|".join(p.replace(".", r"\.") + "$" for p in entry_points)
    return rf"^/(?!(?:{allowed})).*\.php$"


_COMMON = (
    r"(?:^|/)\.(?!well-known(?:/|$))",  # .htaccess, .git, .env ... but not /.well-known/
    r"(?:^|/)(?:composer\.(?:json|lock)|web\.config|package(?:-lock)?\.json|yarn\.lock)$",
    r"^/(?:vendor|node_modules)/",
    r"^/sites/[^/]+/private/",
    r"^/sites/[^/]+/files/.*\.(?:php|phar|phtml|pl|py|cgi|sh)$",
    r"\.php(?:~|\.sw[op]|\.bak|\.orig|\.save)$",
    r"(?:^|/)#.*#$",
    r"(?:^|/)(?:Entries.*|Repository|Root|Tag|Template)$",
)


def web_rules() -> WebRules:
    """Drupal 8+."""
    return WebRules(
        front_controller="/index.php",
        php=True,
        deny=(
            _only_entry_points(DRUPAL_PHP_ENTRY_POINTS),
            *_COMMON,
            r"\.(?:engine|inc|install|make|module|profile|po|sh|\w*sql|theme|twig|tpl|xtmpl|yml|yaml)"
            r"(?:~|\.sw[op]|\.bak|\.orig|\.save)?$",
        ),
    )


def web_rules7() -> WebRules:
    """Drupal 7."""
    return WebRules(
        front_controller="/index.php",
        php=True,
        deny=(
            _only_entry_points(DRUPAL7_PHP_ENTRY_POINTS),
            *_COMMON,
            r"\.(?:engine|inc|info|install|make|module|profile|test|po|sh|\w*sql|theme|tpl|xtmpl)"
            r"(?:~|\.sw[op]|\.bak|\.orig|\.save)?$",
        ),
    )
