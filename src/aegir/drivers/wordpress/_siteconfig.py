"""A site's ``wp-config.php`` and the shared selector ``wp-config.php`` the codebase needs, as text.

Many sites share one WordPress codebase, so the codebase's own ``wp-config.php`` is a small selector
(the "shim") that loads the configuration the web server names in the FastCGI parameter
``AEGIR_WP_CONFIG`` (set by the site's vhost; CLI scripts set the environment variable). Each site's
configuration lives in its site directory. See docs/wordpress.md.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Final, NamedTuple

from aegir.core.errors import ValidationError

__all__ = [
    "CONFIG_PARAM",
    "SALT_KEYS",
    "SHIM_MARKER",
    "SiteConfig",
    "classify_config",
    "php_string",
    "render_shim",
    "render_site_config",
    "salt_secret",
]

CONFIG_PARAM: Final = "AEGIR_WP_CONFIG"
SHIM_MARKER: Final = "AEGIR-WP-CONFIG-SHIM"
SHIM_VERSION: Final = 1
SALT_KEYS: Final = (
    "AUTH_KEY",
    "SECURE_AUTH_KEY",
    "LOGGED_IN_KEY",
    "NONCE_KEY",
    "AUTH_SALT",
    "SECURE_AUTH_SALT",
    "LOGGED_IN_SALT",
    "NONCE_SALT",
)


# Compiled on first use: the codebase scan imports this module (classify_config) but renders nothing.
@cache
def _table_prefix() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z0-9_]{1,32}")


def php_string(value: str) -> str:
    """``value`` as a single-quoted PHP string literal."""
    if "\x00" in value:
        raise ValidationError(f"a NUL byte cannot go into wp-config.php: {value!r}")
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def salt_secret(domain: str, key: str) -> str:
    """The secret name holding one of a site's eight keys and salts (``site/<domain>/wp-auth-key``)."""
    return f"site/{domain}/wp-{key.lower().replace('_', '-')}"


def classify_config(path: Path) -> str:
    """What a codebase's ``wp-config.php`` is: ``absent``, ``aegir`` (our shim), ``debian`` (Debian's
    master config), ``bedrock`` (Bedrock's loader) or ``custom`` (anything else: left alone)."""
    try:
        head = path.read_bytes()[:65536].decode("utf-8", errors="replace")
    except FileNotFoundError:
        return "absent"
    except OSError:
        return "custom"
    if SHIM_MARKER in head:
        return "aegir"
    if "/etc/wordpress/config-" in head and "Debian" in head:
        return "debian"
    if "config/application.php" in head and "wp-settings.php" in head and "define(" not in head:
        return "bedrock"
    return "custom"


def render_shim() -> str:
    """The selector ``wp-config.php`` for a codebase (the same text for every site)."""
    return f"""<?php
/*
 * {SHIM_MARKER} {SHIM_VERSION}: written by Aegir, which rewrites it; do not edit.
 *
 * Many sites share this WordPress codebase. Each site's own wp-config.php lives in its site
 * directory; the web server names it in the FastCGI parameter {CONFIG_PARAM} (the site's vhost
 * sets it) and PHP CLI scripts in the environment variable of the same name. A request that
 * names none is answered 404: no site is served with another site's configuration.
 */
$aegir_wp_config = isset($_SERVER['{CONFIG_PARAM}']) ? (string) $_SERVER['{CONFIG_PARAM}'] : (string) getenv('{CONFIG_PARAM}');
if ($aegir_wp_config === ''
    || $aegir_wp_config[0] !== '/'
    || basename($aegir_wp_config) !== 'wp-config.php'
    || strpos($aegir_wp_config, '/../') !== false
    || strpos($aegir_wp_config, "\\0") !== false
    || !is_file($aegir_wp_config)) {{
    if (PHP_SAPI !== 'cli') {{
        header('HTTP/1.1 404 Not Found');
        header('Content-Type: text/plain; charset=utf-8');
    }}
    echo "No site is configured for this host.\\n";
    exit(PHP_SAPI === 'cli' ? 1 : 0);
}}
require $aegir_wp_config;
"""


# A named tuple, not attrs: the codebase scan imports this module, and runs without attrs (start-up time).
class SiteConfig(NamedTuple):
    """What a site's wp-config.php says; every path absolute, URLs without a trailing slash."""

    domain: str
    db_name: str
    db_user: str
    db_password_secret: str
    db_host: str
    home: str
    siteurl: str
    abspath: str
    content_dir: str
    content_url: str
    files_dir: str
    uploads_url: str
    site_dir: str
    table_prefix: str = "wp_"
    extra: tuple[str, ...] = ()
    #: Composer's autoloader of a Composer-managed codebase, loaded when it exists
    autoload: str | None = None


