"""SQL text for database administration: identifiers validated, then quoted; strings escaped.

Statements are sent to the ``mariadb`` client on standard input, never on a command line, so a
password in them is never visible in the process list.
"""

from __future__ import annotations

from aegir.core.errors import ValidationError
from aegir.core.names import check_db_identifier

__all__ = [
    "create_database_sql",
    "database_exists_sql",
    "drop_database_sql",
    "ident",
    "literal",
    "unescape_batch_field",
]


def ident(kind: str, value: str) -> str:
    """A database or user name, validated by :func:`check_db_identifier`, in backticks."""
    return f"`{check_db_identifier(kind, value)}`"


def literal(value: str) -> str:
    """A single-quoted SQL string (escapes valid in MariaDB and MySQL alike)."""
    if not isinstance(value, str) or "\x00" in value:
        raise ValidationError("an SQL string must be text without NUL characters")
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _account(user: str, host: str) -> str:
    check_db_identifier("database user", user)
    if not host or any(c in host for c in "'\\\x00 ") or len(host) > 255:
        raise ValidationError(f"invalid database client host {host!r}")
    return f"'{user}'@'{host}'"


def create_database_sql(database: str, user: str, password: str, hosts: tuple[str, ...]) -> str:
    """Create the database and the user at each host, with every privilege on that database only.

    Safe to run again: the user's password is set anew and grants are idempotent.
    """
    db = ident("database name", database)
    lines = [f"CREATE DATABASE IF NOT EXISTS {db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"]
    for host in hosts:
        account = _account(user, host)
        lines += [
            f"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY {literal(password)};",
            f"ALTER USER {account} IDENTIFIED BY {literal(password)};",
            f"GRANT ALL PRIVILEGES ON {db}.* TO {account};",
        ]
    return "\n".join(lines) + "\n"


def drop_database_sql(database: str, user: str | None, hosts: tuple[str, ...]) -> str:
    lines = [f"DROP DATABASE IF EXISTS {ident('database name', database)};"]
    if user is not None:
        lines += [f"DROP USER IF EXISTS {_account(user, host)};" for host in hosts]
    return "\n".join(lines) + "\n"


def database_exists_sql(database: str) -> str:
    check_db_identifier("database name", database)
    # the name is a checked identifier, quoted as a literal: no injection is possible
    query = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = "
    return query + literal(database) + ";\n"


_BATCH_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "0": "\x00"}


def unescape_batch_field(field: str) -> str:
    """A field of ``mariadb --batch`` output with its backslash escapes undone."""
    if "\\" not in field:
        return field
    out: list[str] = []
    i = 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            out.append(_BATCH_ESCAPES.get(field[i + 1], field[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)
