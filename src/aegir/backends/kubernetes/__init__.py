"""The Kubernetes backend plugin: sites as Deployments, operations as Jobs, backups on a schedule.

Loaded through the ``aegir`` entry point like any third-party plugin. Importing it does not import
the ``kubernetes`` client: only :mod:`._api` does, when a cluster is first contacted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.hookspecs import hookimpl
from aegir.core.lazy import lazy_exports

if TYPE_CHECKING:
    from aegir.backends.kubernetes._api import KubeApi, ObjectRef
    from aegir.backends.kubernetes._backend import KubernetesBackend
    from aegir.backends.kubernetes._errors import (
        ApiForbidden,
        ApiServerError,
        ApiUnreachable,
        ApplyConflict,
        JobFailed,
        JobTimeout,
        ObjectInvalid,
        ObjectNotFound,
        RolloutFailed,
        RolloutTimeout,
    )
    from aegir.backends.kubernetes._options import OPTIONS, ClusterOptions
    from aegir.backends.kubernetes._plan import OPERATIONS
    from aegir.backends.kubernetes._yaml import dump_all
    from aegir.core.registry import BackendRegistry
    from aegir.core.steps import StepRegistry

__all__ = [
    "OPERATIONS",
    "OPTIONS",
    "ApiForbidden",
    "ApiServerError",
    "ApiUnreachable",
    "ApplyConflict",
    "ClusterOptions",
    "JobFailed",
    "JobTimeout",
    "KubeApi",
    "KubernetesBackend",
    "ObjectInvalid",
    "ObjectNotFound",
    "ObjectRef",
    "RolloutFailed",
    "RolloutTimeout",
    "dump_all",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "KubeApi": "aegir.backends.kubernetes._api",
        "ObjectRef": "aegir.backends.kubernetes._api",
        "KubernetesBackend": "aegir.backends.kubernetes._backend",
        "ApiForbidden": "aegir.backends.kubernetes._errors",
        "ApiServerError": "aegir.backends.kubernetes._errors",
        "ApiUnreachable": "aegir.backends.kubernetes._errors",
        "ApplyConflict": "aegir.backends.kubernetes._errors",
        "JobFailed": "aegir.backends.kubernetes._errors",
        "JobTimeout": "aegir.backends.kubernetes._errors",
        "ObjectInvalid": "aegir.backends.kubernetes._errors",
        "ObjectNotFound": "aegir.backends.kubernetes._errors",
        "RolloutFailed": "aegir.backends.kubernetes._errors",
        "RolloutTimeout": "aegir.backends.kubernetes._errors",
        "OPTIONS": "aegir.backends.kubernetes._options",
        "ClusterOptions": "aegir.backends.kubernetes._options",
        "OPERATIONS": "aegir.backends.kubernetes._plan",
        "STEPS": "aegir.backends.kubernetes._steps",
        "dump_all": "aegir.backends.kubernetes._yaml",
    },
)


@hookimpl
def aegir_register_backends(registry: BackendRegistry) -> None:
    from aegir.backends.kubernetes._backend import KubernetesBackend

    registry.add(KubernetesBackend)


@hookimpl
def aegir_register_steps(registry: StepRegistry) -> None:
    from aegir.backends.kubernetes._steps import STEPS
    from aegir.backends.kubernetes._store_steps import STORE_STEPS

    for cls in (*STEPS, *STORE_STEPS):
        registry.add(cls)
