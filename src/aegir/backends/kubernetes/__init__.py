"""The Kubernetes backend plugin: sites as Deployments, operations as Jobs, backups on a schedule.

Loaded through the ``aegir`` entry point like any third-party plugin. Importing it does not import
the ``kubernetes`` client: only :mod:`._api` does, when a cluster is first contacted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from aegir.backends.kubernetes._steps import STEPS
from aegir.backends.kubernetes._yaml import dump_all
from aegir.core.hookspecs import hookimpl

if TYPE_CHECKING:
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


@hookimpl
def aegir_register_backends(registry: BackendRegistry) -> None:
    registry.add(KubernetesBackend)


@hookimpl
def aegir_register_steps(registry: StepRegistry) -> None:
    for cls in STEPS:
        registry.add(cls)
