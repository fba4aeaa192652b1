"""Waiting on the cluster: for a rollout to be ready, for a Job to finish, with deadlines.

Polling (not watching) keeps the conversation simple and survives a dropped connection: a failed
read while waiting is noted and tried again until the deadline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from attrs import frozen

from aegir.backends.kubernetes._api import KubeApi, ObjectRef
from aegir.backends.kubernetes._errors import (
    ApiServerError,
    ApiUnreachable,
    JobTimeout,
    RolloutFailed,
    RolloutTimeout,
)

__all__ = ["JobLog", "JobOutcome", "job_logs", "rollout_state", "wait_for_job", "wait_for_rollout"]

JOB_NAME_LABEL = "batch.kubernetes.io/job-name"


@frozen
class JobOutcome:
    succeeded: bool
    detail: str


@frozen
class JobLog:
    pod: str
    container: str
    text: str | None


def _conditions(obj: dict[str, Any]) -> dict[str, dict[str, Any]]:
    status = obj.get("status") or {}
    return {str(c.get("type")): c for c in status.get("conditions") or [] if isinstance(c, dict)}


def rollout_state(obj: dict[str, Any]) -> tuple[bool, str]:
    """Whether a Deployment or StatefulSet is fully rolled out and ready, and what it waits for."""
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    want = int(spec.get("replicas", 1))
    progressing = _conditions(obj).get("Progressing")
    if progressing and progressing.get("reason") == "ProgressDeadlineExceeded":
        why = progressing.get("message") or "progress deadline exceeded"
        raise RolloutFailed(f"{ObjectRef.of(obj).describe()} cannot roll out: {why}")
    if int(status.get("observedGeneration", 0)) < int((obj.get("metadata") or {}).get("generation", 1)):
        return False, "the controller has not seen the change yet"
    updated = int(status.get("updatedReplicas", 0))
    ready_key = "availableReplicas" if obj.get("kind") == "Deployment" else "readyReplicas"
    ready = int(status.get(ready_key, 0))
    total = int(status.get("replicas", 0))
    if updated < want:
        return False, f"{updated} of {want} replicas updated"
    if total > want:
        return False, f"{total - want} old replicas still terminating"
    if ready < want:
        return False, f"{ready} of {want} replicas ready"
    return True, f"{want} of {want} replicas ready"


def _poll(
    api: KubeApi,
    ref: ObjectRef,
    timeout: float,
    poll: float,
    check: Callable[[dict[str, Any] | None], tuple[bool, str]],
) -> tuple[bool, str]:
    deadline = time.monotonic() + timeout
    detail = "not seen yet"
    while True:
        try:
            done, detail = check(api.get(ref))
        except (ApiUnreachable, ApiServerError) as e:
            done, detail = False, str(e)
        if done:
            return True, detail
        if time.monotonic() >= deadline:
            return False, detail
        time.sleep(poll)


def wait_for_rollout(api: KubeApi, ref: ObjectRef, *, timeout: float, poll: float) -> str:
    """Wait until the Deployment (or StatefulSet) is ready; returns what it reached."""

    def check(obj: dict[str, Any] | None) -> tuple[bool, str]:
        return (False, "it does not exist") if obj is None else rollout_state(obj)

    done, detail = _poll(api, ref, timeout, poll, check)
    if not done:
        raise RolloutTimeout(f"{ref.describe()} did not become ready within {timeout:g}s: {detail}")
    return detail


def wait_for_job(api: KubeApi, ref: ObjectRef, *, timeout: float, poll: float) -> JobOutcome:
    """Wait until the Job completes or fails (its own deadline fails it from the cluster's side)."""
    outcome: list[JobOutcome] = []

    def check(obj: dict[str, Any] | None) -> tuple[bool, str]:
        if obj is None:
            return False, "it does not exist"
        conditions = _conditions(obj)
        for kind in ("Failed", "FailureTarget"):
            cond = conditions.get(kind)
            if cond and cond.get("status") == "True":
                outcome.append(
                    JobOutcome(False, f"{cond.get('reason') or kind}: {cond.get('message') or ''}".strip())
                )
                return True, ""
        complete = conditions.get("Complete")
        if (complete and complete.get("status") == "True") or int(
            (obj.get("status") or {}).get("succeeded", 0)
        ) > 0:
            outcome.append(JobOutcome(True, "complete"))
            return True, ""
        active = int((obj.get("status") or {}).get("active", 0))
        return False, f"{active} pod(s) running" if active else "no pod running yet"

    done, detail = _poll(api, ref, timeout, poll, check)
    if not done:
        raise JobTimeout(f"{ref.describe()} did not finish within {timeout:g}s: {detail}")
    return outcome[-1]


def job_logs(api: KubeApi, namespace: str, job: str) -> list[JobLog]:
    """The log of every container (init containers first) of every pod the Job made."""
    pods = api.list("v1", "Pod", namespace, f"{JOB_NAME_LABEL}={job}")
    pods.sort(key=lambda p: str((p.get("metadata") or {}).get("creationTimestamp", "")))
    logs: list[JobLog] = []
    for pod in pods:
        name = str((pod.get("metadata") or {}).get("name"))
        spec = pod.get("spec") or {}
        for container in [*(spec.get("initContainers") or []), *(spec.get("containers") or [])]:
            cname = str(container.get("name"))
            logs.append(JobLog(name, cname, api.pod_log(namespace, name, cname)))
    return logs
