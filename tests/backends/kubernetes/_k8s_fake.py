"""A fake Kubernetes API server over real HTTP, built on kmock, run in a thread for sync clients.

It keeps objects in memory and answers what Aegir's API wrapper asks: server-side apply (PATCH with
``application/apply-patch+yaml``), get, list with label selectors, delete, pod logs, ``/version``.
Two stand-in controllers make it useful for whole plans: a Deployment becomes ready when applied
(unless told otherwise), and a Job gets one pod whose containers "ran" with logs the test chose.
Tests inject failures with kmock's own reactions, which take priority over these handlers, e.g.
``fake.cluster[kmock.method.PATCH, re.compile(".*/deployments/.*")] << kmock.KubernetesError(409)``.
"""

from __future__ import annotations

import asyncio
import copy
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import kmock

Obj = dict[str, Any]
JobScript = Callable[[Obj], "tuple[bool, dict[str, str]] | None"]
_LOG = re.compile(r"^/api/v1/namespaces/([^/]+)/pods/([^/]+)/log$")
_NS_PREFIX = re.compile(r"^/api/v1/namespaces/([^/]+)$")
PLURALS = {
    "namespaces",
    "serviceaccounts",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services",
    "pods",
    "deployments",
    "statefulsets",
    "jobs",
    "cronjobs",
    "ingresses",
    "networkpolicies",
    "poddisruptionbudgets",
}


def _is_collection(path: str) -> bool:
    """``/api/v1/namespaces/ns/secrets`` lists; ``.../secrets/secrets`` is an object named secrets."""
    parts = path.strip("/").split("/")
    rest = parts[2:] if parts[0] == "api" else parts[3:]
    if rest[:1] == ["namespaces"] and len(rest) >= 3:
        rest = rest[2:]
    return len(rest) == 1 and rest[0] in PLURALS


def _selector_matches(selector: str, labels: dict[str, str]) -> bool:
    for term in filter(None, selector.split(",")):
        key, _, value = term.partition("=")
        if labels.get(key) != value:
            return False
    return True


def job_ok(job: Obj) -> tuple[bool, dict[str, str]]:
    """The default Job outcome: every container succeeds and says so."""
    spec = job["spec"]["template"]["spec"]
    names = [c["name"] for c in [*spec.get("initContainers", []), *spec["containers"]]]
    return True, {n: f"{n}: done\n" for n in names}


