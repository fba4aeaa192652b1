"""How traffic reaches a site and what its pods may reach: the Ingress (TLS through cert-manager)
and NetworkPolicies that deny by default."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from aegir.backends.kubernetes._nginx import WEB_PORT
from aegir.backends.kubernetes._render_pod import COMPONENT, INSTANCE, meta
from aegir.backends.kubernetes._render_site import MAINTENANCE

if TYPE_CHECKING:
    from aegir.backends.kubernetes._options import ClusterOptions
    from aegir.backends.kubernetes._spec import SiteSpec

__all__ = ["ingress", "network_policies"]

Obj = dict[str, Any]


def ingress(spec: SiteSpec, opts: ClusterOptions) -> Obj:
    hosts = [spec.domain, *spec.aliases]
    md = meta(spec, spec.name("web"), "web")
    body: Obj = {}
    if opts["ingress_class"]:
        body["ingressClassName"] = opts["ingress_class"]
    if spec.https:
        body["tls"] = [{"hosts": hosts, "secretName": spec.name("tls")}]
        if opts["cluster_issuer"]:
            md["annotations"]["cert-manager.io/cluster-issuer"] = opts["cluster_issuer"]
    backend = {"service": {"name": spec.name("web"), "port": {"number": 80}}}
    body["rules"] = [
        {"host": host, "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": backend}]}}
        for host in hosts
    ]
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": md, "spec": body}


def _policy(spec: SiteSpec, name: str, selector: Obj, types: list[str], **rules: Any) -> Obj:
    body: Obj = {"podSelector": selector, "policyTypes": types}
    body.update(rules)
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": meta(spec, spec.name(name), "network"),
        "spec": body,
    }


def _db_peer(opts: ClusterOptions) -> list[Obj] | None:
    if opts.managed_db:
        return [
            {
                "namespaceSelector": {
                    "matchLabels": {"kubernetes.io/metadata.name": opts["system_namespace"]}
                },
                "podSelector": {"matchLabels": {"app.kubernetes.io/name": "mariadb"}},
            }
        ]
    try:
        address = ipaddress.ip_address(opts["db_host"])
    except ValueError:
        return None  # a host name: NetworkPolicy cannot name it, so the port alone is allowed
    return [{"ipBlock": {"cidr": f"{address}/{address.max_prefixlen}"}}]


def network_policies(spec: SiteSpec, opts: ClusterOptions) -> list[Obj]:
    """Deny by default; let the ingress controller (and health Jobs) reach web pods, and the site's
    pods reach DNS and the database; Jobs may also reach the web pods and the backup store."""
    site = {"matchLabels": {INSTANCE: spec.slug}}
    served = {
        "matchLabels": {INSTANCE: spec.slug},
        "matchExpressions": [{"key": COMPONENT, "operator": "In", "values": ["web", MAINTENANCE]}],
    }
    jobs = {"matchLabels": {INSTANCE: spec.slug, COMPONENT: "job"}}
    web_port = [{"port": WEB_PORT, "protocol": "TCP"}]
    ingress_from = [
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": opts["ingress_namespace"]}}},
        {"podSelector": jobs},
    ]
    dns = {
        "to": [{"namespaceSelector": {}, "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
        "ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}],
    }
    db_rule: Obj = {"ports": [{"port": opts["db_port"], "protocol": "TCP"}]}
    peer = _db_peer(opts)
    if peer is not None:
        db_rule = {"to": peer, **db_rule}
    job_egress: list[Obj] = [{"to": [{"podSelector": served}], "ports": web_port}]
    if opts["backup_store"] == "s3":
        job_egress.append({"ports": [{"port": 443, "protocol": "TCP"}, {"port": 80, "protocol": "TCP"}]})
    return [
        _policy(spec, "deny-all", site, ["Ingress", "Egress"]),
        _policy(spec, "allow-web", served, ["Ingress"], ingress=[{"from": ingress_from, "ports": web_port}]),
        _policy(spec, "allow-dns-db", site, ["Egress"], egress=[dns, db_rule]),
        _policy(spec, "allow-jobs", jobs, ["Egress"], egress=job_egress),
    ]
