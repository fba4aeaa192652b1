"""Render the Kubernetes manifests of 10,000 sites and compare with plain YAML dumping of the same objects.

    .venv/bin/python benchmarks/render.py [--sites N]

For each site Aegir does what ``aegir site manifests`` does: build the site's spec (the real
WordPress, Drupal and Grav drivers write its settings), render every object, and write YAML. The
floor, measured in the same run on the very same objects (prebuilt as dicts), is plain
``yaml.safe_dump``; the ratio is Aegir's time over the floor (goal: within 2x). A second floor with
the C emitter that Aegir itself uses shows what the rendering adds on top of the emitter.

Needs Debian's WordPress (/usr/share/wordpress) and the shared fixtures (../shared/fixtures/realdata).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import yaml

from aegir.backends.kubernetes._options import ClusterOptions
from aegir.backends.kubernetes._render import site_manifests
from aegir.backends.kubernetes._spec import build_spec
from aegir.backends.kubernetes._yaml import dump_all
from aegir.core.app import AppDriver, SiteContext
from aegir.core.model import Codebase, Site, SiteStatus
from aegir.core.plugins import Plugins
from aegir.core.scan import scan_codebase

REPO = Path(__file__).resolve().parents[1]
REALDATA = REPO / ".." / "shared" / "fixtures" / "realdata"
TREES = {
    "wordpress": Path("/usr/share/wordpress"),
    "drupal": REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4",
    "grav": REALDATA / "grav" / "grav-1.7.53.2-getgrav-core",
}
BATCH = 500


def codebases(plugins: Plugins) -> list[tuple[Codebase, AppDriver]]:
    out = []
    for name, tree in TREES.items():
        if not tree.is_dir():
            sys.exit(
                f"missing {tree}: install Debian's wordpress package and check out ../shared beside the repo"
            )
        scan = scan_codebase(tree.resolve(), plugins)
        if name == "grav":  # the fixture keeps system/ only; installs are not planned here
            scan = attrs.evolve(scan, facts={**scan.facts, "user_dir": "user"})
        image = f"registry.example.org/{name}:1"
        cb = Codebase(
            name=name, app=scan.app, root=str(tree.resolve()), docroot=scan.docroot, image=image, scan=scan
        )
        out.append((cb, plugins.driver(scan.app)))
    return out


def context(i: int, cb: Codebase, driver: AppDriver) -> SiteContext:
    domain = f"site-{i}.example.org"
    db = f"s_site_{i}" if driver.uses_database else None
    site = Site(
        domain=domain,
        codebase=cb.name,
        server="k8s",
        db_server="k8s" if db else None,
        status=SiteStatus.ENABLED,
        title=f"Site {i}",
        db_name=db,
        db_user=db,
        https=i % 3 == 0,
        options={"kubernetes.replicas": "2"} if i % 5 == 0 else {},
    )
    site_dir = f"/var/aegir/sites/{domain}"
    if cb.app == "drupal":
        site_dir = f"{cb.root}/{cb.docroot}/sites/{domain}"
    return SiteContext(
        site=site,
        codebase=cb,
        codebase_root=cb.root,
        docroot=f"{cb.root}/{cb.docroot}".rstrip("/."),
        site_dir=site_dir,
        files_dir=f"{site_dir}/files",
        private_dir=f"{site_dir}/private",
        url=f"{'https' if site.https else 'http'}://{domain}/",
        server="k8s",
        db_server=site.db_server,
        db_name=db,
        db_user=db,
        db_password_secret=f"site/{domain}/db" if db else None,
        admin_password_secret=f"site/{domain}/admin",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=10_000)
    args = parser.parse_args()
    plugins = Plugins(autoload=False)
    pairs = codebases(plugins)
    opts = ClusterOptions.parse("k8s", {"cluster_issuer": "letsencrypt"})
    contexts = [context(i, *pairs[i % len(pairs)]) for i in range(args.sites)]

    render_s = aegir_s = plain_s = c_s = 0.0
    objects = chars = 0
    per_site: list[float] = []
    for start in range(0, len(contexts), BATCH):
        batch = contexts[start : start + BATCH]
        built: list[list[dict[str, Any]]] = []
        t0 = time.perf_counter()
        for ctx in batch:
            s0 = time.perf_counter()
            spec, _ = build_spec(ctx, plugins.driver(ctx.codebase.app), opts)
            objs = site_manifests(spec, opts)
            r1 = time.perf_counter()
            text = dump_all(objs)
            per_site.append(time.perf_counter() - s0)
            render_s += r1 - s0
            built.append(objs)
            chars += len(text)
        aegir_s += time.perf_counter() - t0
        objects += sum(len(o) for o in built)
        # the floors: the same objects, already dicts, only dumped
        t0 = time.perf_counter()
        for objs in built:
            yaml.safe_dump_all(objs, sort_keys=False)
        plain_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        for objs in built:
            yaml.dump_all(objs, Dumper=yaml.CSafeDumper, sort_keys=False)
        c_s += time.perf_counter() - t0

    n = len(contexts)
    ms = 1000.0 / n
    print(f"sites: {n} (WordPress, Drupal and Grav with the real drivers; one namespace per site)")
    print(f"objects: {objects} ({objects / n:.1f} per site), YAML: {chars / n / 1024:.1f} KiB per site")
    print(
        f"aegir (spec + render + YAML):          {aegir_s * ms:7.3f} ms/site  (median {statistics.median(per_site) * 1000:.3f})"
    )
    print(f"  of which building and rendering:    {render_s * ms:7.3f} ms/site")
    print(f"plain yaml.safe_dump, same objects:    {plain_s * ms:7.3f} ms/site")
    print(f"yaml.dump with the C emitter (floor):  {c_s * ms:7.3f} ms/site")
    print(f"ratio aegir / plain yaml.safe_dump:    {aegir_s / plain_s:7.2f}  (goal: at most 2.0)")
    print(f"ratio aegir / C-emitter dump:          {aegir_s / c_s:7.2f}")


if __name__ == "__main__":
    main()
