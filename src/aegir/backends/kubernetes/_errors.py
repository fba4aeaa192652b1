"""The errors the Kubernetes backend raises: API refusals, timeouts and failed Jobs, as AegirErrors.

Each maps one kind of answer from the API server (or its absence) and says what to check.
"""

from __future__ import annotations

from aegir.core.errors import BackendError, ConflictError, NotFoundError

__all__ = [
    "ApiForbidden",
    "ApiServerError",
    "ApiUnreachable",
    "ApplyConflict",
    "JobFailed",
    "JobTimeout",
    "ObjectInvalid",
    "ObjectNotFound",
    "RolloutFailed",
    "RolloutTimeout",
]


class ApiForbidden(BackendError, PermissionError):
    """HTTP 401 or 403: the credentials of the kubeconfig context may not do this."""


class ObjectNotFound(NotFoundError):
    """HTTP 404: the object (or its kind) does not exist in the cluster."""


class ApplyConflict(ConflictError):
    """HTTP 409: another field manager owns a field Aegir applies, or the object changed meanwhile."""


class ObjectInvalid(BackendError, ValueError):
    """HTTP 400 or 422: the API server rejected a manifest as invalid."""


class ApiServerError(BackendError):
    """HTTP 5xx (or another unexpected status): the API server failed."""


class ApiUnreachable(BackendError, TimeoutError):
    """No answer from the API server in time, or no connection at all."""


class RolloutTimeout(BackendError, TimeoutError):
    """A Deployment did not become ready in time."""


class RolloutFailed(BackendError):
    """A Deployment reported that its rollout cannot progress."""


class JobFailed(BackendError):
    """A Job ran and failed; its logs are in the task log."""


class JobTimeout(BackendError, TimeoutError):
    """A Job did not finish in time."""
