"""Hypothesis strategies for Aegir's values: names, domains, the model classes, plans and their steps.

Every strategy builds *valid* values (the validators accept them); the hostile values live in the
validator tests. Step strategies are derived from each step class's annotated fields, so a step
added to :mod:`aegir.core.steps` (or registered by a built-in plugin) is covered without a change
here, as long as its field types are ones :func:`for_type` knows.
"""

from __future__ import annotations

import enum
import string
import types
import typing
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from typing import Any, Union

import attrs
import idna
from hypothesis import strategies as st

from aegir.core.app import Detection, SiteContext, SiteFile, WebRules
from aegir.core.backend import Vhost
from aegir.core.events import TaskEvent
from aegir.core.model import (
    Backup,
    BackupState,
    Codebase,
    CodebaseScan,
    Extension,
    Package,
    Server,
    Service,
    ServiceType,
    Site,
    SiteStatus,
    Task,
    TaskStatus,
)
from aegir.core.plan import Plan
from aegir.core.plugins import PluginInfo
from aegir.core.registry import ScanAddition
from aegir.core.steps import Step

__all__ = [
    "MODEL_STRATEGIES",
    "aware_datetimes",
    "db_identifiers",
    "domains",
    "for_type",
    "idn_domains",
    "names",
    "plans",
    "ports",
    "scan_additions",
    "site_contexts",
    "step_strategy",
]

# -- scalars ----------------------------------------------------------------------------------------

#: any text JSON and YAML can carry (lone surrogates are not text, and no encoder takes them)
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
short_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
flags = st.booleans()
ports = st.integers(min_value=1, max_value=65535)
timezones = st.sampled_from(
    [
        UTC,
        timezone(timedelta(hours=2)),
        timezone(timedelta(hours=-9, minutes=-30)),
        timezone(timedelta(hours=14)),
    ]
)
#: timezone-aware datetimes (Aegir stores aware times; a naive one is read back as UTC)
aware_datetimes = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=timezones
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short_text, inner, max_size=3),
    max_leaves=8,
)
str_maps = st.dictionaries(short_text, text, max_size=3)

# -- names ------------------------------------------------------------------------------------------

#: server, codebase, backend and store names (names.check_name)
names = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,20}", fullmatch=True).filter(lambda s: ".." not in s)
#: database and database-user names (names.check_db_identifier)
db_identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,30}", fullmatch=True)
_ascii_labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True)
_tlds = st.from_regex(r"[a-z]{2,6}", fullmatch=True) | st.sampled_from(
    ["xn--p1ai", "xn--vermgensberater-ctb"]
)
#: ASCII host names, already in normal form (lower case, no trailing dot)
domains = st.builds(
    lambda labels, tld: ".".join([*labels, tld]), st.lists(_ascii_labels, min_size=1, max_size=3), _tlds
)


def _idna_ok(label: str) -> bool:
    try:
        idna.encode(label, uts46=True)
    except (idna.IDNAError, UnicodeError):
        return False
    return True


_unicode_letters = "äöüßéèçñøåæœłžš" + "абвгдежзийклмнопрстуфхцчшщ" + "αβγδεζηθ" + "日本語中文한국어" + "ไทย"
_unicode_labels = st.text(st.sampled_from(_unicode_letters), min_size=1, max_size=10).filter(_idna_ok)
#: host names with at least one Unicode label (normalised to A-labels by the model)
idn_domains = st.builds(
    lambda first, rest, tld: ".".join([first, *rest, tld]),
    _unicode_labels,
    st.lists(_ascii_labels | _unicode_labels, max_size=2),
    _tlds,
)
any_domains = domains | idn_domains
_segments = st.from_regex(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,12}", fullmatch=True).filter(lambda s: s != "..")
absolute_paths = st.lists(_segments, min_size=1, max_size=4).map(lambda parts: "/" + "/".join(parts))
relative_paths = st.just(".") | st.lists(_segments, min_size=1, max_size=3).map("/".join)
addresses = st.ip_addresses().map(str) | domains

# -- model ------------------------------------------------------------------------------------------

