"""The Kubernetes steps against a fake API server over HTTP: apply and delete, Secrets filled at run
time, waiting for rollouts and Jobs with deadlines, Job logs copied into the task log, health checks
from inside the cluster, and each step's inverse."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from _k8s_fake import job_ok
from _k8s_harness import Cluster

from aegir.backends.kubernetes import JobFailed, JobTimeout, ObjectRef, RolloutFailed, RolloutTimeout
from aegir.backends.kubernetes._steps import (
    STEPS,
    ApplyObjects,
    ApplySecret,
    CheckHealth,
    DeleteObjects,
    OnRollback,
    RequireAbsent,
    RunJob,
    WaitRollout,
)
from aegir.core.errors import ConflictError, HealthCheckFailed
from aegir.core.plugins import Plugins
from aegir.core.steps import Step

NS = "aegir-a"
CM = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": NS}, "data": {"a": "1"}}
DEP = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web-blue", "namespace": NS},
    "spec": {"replicas": 2},
}


def job(name: str = "task", containers: tuple[str, ...] = ("first", "second")) -> dict[str, Any]:
    spec: dict[str, Any] = {"containers": [{"name": containers[-1]}]}
    if len(containers) > 1:
        spec["initContainers"] = [{"name": n} for n in containers[:-1]]
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": name, "namespace": NS},
        "spec": {"template": {"metadata": {"labels": {"app": "t"}}, "spec": spec}},
    }


def test_apply_objects_and_its_inverses(cluster: Cluster) -> None:
    step = ApplyObjects("k8s", (CM, DEP))
    step.run(cluster.ctx)
    assert cluster.fake.find("ConfigMap", "c", NS) is not None
    assert "applied ConfigMap aegir-a/c" in cluster.ctx.text
    undo = step.inverse()
    assert isinstance(undo, DeleteObjects) and [r.kind for r in undo.refs] == ["Deployment", "ConfigMap"]
    undo.run(cluster.ctx)
    undo.run(cluster.ctx)  # idempotent
    assert cluster.fake.find("ConfigMap", "c", NS) is None
    switched = {**CM, "data": {"a": "2"}}
    switch = ApplyObjects("k8s", (switched,), previous=(CM,), new=False)
    switch.run(cluster.ctx)
    back = switch.inverse()
    assert isinstance(back, ApplyObjects)
    back.run(cluster.ctx)
    assert cluster.fake.find("ConfigMap", "c", NS)["data"] == {"a": "1"}  # type: ignore[index]
    assert ApplyObjects("k8s", (CM,), new=False).inverse() is None


def test_apply_secret_fills_values_at_run_time_and_never_logs_them(cluster: Cluster) -> None:
    password = cluster.secrets.ensure("site/a.example.org/db", 24)
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "secrets", "namespace": NS},
        "type": "Opaque",
    }
    step = ApplySecret("k8s", secret, {"AEGIR_SECRET_DB": "{{secret:site/a.example.org/db}}", "plain": "x"})
    assert password not in repr(step)
    step.run(cluster.ctx)
    stored = cluster.fake.find("Secret", "secrets", NS)
    assert stored is not None
    assert base64.b64decode(stored["data"]["AEGIR_SECRET_DB"]).decode() == password
    assert password not in cluster.ctx.text and "AEGIR_SECRET_DB" in cluster.ctx.text
    assert isinstance(step.inverse(), DeleteObjects)


def test_delete_waits_until_gone_and_says_what_holds_it(cluster: Cluster) -> None:
    ApplyObjects("k8s", (CM,)).run(cluster.ctx)
    DeleteObjects("k8s", (ObjectRef.of(CM),)).run(cluster.ctx)
    assert cluster.fake.find("ConfigMap", "c", NS) is None
    assert "deleted ConfigMap aegir-a/c" in cluster.ctx.text
    # an object that stays (a finalizer holds it): the DELETE is accepted but it is still there
    ApplyObjects("k8s", (CM,)).run(cluster.ctx)
    import kmock

    cluster.fake[kmock.method.DELETE, "/api/v1/namespaces/aegir-a/configmaps/c"] << {"kind": "ConfigMap"}
    with pytest.raises(
        Exception, match=r"ConfigMap aegir-a/c still exist 1s after being deleted .*finalizer"
    ):
        DeleteObjects("k8s", (ObjectRef.of(CM),)).run(cluster.ctx)


def test_wait_rollout_ready_not_ready_and_failed(cluster: Cluster) -> None:
    ApplyObjects("k8s", (DEP,)).run(cluster.ctx)
    WaitRollout("k8s", ObjectRef.of(DEP)).run(cluster.ctx)
    assert "Deployment aegir-a/web-blue: 2 of 2 replicas ready" in cluster.ctx.text
    cluster.fake.rollouts_succeed = False
    ApplyObjects("k8s", ({**DEP, "spec": {"replicas": 3}},)).run(cluster.ctx)
    with pytest.raises(RolloutTimeout, match=r"did not become ready within 1s: 0 of 3 replicas ready"):
        WaitRollout("k8s", ObjectRef.of(DEP)).run(cluster.ctx)
    stored = cluster.fake.find("Deployment", "web-blue", NS)
    assert stored is not None
    stored["status"]["conditions"] = [
        {
            "type": "Progressing",
            "status": "False",
            "reason": "ProgressDeadlineExceeded",
            "message": "ImagePullBackOff",
        }
    ]
    with pytest.raises(RolloutFailed, match="cannot roll out: ImagePullBackOff"):
        WaitRollout("k8s", ObjectRef.of(DEP)).run(cluster.ctx)


def test_run_job_copies_logs_in_order_and_removes_the_job(cluster: Cluster) -> None:
    RunJob("k8s", job()).run(cluster.ctx)
    text = cluster.ctx.text
    assert text.index("task/first:\nfirst: done") < text.index("task/second:\nsecond: done")
    assert cluster.fake.find("Job", "task", NS) is None  # done and deleted
    paths = [r.url.path for r in cluster.fake]
    assert "/apis/batch/v1/namespaces/aegir-a/jobs/task" in paths
    listing = next(r for r in cluster.fake if r.url.path == "/api/v1/namespaces/aegir-a/pods")
    assert listing.params == {"labelSelector": "batch.kubernetes.io/job-name=task"}


def test_a_failed_job_raises_with_its_last_output_and_keeps_the_job(cluster: Cluster) -> None:
    cluster.fake.job_script = lambda j: (False, {"first": "ok\n", "second": "ERROR 1045: Access denied\n"})
    with pytest.raises(
        JobFailed, match=r"Job aegir-a/task failed \(BackoffLimitExceeded.*last output: ERROR 1045"
    ):
        RunJob("k8s", job()).run(cluster.ctx)
    assert "task/second:\nERROR 1045: Access denied" in cluster.ctx.text
    assert cluster.fake.find("Job", "task", NS) is not None


def test_a_job_that_never_runs_times_out_and_a_rerun_starts_afresh(cluster: Cluster) -> None:
    cluster.fake.job_script = lambda j: None
    with pytest.raises(JobTimeout, match=r"Job aegir-a/task did not finish within 1s: no pod running yet"):
        RunJob("k8s", job()).run(cluster.ctx)
    cluster.fake.job_script = job_ok
    RunJob("k8s", job()).run(cluster.ctx)  # the stale Job is deleted first, then a new one runs
    assert "/apis/batch/v1/namespaces/aegir-a/jobs/task" in cluster.fake.deleted


def test_on_rollback_runs_its_job_only_when_undone(cluster: Cluster) -> None:
    undo = RunJob("k8s", job("drop-db", ("drop",)), label="drop database x")
    step = OnRollback(undo)
    step.run(cluster.ctx)
    assert not [p for p, _, _ in cluster.fake.applied if p.endswith("/drop-db")]
    assert step.inverse() == undo
    assert step.describe() == "on rollback: drop database x"


def _page(status: int, body: str) -> Any:
    return lambda j: (True, {"http-get": f"{body}\naegir-http-status={status}\n"})


def test_check_health_reads_status_and_text_from_the_job_log(cluster: Cluster) -> None:
    step = CheckHealth("k8s", "a.example.org", job("health", ("http-get",)), expect_text="My Site")
    cluster.fake.job_script = _page(200, "<title>My Site</title>")
    step.run(cluster.ctx)
    assert "health check of a.example.org: HTTP 200" in cluster.ctx.text
    assert "<title>" not in cluster.ctx.text  # the page itself is not copied into the log
    cluster.fake.job_script = _page(200, "<title>Other</title>")
    with pytest.raises(HealthCheckFailed, match="does not contain 'My Site'"):
        step.run(cluster.ctx)
    cluster.fake.job_script = _page(502, "Bad Gateway")
    with pytest.raises(HealthCheckFailed, match="HTTP 502, expected 200"):
        step.run(cluster.ctx)
    cluster.fake.job_script = lambda j: (False, {"http-get": "curl: (6) Could not resolve host: web\n"})
    with pytest.raises(HealthCheckFailed, match=r"could not be requested.*Could not resolve host"):
        step.run(cluster.ctx)
    cluster.fake.job_script = _page(503, "maintenance")
    CheckHealth("k8s", "a.example.org", job("health", ("http-get",)), expect_status=503).run(cluster.ctx)


def test_require_absent(cluster: Cluster) -> None:
    step = RequireAbsent("k8s", ObjectRef.of(DEP), "an earlier migration left it")
    step.run(cluster.ctx)
    ApplyObjects("k8s", (DEP,)).run(cluster.ctx)
    with pytest.raises(ConflictError, match="web-blue exists already: an earlier migration left it"):
        step.run(cluster.ctx)


EXAMPLES: list[Step] = [
    ApplyObjects("k8s", (CM, DEP), previous=(CM,), new=False, label="switch"),
    ApplySecret(
        "k8s",
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": NS}},
        {"k": "{{secret:x}}"},
    ),
    DeleteObjects("k8s", (ObjectRef.of(CM), ObjectRef("v1", "Namespace", "aegir-a")), wait=False),
    WaitRollout("k8s", ObjectRef.of(DEP)),
    RunJob("k8s", job(), label="run", undo=RunJob("k8s", job("undo"))),
    OnRollback(RunJob("k8s", job("drop"))),
    CheckHealth("k8s", "a.example.org", job("h"), expect_status=503, expect_text="x"),
    RequireAbsent("k8s", ObjectRef.of(DEP), "why"),
]


def test_steps_are_registered_and_survive_the_journal() -> None:
    registry = Plugins(autoload=False).steps
    assert {cls.kind for cls in STEPS} <= set(registry.kinds())
    for step in EXAMPLES:
        data = registry.to_data(step)
        assert registry.from_data(data) == step
        import json

        assert registry.from_data(json.loads(json.dumps(data))) == step
