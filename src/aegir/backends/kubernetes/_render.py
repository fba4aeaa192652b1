"""Every object of a site, in the order it is applied; the one import for code that renders sites."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes._render_network import ingress, network_policies
from aegir.backends.kubernetes._render_site import (
    MAINTENANCE,
    VALUES_NOTE,
    backup_pvc,
    config_map,
    files_pvc,
    main_service,
    namespace,
    pod_disruption_budget,
    service_account,
    settings_secret,
    site_secret,
    track_service,
)
from aegir.backends.kubernetes._render_web import deployment, maintenance_objects

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = [
    "MAINTENANCE",
    "VALUES_NOTE",
    "backup_pvc",
    "config_map",
    "deployment",
    "files_pvc",
    "ingress",
    "main_service",
    "maintenance_objects",
    "namespace",
    "network_policies",
    "pod_disruption_budget",
    "service_account",
    "settings_secret",
    "site_manifests",
    "site_secret",
    "track_objects",
    "track_service",
]

Obj = dict[str, Any]


def track_objects(spec: SiteSpec, opts: ClusterOptions, track: str) -> list[Obj]:
    """What one track needs before its Deployment: its ConfigMap, files volume and Service."""
    return [config_map(spec, track), files_pvc(spec, opts, track), track_service(spec, track)]


def site_manifests(spec: SiteSpec, opts: ClusterOptions, *, target: str | None = None) -> list[Obj]:
    """Every object of the site's current track, in apply order (Secrets without data)."""
    track = spec.track
    objs: list[Obj | None] = [
        namespace(spec, opts),
        service_account(spec),
        site_secret(spec)[0],
    ]
    settings = settings_secret(spec, track)
    objs.append(settings[0] if settings else None)
    objs += [*network_policies(spec, opts), backup_pvc(spec, opts)]
    objs += track_objects(spec, opts, track)
    objs += [
        deployment(spec, opts, track),
        main_service(spec, target or track),
        pod_disruption_budget(spec),
        ingress(spec, opts),
    ]
    return [o for o in objs if o is not None]
