"""`aegir config`: settings of this Aegir home (e.g. where the advisory databases are)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aegir.cli._app import add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp

#: the settings Aegir reads, with what each is for
KNOWN = {
    "advisories_dir": "directory of advisory databases (OSV and/or FriendsOfPHP) used by 'aegir audit'",
    "default_backup_store": "the backup store sites use unless they name one",
    "migrate_rollback_hours": "hours a migrated site keeps its old copy for 'site rollback' "
    "('site migrate --finish-due' drops older ones)",
    # HTTPS (docs/https.md); kept in step with aegir.core.operations.https.SETTINGS
    "acme_directory": "URL of the ACME directory certificates come from (e.g. Let's Encrypt's); no default",
    "acme_email": "contact e-mail of the ACME account (expiry notices)",
    "acme_ca_bundle": "PEM file of CAs to trust for the ACME directory's own TLS (default: the system's)",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("config", help="settings of this Aegir home")
    cmds = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    p = cmds.add_parser("get", help="print a setting")
    p.add_argument("key", choices=sorted(KNOWN))
    p.set_defaults(handler=get)
    p = cmds.add_parser("set", help="change a setting")
    p.add_argument("key", choices=sorted(KNOWN))
    p.add_argument("value")
    p.set_defaults(handler=set_)
    p = cmds.add_parser("list", help="every setting with its value")
    add_json_flag(p)
    p.set_defaults(handler=list_)


def get(args: argparse.Namespace, app: CliApp) -> int:
    value = app.hosting.store.get_setting(args.key)
    if value is None:
        app.error(f"{args.key} is not set ({KNOWN[args.key]})")
        return 3
    print(value)
    return 0


def set_(args: argparse.Namespace, app: CliApp) -> int:
    value = args.value
    if args.key == "advisories_dir":
        from pathlib import Path

        from aegir.core.errors import ValidationError

        path = Path(value).expanduser()
        if not path.is_dir():
            raise ValidationError(f"advisories_dir {value!r} is not a directory")
        value = str(path.resolve())
    if args.key == "migrate_rollback_hours" and not (value.isdecimal() and 0 < int(value) <= 24 * 365):
        from aegir.core.errors import ValidationError

        raise ValidationError(
            f"migrate_rollback_hours {value!r}: give a whole number of hours from 1 to 8760"
        )
    if args.key.startswith("acme_"):
        value = _acme_value(args.key, value)
    app.hosting.store.set_setting(args.key, value)
    app.info(f"{args.key} = {value}")
    return 0


def list_(args: argparse.Namespace, app: CliApp) -> int:
    values = {key: app.hosting.store.get_setting(key) for key in sorted(KNOWN)}
    if args.json:
        app.print_json(values)
        return 0
    app.print_table(["key", "value", "meaning"], [(k, v, KNOWN[k]) for k, v in values.items()])
    return 0


def _acme_value(key: str, value: str) -> str:
    """An ACME setting checked: an https URL, an e-mail address, a readable PEM file."""
    from aegir.core.errors import ValidationError

    if key == "acme_directory":
        from urllib.parse import urlsplit

        url = urlsplit(value)
        if url.scheme != "https" or not url.hostname:
            raise ValidationError(f"acme_directory {value!r}: give the https:// URL of an ACME directory")
    elif key == "acme_email":
        if value.count("@") != 1 or any(c.isspace() or c in ",;<>" for c in value):
            raise ValidationError(f"acme_email {value!r}: give one e-mail address")
    elif key == "acme_ca_bundle":
        from pathlib import Path

        path = Path(value).expanduser()
        if not path.is_file() or b"-----BEGIN CERTIFICATE-----" not in path.read_bytes():
            raise ValidationError(f"acme_ca_bundle {value!r} is not a file of PEM certificates")
        value = str(path.resolve())
    return value