services = st.builds(
    Service,
    type=st.sampled_from(ServiceType),
    port=st.none() | ports,
    address=addresses,
    managed=flags,
    options=str_maps,
)
servers = st.builds(
    Server, name=names, backend=names, services=st.lists(services, max_size=3), options=str_maps
)
packages = st.builds(Package, name=text, version=short_text, type=short_text, dev=flags)
extensions = st.builds(
    Extension,
    name=text,
    type=short_text,
    version=st.none() | short_text,
    project=st.none() | short_text,
    path=text,
    hidden=flags,
)
scans = st.builds(
    CodebaseScan,
    app=short_text,
    app_version=st.none() | short_text,
    docroot=relative_paths,
    packages=st.lists(packages, max_size=3),
    extensions=st.lists(extensions, max_size=3),
    profiles=st.lists(short_text, max_size=2),
    warnings=st.lists(text, max_size=2),
    facts=str_maps,
)
codebases = st.builds(
    Codebase,
    name=names,
    app=short_text,
    root=absolute_paths,
    source=text,
    docroot=relative_paths,
    servers=st.lists(names, max_size=2),
    image=st.none() | text,
    git_ref=st.none() | short_text,
    scan=st.none() | scans,
    verified_at=st.none() | aware_datetimes,
)
sites = st.builds(
    Site,
    domain=any_domains,
    codebase=names,
    server=names,
    db_server=st.none() | names,
    status=st.sampled_from(SiteStatus),
    aliases=st.lists(any_domains, max_size=2),
    profile=st.none() | short_text,
    title=st.none() | text,
    admin_user=short_text,
    admin_email=st.none() | text,
    db_name=st.none() | db_identifiers,
    db_user=st.none() | db_identifiers,
    https=flags,
    backup_store=st.none() | names,
    created=st.none() | aware_datetimes,
    options=str_maps,
)
backup_ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,30}", fullmatch=True).filter(lambda s: ".." not in s)
backups = st.builds(
    Backup,
    id=backup_ids,
    site=domains,
    store=names,
    created=aware_datetimes,
    state=st.sampled_from(BackupState),
    size=st.integers(min_value=0, max_value=2**50),
    kind=st.sampled_from(["site", "codebase"]),
    manifest=st.dictionaries(short_text, json_values, max_size=3),
)
tasks = st.builds(
    Task,
    id=st.uuids().map(lambda u: u.hex),
    operation=st.sampled_from(["install", "backup", "restore", "clone", "migrate", "delete", "verify"]),
    target=domains | names,
    status=st.sampled_from(TaskStatus),
    created=st.none() | aware_datetimes,
    started=st.none() | aware_datetimes,
    finished=st.none() | aware_datetimes,
    error=st.none() | text,
    runner_pid=st.none() | st.integers(min_value=1, max_value=2**22),
)
web_rules = st.builds(
    WebRules,
    front_controller=st.none() | st.sampled_from(["/index.php", "/app.php"]),
    php=flags,
    deny=st.lists(short_text, max_size=3),
    static_max_age=st.integers(min_value=0, max_value=10**7),
)
vhosts = st.builds(
    Vhost,
    domain=domains,
    root=absolute_paths,
    rules=web_rules,
    aliases=st.lists(domains, max_size=2),
    https=flags,
    certificate=st.none() | absolute_paths,
    certificate_key=st.none() | absolute_paths,
)
detections = st.builds(Detection, app=short_text, docroot=relative_paths, version=st.none() | short_text)
site_files = st.builds(SiteFile, path=absolute_paths, content=text, mode=st.integers(0, 0o7777))
site_contexts = st.builds(
    SiteContext,
    site=sites,
    codebase=codebases,
    codebase_root=absolute_paths,
    docroot=absolute_paths,
    site_dir=absolute_paths,
    files_dir=absolute_paths,
    private_dir=absolute_paths,
    url=domains.map(lambda d: f"https://{d}/"),
    server=names,
    db_server=st.none() | names,
    db_port=ports,
    db_name=st.none() | db_identifiers,
    db_user=st.none() | db_identifiers,
    db_password_secret=st.none() | st.just("site/example.org/db"),
    extra_settings=st.lists(text, max_size=2).map(tuple),
)
task_events = st.builds(
    TaskEvent,
    name=st.sampled_from(
        ["started", "step-started", "step-finished", "step-failed", "step-undone", "finished"]
    ),
    task_id=st.uuids().map(lambda u: u.hex),
    operation=short_text,
    target=domains,
    step_index=st.none() | st.integers(0, 100),
    step_kind=st.none() | short_text,
    description=text,
    status=st.none() | short_text,
)
scan_additions = st.builds(
    ScanAddition,
    packages=st.lists(packages, max_size=2),
    extensions=st.lists(extensions, max_size=2),
    warnings=st.lists(text, max_size=2),
)
plugin_infos = st.builds(
    PluginInfo,
    name=names,
    module=st.from_regex(r"[a-z_][a-z0-9_]{0,10}(\.[a-z_][a-z0-9_]{0,10}){0,3}", fullmatch=True),
    distribution=names,
    version=short_text,
    builtin=flags,
    registers=st.lists(names.map(lambda n: f"app:{n}"), max_size=3),
)

