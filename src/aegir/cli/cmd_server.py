"""`aegir server`: add servers (managed or attached services), start, stop, status, list, remove."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aegir.cli._app import add_json_flag

if TYPE_CHECKING:
    from aegir.cli._app import CliApp
    from aegir.core.backend import ServiceState
    from aegir.core.model import Server, Service

DEFAULT_HTTP_PORT = 8080
DEFAULT_DB_PORT = 3307


#: backends whose servers run nginx, PHP-FPM and MariaDB as services on a machine
MACHINE_BACKENDS = ("local", "ssh", "docker")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("server", help="servers and the services (web, PHP, database) they run")
    cmds = parser.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    p = cmds.add_parser(
        "add",
        help="add a server: services Aegir runs (managed) or existing ones (attached)",
        description="Managed services (nginx, php-fpm, MariaDB) run under the Aegir home on 127.0.0.1; "
        "--attach-db and --attach-nginx use existing ones instead.",
    )
    p.add_argument("name")
    p.add_argument("--backend", default="local", help="backend driving the server (default: %(default)s)")
    p.add_argument(
        "--http-port",
        type=int,
        help=f"port of the web server (default: {DEFAULT_HTTP_PORT} or the next free)",
    )
    p.add_argument("--https-port", type=int, help="HTTPS port of the web server (none by default)")
    p.add_argument(
        "--db-port",
        type=int,
        help=f"port of the managed MariaDB (default: {DEFAULT_DB_PORT} or the next free)",
    )
    p.add_argument("--no-db", action="store_true", help="no database service")
    p.add_argument("--no-web", action="store_true", help="no web server and no PHP")
    p.add_argument(
        "--web",
        choices=["nginx", "apache"],
        default="nginx",
        help="the managed web server (default: %(default)s)",
    )
    p.add_argument(
        "--web-user", help="user of PHP-FPM pools and nginx workers when run as root (default: www-data)"
    )
    db = p.add_argument_group("attached database (an existing MariaDB or MySQL server)")
    db.add_argument(
        "--attach-db", metavar="HOST:PORT", help="use this database server instead of a managed one"
    )
    db.add_argument(
        "--db-type", choices=["mariadb", "mysql"], default="mariadb", help="(default: %(default)s)"
    )
    db.add_argument("--db-admin-user", default="root", help="its administrator (default: %(default)s)")
    db.add_argument(
        "--db-admin-password-file",
        metavar="FILE",
        help="file holding the administrator's password ('-' reads standard input); stored as a secret",
    )
    db.add_argument("--db-client-hosts", metavar="HOSTS", help="hosts sites connect from, comma-separated")
    web = p.add_argument_group("attached web server (an existing nginx)")
    web.add_argument("--attach-nginx-include", metavar="DIR", help="directory that nginx includes (*.conf)")
    web.add_argument(
        "--nginx-reload-cmd", metavar="CMD", help="command that reloads it, e.g. 'nginx -s reload'"
    )
    web.add_argument(
        "--nginx-test-cmd", metavar="CMD", help="command that tests its config (default: 'nginx -t')"
    )
    web.add_argument(
        "--nginx-pid-file", metavar="FILE", help="its PID file: reloads then wait for new workers"
    )
    p.add_argument(
        "--option", action="append", default=[], metavar="KEY=VALUE", help="a server option (repeatable)"
    )
    p.add_argument(
        "--context",
        metavar="CTX",
        help="kubeconfig context (--backend kubernetes; its other settings are --option KEY=VALUE, "
        "listed in docs/kubernetes.md)",
    )
    p.add_argument("--start", action="store_true", help="start the managed services once added")
    add_json_flag(p)
    p.set_defaults(handler=add)

    for action, text in (
        ("start", "start a server's managed services and wait until they answer"),
        ("stop", "stop a server's managed services"),
        ("status", "show each service: running, pid, port"),
        ("reload", "reload nginx and php-fpm gracefully"),
    ):
        p = cmds.add_parser(action, help=text)
        p.add_argument("name")
        add_json_flag(p)
        p.set_defaults(handler=control, action=action)

    p = cmds.add_parser("list", help="list servers")
    add_json_flag(p)
    p.set_defaults(handler=list_)

    p = cmds.add_parser("remove", help="stop a server and remove its managed files (no site may use it)")
    p.add_argument("name")
    p.set_defaults(handler=remove)


# -- add ------------------------------------------------------------------------------------------
def _port_taken(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _pick_port(wanted: int | None, default: int, used: set[int]) -> int:
    """``wanted``, else ``default`` or the next port no server uses and nothing listens on."""
    if wanted is not None:
        return wanted
    port = default
    while port in used or _port_taken(port):
        port += 1
    used.add(port)
    return port


def _used_ports(app: CliApp) -> set[int]:
    ports = {s.port for server in app.hosting.store.list_servers() for s in server.services if s.port}
    for server in app.hosting.store.list_servers():
        ports |= {
            int(s.options["https_port"]) for s in server.services if s.options.get("https_port", "").isdigit()
        }
    return ports


def _host_port(value: str) -> tuple[str, int]:
    from aegir.core.errors import ValidationError

    host, sep, port = value.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
        raise ValidationError(f"invalid --attach-db {value!r}: expected HOST:PORT, e.g. 127.0.0.1:3306")
    return host, int(port)


def _command(flag: str, value: str) -> str:
    """A command given as shell words: split (never run by a shell), then stored joined again."""
    import shlex

    from aegir.core.errors import ValidationError

    try:
        argv = shlex.split(value)
    except ValueError as e:
        raise ValidationError(f"invalid {flag} {value!r}: {e}") from e
    if not argv:
        raise ValidationError(f"invalid {flag} {value!r}: empty")
    return shlex.join(argv)


def _read_password(path: str) -> str:
    import sys
    from pathlib import Path

    from aegir.core.errors import ValidationError

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise ValidationError(f"cannot read the password file {path!r}: {e.strerror}") from e
    password = text.rstrip("\r\n")
    if not password or "\n" in password or "\x00" in password:
        raise ValidationError(f"the password file {path!r} must hold one line, the password")
    return password


def _options(pairs: list[str]) -> dict[str, str]:
    from aegir.core.errors import ValidationError

    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValidationError(f"invalid --option {pair!r}: expected KEY=VALUE")
        options[key] = value
    return options


def _services(args: argparse.Namespace, app: CliApp) -> tuple[list[Service], str | None]:
    """The server's services, and the attached database's admin password if there is one."""
    from aegir.core.errors import ValidationError
    from aegir.core.model import Service, ServiceType

    used = _used_ports(app)
    services: list[Service] = []
    password = None
    if not args.no_web:
        if args.attach_nginx_include:
            if args.web != "nginx":
                raise ValidationError(
                    "--attach-nginx-include attaches an nginx: it cannot go with --web apache"
                )
            if not args.nginx_reload_cmd:
                raise ValidationError("--attach-nginx-include needs --nginx-reload-cmd")
            options = {
                "include_dir": args.attach_nginx_include,
                "reload_cmd": _command("--nginx-reload-cmd", args.nginx_reload_cmd),
            }
            if args.nginx_test_cmd:
                options["test_cmd"] = _command("--nginx-test-cmd", args.nginx_test_cmd)
            if args.nginx_pid_file:
                options["pid_file"] = args.nginx_pid_file
            services.append(Service(ServiceType.NGINX, args.http_port or 80, managed=False, options=options))
        else:
            options = {}
            if args.https_port:
                options["https_port"] = str(args.https_port)
            port = _pick_port(args.http_port, DEFAULT_HTTP_PORT, used)
            services.append(Service(ServiceType(args.web), port, options=options))
        php_options = {"user": args.web_user} if args.web_user else {}
        services.append(Service(ServiceType.PHP_FPM, options=php_options))
    elif args.attach_nginx_include:
        raise ValidationError("--attach-nginx-include and --no-web contradict each other")
    if not args.no_db:
        if args.attach_db:
            host, port = _host_port(args.attach_db)
            if not args.db_admin_password_file:
                raise ValidationError("--attach-db needs --db-admin-password-file")
            password = _read_password(args.db_admin_password_file)
            options = {"host": host, "port": str(port), "user": args.db_admin_user}
            if args.db_client_hosts:
                options["client_hosts"] = args.db_client_hosts
            kind = ServiceType(args.db_type)
            services.append(Service(kind, port, address="127.0.0.1", managed=False, options=options))
        else:
            services.append(Service(ServiceType.MARIADB, _pick_port(args.db_port, DEFAULT_DB_PORT, used)))
    elif args.attach_db:
        raise ValidationError("--attach-db and --no-db contradict each other")
    return services, password


def add(args: argparse.Namespace, app: CliApp) -> int:
    import contextlib

    from aegir.core.model import Server

    hosting = app.hosting
    hosting.plugins.backends.get(args.backend)  # an unknown backend fails before anything is stored
    options = _options(args.option)
    if args.context:
        options["context"] = args.context
    if args.backend in MACHINE_BACKENDS:
        services, password = _services(args, app)
    else:
        # a cluster backend describes its services (ingress, database) in its own options
        services, password = [], None
    server = Server(args.name, args.backend, services, options=options)
    hosting.store.add_server(server)
    secret = f"server/{server.name}/db-admin"
    backend = None
    try:
        if password is not None:
            hosting.secrets.set(secret, password)
        hosting.forget_backend(server.name)
        backend = hosting.backend(server.name)
        backend.setup()
        states = backend.start() if args.start else backend.status()
    except BaseException:
        # nothing of a server that could not be set up stays behind: files, processes, secret, record
        if backend is not None:
            with contextlib.suppress(Exception):
                backend.teardown()
        hosting.forget_backend(server.name)
        hosting.store.remove_server(server.name)
        hosting.secrets.delete(secret)
        raise
    if args.json:
        app.print_json({"server": server, "services": states})
        return 0
    app.info(
        f"server {server.name} added"
        + (" and started" if args.start else f": start it with 'aegir server start {server.name}'")
    )
    _print_states(app, states)
    return 0


# -- start, stop, status, reload -------------------------------------------------------------------
def _print_states(app: CliApp, states: list[ServiceState]) -> None:
    app.print_table(
        ["service", "type", "running", "pid", "port", "detail"],
        [(s.name, s.type, "yes" if s.running else "no", s.pid, s.port, s.detail) for s in states],
    )


def control(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.errors import BackendError

    backend = app.hosting.backend(args.name)
    if args.action == "start":
        states = backend.start()
    elif args.action == "stop":
        states = backend.stop()
    elif args.action == "reload":
        reload = getattr(backend, "reload", None)
        if reload is None:
            raise BackendError(
                f"the {backend.name} backend of server {args.name!r} cannot reload its services"
            )
        reload()
        states = backend.status()
    else:
        states = backend.status()
    if args.json:
        app.print_json(states)
    else:
        _print_states(app, states)
    return 0


# -- list, remove ---------------------------------------------------------------------------------
def _summary(service: Service) -> str:
    where = f":{service.port}" if service.port else ""
    return f"{service.type.value}{where}" + ("" if service.managed else " (attached)")


def list_(args: argparse.Namespace, app: CliApp) -> int:
    servers = app.hosting.store.list_servers()
    if args.json:
        app.print_json(servers)
        return 0
    app.print_table(
        ["name", "backend", "services"],
        [(s.name, s.backend, ", ".join(_summary(x) for x in s.services)) for s in servers],
    )
    return 0


def _users_of(app: CliApp, server: Server) -> list[str]:
    return [
        site.domain for site in app.hosting.store.list_sites() if server.name in (site.server, site.db_server)
    ]


def remove(args: argparse.Namespace, app: CliApp) -> int:
    from aegir.core.errors import ConflictError

    hosting = app.hosting
    server = hosting.store.get_server(args.name)
    sites = _users_of(app, server)
    if sites:
        shown = ", ".join(sites[:5]) + (f" and {len(sites) - 5} more" if len(sites) > 5 else "")
        raise ConflictError(
            f"server {server.name!r} still serves sites: {shown}; delete or migrate them first"
        )
    hosting.backend(server.name).teardown()
    hosting.forget_backend(server.name)
    hosting.store.remove_server(server.name)
    app.info(f"server {server.name} removed")
    return 0