@attrs.define(kw_only=True)
class FakeCluster(kmock.KubernetesScaffold):
    """The in-memory API server (see the module docstring)."""

    objects: dict[str, Obj] = attrs.field(factory=dict)
    logs: dict[tuple[str, str, str], str] = attrs.field(factory=dict)
    #: decides each Job's outcome and container logs (None: the Job never runs)
    job_script: JobScript = job_ok
    #: whether applied Deployments (and StatefulSets) become ready
    rollouts_succeed: bool = True
    applied: list[tuple[str, Obj, dict[str, str]]] = attrs.field(factory=list)
    deleted: list[str] = attrs.field(factory=list)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        handlers = self**-1
        handlers["patch"] << self._apply
        handlers["get"] << self._get
        handlers["delete"] << self._delete

    # -- helpers for tests -------------------------------------------------------------------------
    def find(self, kind: str, name: str, namespace: str | None = None) -> Obj | None:
        for obj in self.objects.values():
            md = obj.get("metadata", {})
            if obj.get("kind") == kind and md.get("name") == name and md.get("namespace") == namespace:
                return obj
        return None

    def kinds(self) -> list[str]:
        return sorted(
            f"{o['kind']}/{o['metadata'].get('namespace') or '-'}/{o['metadata']['name']}"
            for o in self.objects.values()
        )

    def run_cronjob(self, namespace: str, cronjob: str, job: str, scheduled: str) -> Obj:
        """What the CronJob controller does at ``scheduled`` (RFC 3339): a Job named ``job`` from the
        CronJob's template, owned by it; then the Job runs as any other (see ``job_script``)."""
        cron = self.find("CronJob", cronjob, namespace)
        if cron is None:
            raise KeyError(f"no CronJob {namespace}/{cronjob}")
        template = copy.deepcopy(cron["spec"]["jobTemplate"])
        obj: Obj = {
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": {
                "name": job,
                "namespace": namespace,
                "labels": template.get("metadata", {}).get("labels", {}),
                "annotations": {"batch.kubernetes.io/cronjob-scheduled-timestamp": scheduled},
                "ownerReferences": [
                    {
                        "apiVersion": "batch/v1",
                        "kind": "CronJob",
                        "name": cronjob,
                        "uid": cron["metadata"]["uid"],
                        "controller": True,
                        "blockOwnerDeletion": True,
                    }
                ],
                "uid": f"uid-cron-{job}",
                "creationTimestamp": scheduled,
            },
            "spec": template["spec"],
        }
        path = f"/apis/batch/v1/namespaces/{namespace}/jobs/{job}"
        self.objects[path] = obj
        self._job_controller(path, obj)
        if "status" in obj and obj["status"].get("succeeded"):
            obj["status"].update(startTime=scheduled, completionTime=scheduled)
        return obj

    # -- handlers ----------------------------------------------------------------------------------
    async def _apply(self, request: kmock.Request) -> Any:
        path = request.url.path
        if request.headers.get("Content-Type") != "application/apply-patch+yaml":
            return kmock.Response(
                status=415, payload={"kind": "Status", "code": 415, "message": "apply only"}
            )
        body = copy.deepcopy(request.data)
        self.applied.append((path, body, dict(request.params)))
        existing = self.objects.get(path)
        md = body.setdefault("metadata", {})
        if existing is None:
            md.update(uid=f"uid-{len(self.applied)}", generation=1, resourceVersion=str(len(self.applied)))
            created = True
        else:
            old_md = existing["metadata"]
            changed = body.get("spec") != existing.get("spec")
            md.update(
                uid=old_md["uid"],
                generation=old_md["generation"] + (1 if changed else 0),
                resourceVersion=str(len(self.applied)),
            )
            if "status" in existing:
                body["status"] = existing["status"]
            created = False
        self.objects[path] = body
        if body.get("kind") in ("Deployment", "StatefulSet"):
            self._deployment_controller(body)
        elif body.get("kind") == "Job" and created:
            self._job_controller(path, body)
        return kmock.Response(status=201 if created else 200, payload=body)

    def _deployment_controller(self, dep: Obj) -> None:
        want = dep["spec"].get("replicas", 1)
        generation = dep["metadata"]["generation"]
        if self.rollouts_succeed:
            dep["status"] = {
                "observedGeneration": generation,
                "replicas": want,
                "updatedReplicas": want,
                "readyReplicas": want,
                "availableReplicas": want,
            }
        else:
            dep["status"] = {"observedGeneration": generation, "replicas": want, "updatedReplicas": want}

    def _job_controller(self, path: str, job: Obj) -> None:
        ns, name = job["metadata"]["namespace"], job["metadata"]["name"]
        outcome = self.job_script(job)
        if outcome is None:  # the Job never gets to run (no node, image pull failing...)
            return
        ok, logs = outcome
        pod_name = f"{name}-x7k2p"
        template = job["spec"]["template"]
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": pod_name,
                "namespace": ns,
                "labels": {**template["metadata"].get("labels", {}), "batch.kubernetes.io/job-name": name},
                "creationTimestamp": "2025-06-01T12:00:00Z",
            },
            "spec": copy.deepcopy(template["spec"]),
        }
        self.objects[f"/api/v1/namespaces/{ns}/pods/{pod_name}"] = pod
        for container, text in logs.items():
            self.logs[(ns, pod_name, container)] = text
        kind = "Complete" if ok else "Failed"
        job["status"] = {
            "succeeded" if ok else "failed": 1,
            "conditions": [
                {
                    "type": kind,
                    "status": "True",
                    "reason": "Done" if ok else "BackoffLimitExceeded",
                    "message": "" if ok else "Job has reached the specified backoff limit",
                }
            ],
        }

    async def _get(self, request: kmock.Request) -> Any:
        path = request.url.path
        if path == "/version":
            return {"major": "1", "minor": "31", "gitVersion": "v1.31.0-fake"}
        log = _LOG.match(path)
        if log:
            key = (log.group(1), log.group(2), request.params.get("container", ""))
            if key not in self.logs:
                raise kmock.KubernetesError(
                    status=400, reason="BadRequest", message="container is waiting to start"
                )
            return self.logs[key].encode()
        if path in self.objects:
            return self.objects[path]
        if _is_collection(path):
            prefix = path + "/"
            selector = request.params.get("labelSelector", "")
            items = [
                o
                for p, o in self.objects.items()
                if p.startswith(prefix)
                and "/" not in p[len(prefix) :]
                and _selector_matches(selector, o["metadata"].get("labels", {}))
            ]
            return {"kind": "List", "apiVersion": "v1", "metadata": {}, "items": items}
        raise kmock.KubernetesObjectNotFoundError()

    async def _delete(self, request: kmock.Request) -> Any:
        path = request.url.path
        obj = self.objects.pop(path, None)
        if obj is None:
            raise kmock.KubernetesObjectNotFoundError()
        self.deleted.append(path)
        ns = _NS_PREFIX.match(path)
        if ns:  # a namespace takes everything in it
            inner = f"/namespaces/{ns.group(1)}/"
            for p in [p for p in self.objects if inner in p]:
                del self.objects[p]
        if obj.get("kind") == "Job":
            name, namespace = obj["metadata"]["name"], obj["metadata"]["namespace"]
            for p, o in list(self.objects.items()):
                if (
                    o.get("kind") == "Pod"
                    and o["metadata"]["labels"].get("batch.kubernetes.io/job-name") == name
                    and o["metadata"]["namespace"] == namespace
                ):
                    del self.objects[p]
        return obj


class Running:
    """A FakeCluster served on 127.0.0.1 by kmock, in a thread with its own event loop."""

    def __init__(self, cluster: FakeCluster) -> None:
        self.cluster = cluster
        self.url = ""
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name="fake-kube-api", daemon=True)

    def _main(self) -> None:
        async def serve() -> None:
            self._stop = asyncio.Event()
            async with self.cluster, kmock.Server(self.cluster) as server:
                self.url = str(server.url).rstrip("/")
                self._ready.set()
                await self._stop.wait()

        self._loop = asyncio.new_event_loop()
        try:
            self._loop.run_until_complete(serve())
        except BaseException as e:  # surfaced to the test in stop()
            self._error = e
            self._ready.set()
        finally:
            self._loop.close()

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10) or self._error is not None:
            raise RuntimeError(f"the fake API server did not start: {self._error!r}")

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        if self._error is not None:
            raise self._error


@contextmanager
def running(cluster: FakeCluster) -> Iterator[Running]:
    server = Running(cluster)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def kubeconfig(url: str, token: str = "fake-token") -> str:  # noqa: S107 - a test token
    """A kubeconfig whose context ``fake`` points at ``url`` with a bearer token."""
    return (
        "apiVersion: v1\nkind: Config\ncurrent-context: fake\n"
        f"clusters:\n- name: fake\n  cluster:\n    server: {url}\n"
        "users:\n- name: tester\n  user:\n    token: " + token + "\n"
        "contexts:\n- name: fake\n  context:\n    cluster: fake\n    user: tester\n"
    )