#: one strategy per serialized value class (round-trip tests iterate over this table). SiteContext
#: and ScanAddition are not here: they are handed to plugins in process and never serialized (their
#: annotations name classes that their modules import only for type checking).
MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Service: services,
    Server: servers,
    Package: packages,
    Extension: extensions,
    CodebaseScan: scans,
    Codebase: codebases,
    Site: sites,
    Backup: backups,
    Task: tasks,
    WebRules: web_rules,
    Vhost: vhosts,
    Detection: detections,
    SiteFile: site_files,
    TaskEvent: task_events,
    PluginInfo: plugin_infos,
}

# -- steps ------------------------------------------------------------------------------------------


def for_type(hint: Any, *, depth: int = 2) -> st.SearchStrategy[Any]:
    """A strategy for a field annotated ``hint`` (steps nest at most ``depth`` deep)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in MODEL_STRATEGIES:
        return MODEL_STRATEGIES[hint]
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: text,
        bool: flags,
        int: st.integers(min_value=0, max_value=2**31),
        float: st.floats(min_value=0, max_value=1e6, allow_nan=False),
        type(None): st.none(),
        # aware times, UTC as a step's record makes them and other offsets as an older journal
        # or another writer may hold them: serialize keeps the offset, so both round-trip
        datetime: aware_datetimes,
    }
    if hint in simple:
        return simple[hint]
    if hint is Any:  # JSON-shaped data (e.g. Kubernetes objects carried by a step)
        return st.recursive(
            st.none() | flags | st.integers(-(2**31), 2**31) | text,
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
            max_leaves=8,
        )
    if origin in (Union, types.UnionType):
        options = [for_type(a, depth=depth) for a in args if a is type(None) or depth > 0 or not _is_step(a)]
        return st.one_of(*options)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(for_type(args[0], depth=depth), max_size=3).map(tuple)
    if origin is list:
        return st.lists(for_type(args[0], depth=depth), max_size=3)
    if origin is dict:
        return st.dictionaries(for_type(args[0], depth=depth), for_type(args[1], depth=depth), max_size=3)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(hint)
    if _is_step(hint):
        return step_strategy(hint, depth=depth - 1)
    if isinstance(hint, type) and attrs.has(hint):  # a plugin's own value class carried by its steps
        hints = typing.get_type_hints(hint)
        fields = {f.name: for_type(hints[f.name], depth=depth) for f in attrs.fields(hint) if f.init}
        return st.builds(hint, **fields)
    raise TypeError(f"tests/strategies.py has no strategy for {hint!r}: add one to for_type()")


def _is_step(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, Step)


@cache
def step_strategy(cls: type[Step], *, depth: int = 2) -> st.SearchStrategy[Step]:
    """Steps of class ``cls`` with every field (those with defaults too) drawn from its type."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: for_type(hints[f.name], depth=depth) for f in attrs.fields(cls) if f.init}
    return st.builds(cls, **fields)


def plans(step_classes: list[type[Step]]) -> st.SearchStrategy[Plan]:
    """Plans mixing steps of the given classes."""
    any_step = st.one_of(*[step_strategy(cls) for cls in step_classes])
    return st.builds(
        Plan,
        operation=st.sampled_from(["install", "backup", "delete"]),
        target=domains,
        steps=st.lists(any_step, max_size=5).map(tuple),
        on_crash=st.sampled_from(["rollback", "resume"]),
        summary=text,
    )


#: printable ASCII that is not a name character: what hostile-name tests splice in
NON_NAME_CHARS = "".join(sorted(set(string.printable) - set(string.ascii_lowercase + string.digits + "_.-")))