def _define(name: str, value: str) -> str:
    return f"define({php_string(name)}, {php_string(value)});"


def render_site_config(cfg: SiteConfig) -> str:
    """A site's complete ``wp-config.php``: database, keys and salts (as secret placeholders), URLs,
    the site's own uploads folder, hardening, extra lines, then ``wp-settings.php``."""
    if not _table_prefix().fullmatch(cfg.table_prefix):
        raise ValidationError(
            f"invalid WordPress table prefix {cfg.table_prefix!r}: use 1-32 letters, digits or '_'"
        )
    salts = "\n".join(_define(k, f"{{{{secret:{salt_secret(cfg.domain, k)}}}}}") for k in SALT_KEYS)
    extra = "\n".join(cfg.extra) if cfg.extra else "// (none)"
    autoload = ""
    if cfg.autoload:
        path = php_string(cfg.autoload)
        autoload = f"/* Composer-managed codebase: its autoloader, as Bedrock loads it. */\nif (is_file({path})) {{\n    require_once {path};\n}}"
    return f"""<?php
/*
 * WordPress configuration of {cfg.domain}, written by Aegir: `aegir site verify` rewrites it.
 * Add settings through a plugin's aegir_site_settings hook, not here.
 */
{_define("DB_NAME", cfg.db_name)}
{_define("DB_USER", cfg.db_user)}
define('DB_PASSWORD', '{{{{secret:{cfg.db_password_secret}}}}}');
{_define("DB_HOST", cfg.db_host)}
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');

{salts}
{_define("WP_CACHE_KEY_SALT", cfg.domain + ":")}

$table_prefix = {php_string(cfg.table_prefix)};

{_define("WP_HOME", cfg.home)}
{_define("WP_SITEURL", cfg.siteurl)}
/*
 * Debian's nginx passes HTTP_HOST as $host, without the port: on a site served on its own port
 * WordPress would then redirect to its URL for ever. Put the port back, only when the server
 * really listens on the port of WP_HOME and the host is WP_HOME's.
 */
$aegir_home = parse_url(WP_HOME);
if (isset($aegir_home['port'], $_SERVER['HTTP_HOST'], $_SERVER['SERVER_PORT'])
    && strtolower($_SERVER['HTTP_HOST']) === strtolower($aegir_home['host'])
    && (string) $_SERVER['SERVER_PORT'] === (string) $aegir_home['port']) {{
    $_SERVER['HTTP_HOST'] .= ':' . $aegir_home['port'];
}}
unset($aegir_home);
{_define("WP_CONTENT_DIR", cfg.content_dir)}
{_define("WP_CONTENT_URL", cfg.content_url)}
{_define("AEGIR_SITE_DIR", cfg.site_dir)}
{_define("AEGIR_FILES_DIR", cfg.files_dir)}
{_define("AEGIR_UPLOADS_URL", cfg.uploads_url)}

/*
 * The codebase (plugins, themes) is shared; uploads are this site's own. The options upload_path
 * and upload_url_path are answered from here (filters registered before WordPress loads, which
 * WordPress supports), so a copied database never points at another site's files.
 */
function aegir_upload_path() {{ return AEGIR_FILES_DIR; }}
function aegir_upload_url_path() {{ return AEGIR_UPLOADS_URL; }}
$GLOBALS['wp_filter']['pre_option_upload_path'][10]['aegir_upload_path'] = array('function' => 'aegir_upload_path', 'accepted_args' => 1);
$GLOBALS['wp_filter']['pre_option_upload_url_path'][10]['aegir_upload_url_path'] = array('function' => 'aegir_upload_url_path', 'accepted_args' => 1);

/* Extra settings from plugins (aegir_site_settings); they come before the defaults below, so
   they may set any of them. */
{extra}

/* The code is managed by Aegir: no editing or installing from the dashboard. */
defined('DISALLOW_FILE_EDIT') || define('DISALLOW_FILE_EDIT', true);
defined('DISALLOW_FILE_MODS') || define('DISALLOW_FILE_MODS', true);
defined('AUTOMATIC_UPDATER_DISABLED') || define('AUTOMATIC_UPDATER_DISABLED', true);
defined('WP_AUTO_UPDATE_CORE') || define('WP_AUTO_UPDATE_CORE', false);
defined('WP_DEBUG') || define('WP_DEBUG', false);

/* wp-load.php has defined ABSPATH already when a web request comes through the codebase. */
defined('ABSPATH') || {_define("ABSPATH", cfg.abspath.rstrip("/") + "/")}
{autoload}
/* Aegir's CLI scripts that only need the database settings define AEGIR_CONFIG_ONLY. */
if (!defined('AEGIR_CONFIG_ONLY')) {{
    require_once ABSPATH . 'wp-settings.php';
}}
"""
