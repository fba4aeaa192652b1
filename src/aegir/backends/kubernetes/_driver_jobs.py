"""A driver's steps (install, update, domain fix-ups) as one Job in the codebase image.

Drivers return core steps meant for a host (``RunCommand``, ``MakeDir``, ``WriteFile``...); here
each becomes one container of a Job that sees the site exactly as its web pod does (files volume,
settings, secrets as environment variables). Text that may hold ``{{secret:NAME}}`` placeholders
(a command's stdin, a file's content) goes into a Secret filled in at apply time, never into the Job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes._render_jobs import php_job, tool
from aegir.backends.kubernetes._render_pod import meta
from aegir.backends.kubernetes._render_site import VALUES_NOTE
from aegir.core.errors import ValidationError
from aegir.core.steps import CopyTree, MakeDir, RemovePath, RunCommand, WriteFile

if TYPE_CHECKING:
    from collections.abc import Sequence

    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec
    from aegir.core.steps import Step

__all__ = ["INPUT_DIR", "STDIN_WRAPPER", "driver_job"]

Obj = dict[str, Any]
INPUT_DIR = "/aegir/input"
#: the one fixed shell line Aegir uses: it only redirects stdin from a file; the command and its
#: arguments are passed as positional parameters, never interpolated into the script
STDIN_WRAPPER = 'exec "$@" < "$AEGIR_STDIN"'


def _containers(
    spec: SiteSpec, opts: ClusterOptions, index: int, step: Step, inputs: dict[str, str]
) -> list[Obj]:
    image, ro = spec.image, bool(opts["read_only_root"])
    name = f"step-{index + 1}"
    input_mount = [{"name": "input", "mountPath": INPUT_DIR, "readOnly": True}]
    if isinstance(step, RunCommand):
        env: list[Obj] = [{"name": k, "value": v} for k, v in step.env.items()]
        env += [
            {
                "name": k,
                "valueFrom": {"secretKeyRef": {"name": spec.name("secrets"), "key": spec.secret_key(v)}},
            }
            for k, v in step.secret_env.items()
        ]
        argv = list(step.argv)
        mounts: list[Obj] = []
        if step.stdin is not None:
            key = f"stdin-{index + 1}"
            inputs[key] = step.stdin
            argv = ["sh", "-c", STDIN_WRAPPER, "aegir-stdin", *argv]
            env.append({"name": "AEGIR_STDIN", "value": f"{INPUT_DIR}/{key}"})
            mounts = input_mount
        return [tool(name, image, argv, opts, env=env, mounts=mounts, workdir=step.cwd, read_only=ro)]
    if isinstance(step, MakeDir):
        return [
            tool(name, image, ["mkdir", "-p", step.path], opts, read_only=ro),
            tool(name + "-mode", image, ["chmod", f"{step.mode:o}", step.path], opts, read_only=ro),
        ]
    if isinstance(step, WriteFile):
        key = f"file-{index + 1}"
        inputs[key] = step.content
        return [
            tool(
                name, image, ["cp", f"{INPUT_DIR}/{key}", step.path], opts, mounts=input_mount, read_only=ro
            ),
            tool(name + "-mode", image, ["chmod", f"{step.mode:o}", step.path], opts, read_only=ro),
        ]
    if isinstance(step, CopyTree):
        flag = "-RL" if step.follow_links else "-RP"
        return [tool(name, image, ["cp", flag, step.source, step.dest], opts, read_only=ro)]
    if isinstance(step, RemovePath):
        return [tool(name, image, ["rm", "-rf", "--", step.path], opts, read_only=ro)]
    raise ValidationError(
        f"site {spec.domain!r}: the {spec.app} driver's step {step.kind!r} ({step.describe()}) "
        "cannot run in a Kubernetes Job"
    )


def driver_job(
    spec: SiteSpec, opts: ClusterOptions, name: str, steps: Sequence[Step]
) -> tuple[Obj | None, dict[str, str], Obj]:
    """The input Secret (None if no step needs one) with its value templates, and the Job."""
    job_name = spec.name(name)
    inputs: dict[str, str] = {}
    containers: list[Obj] = []
    for index, step in enumerate(steps):
        containers += _containers(spec, opts, index, step, inputs)
    secret: Obj | None = None
    volumes: list[Obj] = []
    if inputs:
        secret_name = spec.name(f"{name}-input")
        md = meta(spec, secret_name, "job")
        md["annotations"]["aegir.io/values"] = VALUES_NOTE
        secret = {"apiVersion": "v1", "kind": "Secret", "metadata": md, "type": "Opaque"}
        volumes.append({"name": "input", "secret": {"secretName": secret_name, "defaultMode": 0o440}})
    return secret, inputs, php_job(spec, opts, job_name, containers, volumes)
