"""Issue 9 fidelity funnel: translate a directory of checked-out repositories, count what survives."""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(os.environ.get("CORPUS_BENCH_DIR") or Path(__file__).resolve().parent)
USAGE = """\
python bench/corpus.py DIR [--target gke] [--json FILE] [--keep OUT] [--jobs N] [--only NAME]
                         [--rev REV]

DIR holds one checked-out repository per folder (bench/corpus_repos.txt lists the public
corpus of ../shared/reference/ovh-inputs.md section 5 with the commits measured).  For each
repository: every Terraform root with OVH content is translated to --target (GKE, EKS, Scaleway or AKS) in a
subprocess (with a timeout) and its output checked (provider schema, the cloud's naming rules,
dangling references); the whole repository is translated to Kubernetes (k8s target) for its
AI workloads.  A measuring tool, not a test: nothing here runs in CI.  --rev measures a commit of this repository (its
compiler/, targets/ and grammars/ extracted to a temporary package) instead of the working tree.
"""

SKIP_DIRS = {".git", ".terraform", "node_modules", "vendor", "vendors", "third_party",
             "third-party", ".venv", "venv", "__pycache__"}
TF_SUFFIXES = (".tf.json", ".tf")
AI_TEXT_SUFFIXES = (".md", ".sh", ".txt", ".yaml", ".yml", ".ipynb", ".py")
BODY_SUFFIXES = (".json", ".yaml", ".yml")
WORKLOAD_KINDS = ("Deployment", "Job", "StatefulSet", "CronJob")
TF_TIMEOUT = 120
AI_TIMEOUT = 600

_OVH_BLOCK = re.compile(r'^[ \t]*(resource|data)[ \t]+"(ovh_[A-Za-z0-9_]+)"[ \t]+"([^"]+)"', re.M)
_OVH_PROVIDER = re.compile(r'^[ \t]*provider[ \t]+"ovh"|source[ \t]*=[ \t]*"ovh/ovh"', re.M)
_OPENSTACK_RES = re.compile(r'^[ \t]*(resource|data)[ \t]+"openstack_', re.M)
_OVH_AUTH = re.compile(r"auth\.cloud\.ovh\.(net|us|ca)|auth_url[^\n]*ovh", re.I)
_S3_BUCKET = re.compile(r'^[ \t]*resource[ \t]+"aws_s3_bucket', re.M)
_OVH_S3 = re.compile(r"\.io\.cloud\.ovh\.(net|us)|s3\.[a-z0-9-]+\.cloud\.ovh|\.perf\.cloud\.ovh",
                     re.I)
_AI_CMD = re.compile(r"\bovhai[ \t]+(app|job|notebook)[ \t]+run\b")
# Container arguments starting with an `ovhai ... run` option: flags written after the image.
_OVHAI_FLAG = re.compile(r"^(-[gcfvnlpeo]|--(name|gpu|cpu|flavor|volume|env|label|token|"
                         r"default-http-port|unsecure-http|replicas|auto-[a-z-]+|probe-[a-z]+|"
                         r"output|ssh-public-keys|timeout|read-user|partner|framework))\b")
_JSON_MODULE_SRC = re.compile(r'"source"\s*:\s*"(\.\.?/[^"]*)"')

RFC1035 = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
# type -> [(attribute path, regex, min length, max length)]; a path step "x/" is a nested block.
NAME_RULES: dict[str, list[tuple[str, re.Pattern[str], int, int]]] = {
    **{t: [("name", RFC1035, 1, 63)] for t in (
        "google_compute_network", "google_compute_subnetwork", "google_compute_router",
        "google_compute_router_nat", "google_compute_instance", "google_compute_disk",
        "google_container_node_pool")},
    "google_container_cluster": [("name", RFC1035, 1, 40), ("node_pool/name", RFC1035, 1, 63)],
    "google_storage_bucket": [("name", re.compile(r"^[a-z0-9][a-z0-9._-]*[a-z0-9]$"), 3, 63)],
    "google_service_account": [("account_id", re.compile(r"^[a-z][-a-z0-9]*[a-z0-9]$"), 6, 30)],
    "google_artifact_registry_repository": [
        ("repository_id", re.compile(r"^[a-z][a-z0-9-]*[a-z0-9]$"), 1, 63)],
    "google_sql_database_instance": [("name", re.compile(r"^[a-z][a-z0-9-]*$"), 1, 98)],
}
NAME_RULES["google_compute_subnetwork"].append(("secondary_ip_range/range_name", RFC1035, 1, 63))
# AWS (the EKS target), from each service's API reference, independent of targets/eks/naming.json.
_RDS_ID = re.compile(r"^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$|^[a-z]$")
NAME_RULES.update({
    "aws_s3_bucket": [("bucket", re.compile(r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"), 3, 63)],
    "aws_eks_cluster": [("name", re.compile(r"^[0-9A-Za-z][A-Za-z0-9_-]*$"), 1, 100)],
    "aws_eks_node_group": [("node_group_name", re.compile(r"^[0-9A-Za-z][A-Za-z0-9_-]*$"), 1, 63)],
    "aws_ecr_repository": [("name", re.compile(
        r"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$"), 2, 256)],
    "aws_iam_user": [("name", re.compile(r"^[\w+=,.@-]+$"), 1, 64)],
    "aws_iam_role": [("name", re.compile(r"^[\w+=,.@-]+$"), 1, 64)],
    "aws_db_instance": [("identifier", _RDS_ID, 1, 63)],
    "aws_docdb_cluster": [("cluster_identifier", _RDS_ID, 1, 63)],
    "aws_elasticache_replication_group": [("replication_group_id", _RDS_ID, 1, 40)],
    "aws_msk_cluster": [("cluster_name", re.compile(r"^[0-9A-Za-z][A-Za-z0-9-]*$"), 1, 64)],
    "aws_opensearch_domain": [("domain_name", re.compile(r"^[a-z][a-z0-9-]*$"), 3, 28)],
    "aws_db_subnet_group": [("name", re.compile(r"^[a-z0-9 ._-]+$"), 1, 255)],
})
# Scaleway, independent of targets/scaleway/naming.json: the bucket rule of Scaleway's FAQ (S3's
# 3-63), the rdb database rule the provider validates ([A-Za-z0-9_$-], 1-63);
# Kapsule cluster and pool names are DNS labels (they name nodes and node labels).
_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
NAME_RULES.update({
    "scaleway_object_bucket": [("name", re.compile(r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"), 3, 63)],
    "scaleway_rdb_database": [("name", re.compile(r"^[A-Za-z0-9_$-]+$"), 1, 63)],
    "scaleway_k8s_cluster": [("name", _DNS_LABEL, 1, 63)],
    "scaleway_k8s_pool": [("name", _DNS_LABEL, 1, 63)],
    "scaleway_registry_namespace": [("name", _DNS_LABEL, 1, 63)],
})
# Azure (the AKS target), from Microsoft's resource-name-rules page and the azurerm provider's
# validators, written out here rather than read from targets/aks/naming.json: a judge that
# reads the translator's table would agree with it whatever the table says.
_AZ_ALNUM_HYPHEN = re.compile(r"^[A-Za-z0-9](?!.*--)([-A-Za-z0-9]*[A-Za-z0-9])?$")
_AZ_LOWER_HYPHEN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_AZ_NETWORK = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$")
_AKS_POOL = re.compile(r"^[a-z][a-z0-9]*$")  # Linux agent pools: 1-12 (KubernetesAgentPoolName)
_AZ_VM_BAD = r"\\/\"\[\]:|<>+=;,?*@&~!#$%^()_{}' "  # what a Linux computer name refuses
_AZ_LINUX_VM = re.compile(f"^[^{_AZ_VM_BAD}]*[^{_AZ_VM_BAD}.-]$")
NAME_RULES.update({
    "azurerm_resource_group": [("name", re.compile(r"^[-A-Za-z0-9_.()]*[-A-Za-z0-9_()]$"), 1, 90)],
    "azurerm_storage_account": [("name", re.compile(r"^[a-z0-9]+$"), 3, 24)],
    "azurerm_storage_container": [("name", re.compile(r"^[a-z0-9](?!.*--)([-a-z0-9]*[a-z0-9])?$"),
                                   3, 63)],
    "azurerm_storage_share": [("name", re.compile(r"^[a-z0-9](?!.*--)([-a-z0-9]*[a-z0-9])?$"),
                               3, 63)],
    "azurerm_container_registry": [("name", re.compile(r"^[A-Za-z0-9]+$"), 5, 50)],
    "azurerm_container_registry_scope_map": [("name", re.compile(r"^[A-Za-z0-9][-A-Za-z0-9]*$"),
                                              5, 50)],
    "azurerm_container_registry_token": [("name", re.compile(r"^[A-Za-z0-9][-A-Za-z0-9]*$"),
                                          5, 50)],
    "azurerm_kubernetes_cluster": [
        ("name", re.compile(r"^[A-Za-z0-9]([-_A-Za-z0-9]*[A-Za-z0-9])?$"), 1, 63),
        ("default_node_pool/name", _AKS_POOL, 1, 12)],
    "azurerm_kubernetes_cluster_node_pool": [("name", _AKS_POOL, 1, 12)],
    "azurerm_virtual_network": [("name", _AZ_NETWORK, 2, 64)],
    "azurerm_subnet": [("name", _AZ_NETWORK, 1, 80)],
    "azurerm_nat_gateway": [("name", _AZ_NETWORK, 1, 80)],
    "azurerm_public_ip": [("name", _AZ_NETWORK, 1, 80)],
    "azurerm_network_security_group": [("name", _AZ_NETWORK, 1, 80)],
    "azurerm_network_interface": [("name", _AZ_NETWORK, 1, 80)],
    "azurerm_route_table": [("name", _AZ_NETWORK, 1, 80)],
    "azurerm_lb": [("name", _AZ_NETWORK, 1, 80)],
    "azurerm_managed_disk": [("name", _AZ_NETWORK, 1, 80)],
    "azurerm_linux_virtual_machine": [("name", _AZ_LINUX_VM, 1, 64)],
    "azurerm_user_assigned_identity": [("name", re.compile(r"^[A-Za-z0-9][-A-Za-z0-9_]*$"),
                                        3, 128)],
    "azurerm_postgresql_flexible_server": [("name", _AZ_LOWER_HYPHEN, 3, 63)],
    "azurerm_mysql_flexible_server": [("name", _AZ_LOWER_HYPHEN, 3, 63)],
    "azurerm_redis_cache": [("name", _AZ_ALNUM_HYPHEN, 1, 63)],
    "azurerm_eventhub_namespace": [("name", re.compile(r"^[A-Za-z][-A-Za-z0-9]*[A-Za-z0-9]$"),
                                    6, 50)],
    "azurerm_eventhub": [("name", re.compile(r"^[A-Za-z0-9]([-._A-Za-z0-9]*[A-Za-z0-9])?$"),
                          1, 256)],
    "azurerm_key_vault": [("name", re.compile(r"^[A-Za-z](?!.*--)[-A-Za-z0-9]*[A-Za-z0-9]$"),
                           3, 24)],
    "azurerm_mongo_cluster": [("name", _AZ_LOWER_HYPHEN, 3, 40)],
})
# Names that are DNS names (<name>.blob.core.windows.net, <name>.azurecr.io...): unique in all
# of Azure, so two resources of one output with the same literal name cannot both be created.
GLOBAL_NAMES: dict[str, str] = {
    "azurerm_storage_account": "name", "azurerm_container_registry": "name",
    "azurerm_postgresql_flexible_server": "name", "azurerm_mysql_flexible_server": "name",
    "azurerm_redis_cache": "name", "azurerm_eventhub_namespace": "name",
    "azurerm_key_vault": "name", "azurerm_mongo_cluster": "name"}

_REF_RES = re.compile(r"(?<![\w.\-:/])([a-z][a-z0-9]*_[a-z0-9_]*)\.([A-Za-z_][\w-]*)")
_REF_DATA = re.compile(r"(?<![\w.\-:/])data\.([a-z][\w]*)\.([A-Za-z_][\w-]*)")
_REF_NAMED = re.compile(r"(?<![\w.\-:/])(var|local|module)\.([A-Za-z_][\w-]*)")
_PLAIN_STRING = re.compile(r'"(?:[^"\\$]|\\.|\$(?!\{))*"')
_FOR_VARS = re.compile(r"\bfor\s+([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\b")
_DYNAMIC = re.compile(r'dynamic\s+"([A-Za-z_][\w-]*)"|iterator\s*=\s*([A-Za-z_]\w*)')


# ---------------------------------------------------------------- workers (one per subprocess)

def _diag_row(d: Any) -> list[Any]:
    s = d.span
    return [d.code, d.severity.value, s.file if s else None, s.line if s else 0,
            (s.end_line or s.line) if s else 0, d.message[:240]]


def work_tf(root: str, target: str) -> dict[str, Any]:
    # One root as its own module tree: a directory is an estate since issue 12 and would also
    # take the uncalled roots below it (each of them is measured as a root of its own).
    from iac_translate.compiler import api
    from iac_translate.compiler.api import source_model, translate
    from iac_translate.compiler.diagnostics import Sink
    from iac_translate.compiler.ir import nodes as N
    one = getattr(api, "_run_one", None)
    r = one([root], target, api.TranslateOptions()) if one else translate(root, target)
    out: dict[str, Any] = {
        "files": r.files, "diags": [_diag_row(d) for d in r.diagnostics],
        "trace": [[s.file, s.line, s.end_line or s.line, a] for s, a in r.trace if s]}
    model = source_model(root, Sink())
    from iac_translate.compiler.frontends import loader
    try:  # the directory model paths are relative to (with ../ modules: their common root)
        found = loader.resolve_inputs([root], Sink(), modules=True)
    except TypeError:  # a revision before the loader read ../ modules
        found = loader.resolve_inputs([root], Sink())
    out["base"] = str(found[1]) if found else root
    out["model"] = [
        [n.mode, n.type, n.labels[-1] if n.labels else "", n.span.file, n.span.line,
         n.span.end_line or n.span.line, n.KIND]
        for m in model.modules for n in m.nodes if isinstance(n, N.Resource)]
    return out


def work_ai(repo: str) -> dict[str, Any]:
    from iac_translate.compiler.api import translate
    from iac_translate.compiler.diagnostics import Sink
    from iac_translate.compiler.frontends import ai_sources
    r = translate(repo, "k8s")
    out: dict[str, Any] = {
        "files": r.files, "diags": [_diag_row(d) for d in r.diagnostics],
        "trace": [[s.file, s.line, s.end_line or s.line, a] for s, a in r.trace if s]}
    per_file: dict[str, list[Any]] = {}
    for rel, text in sorted(ai_sources.collect([repo], Sink()).items()):
        sink = Sink()
        crashed = []
        try:
            n = len(ai_sources.read_file(rel, text, sink, {}))
        except Exception as e:  # noqa: BLE001 - measured, not fatal
            n, crashed = 0, [f"exception {e.__class__.__name__}"]
        cmds = len(ai_sources.find_commands(text))
        errs = sorted({d.code for d in sink.sorted() if d.severity.value == "error"}) + crashed
        if n or cmds or errs:
            per_file[rel] = [n, cmds, errs, _workloads(translate({rel: text}, "k8s").files)]
    out["per_file"] = per_file
    return out


def _workloads(files: dict[str, str]) -> list[list[Any]]:
    """[kind, name, image, args] of the Deployments/Jobs of one file translated alone."""
    import yaml
    out = []
    for p, text in sorted(files.items()):
        if p.startswith("exported/") or not p.endswith((".yaml", ".yml")):
            continue
        for doc in yaml.safe_load_all(text):
            if isinstance(doc, dict) and doc.get("kind") in WORKLOAD_KINDS:
                spec = doc.get("spec", {}).get("template", {}).get("spec", {})
                c = (spec.get("containers") or [{}])[0]
                out.append([doc["kind"], doc.get("metadata", {}).get("name"), c.get("image"),
                            [str(a) for a in c.get("args") or c.get("command") or []]])
    return out


def worker_main(kind: str, path: str, target: str) -> None:
    try:
        res = work_tf(path, target) if kind == "tf" else work_ai(path)
    except Exception as e:  # noqa: BLE001 - reported as a failed root
        res = {"exception": f"{e.__class__.__name__}: {e}"[:500]}
    sys.stdout.write(json.dumps(res))


def run_worker(kind: str, path: Path, target: str, timeout: int) -> dict[str, Any]:
    t0 = time.monotonic()
    try:
        p = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", kind,
                            str(path), "--target", target],
                           capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": True, "seconds": timeout}
    try:
        res = json.loads(p.stdout)
    except ValueError:
        res = {"exception": f"worker exit {p.returncode}: {p.stderr.strip()[-400:]}"}
    res["seconds"] = round(time.monotonic() - t0, 2)
    return res


# ---------------------------------------------------------------- Terraform roots of a repo

def tf_dirs(repo: Path) -> dict[Path, list[Path]]:
    """Directory -> its .tf/.tf.json files, skipping VCS, caches and vendored trees."""
    out: dict[Path, list[Path]] = {}
    for d, dirs, files in os.walk(repo):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith("."))
        tfs = sorted(Path(d) / f for f in files if f.endswith(TF_SUFFIXES))
        if tfs:
            out[Path(d)] = tfs
    return out


def read_text(p: Path) -> str:
    try:
        return p.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return ""


def module_targets(d: Path, files: list[Path], texts: dict[Path, str]) -> list[Path]:
    from iac_translate.compiler.frontends.loader import module_sources
    out = []
    for f in files:
        text = texts[f]
        srcs = _JSON_MODULE_SRC.findall(text) if f.name.endswith(".json") else \
            module_sources(text) + _own_sources(text, d)
        for s in srcs:
            s = s.split("?")[0].replace("//", "/")
            out.append(Path(posixpath.normpath(posixpath.join(d.as_posix(), s))))
    return out


def _own_sources(text: str, d: Path) -> list[str]:
    """Calls of the repository's own Git or registry address, as relative sources (none
    with a --rev older than compiler/frontends/own_remote.py)."""
    try:
        from iac_translate.compiler.frontends import own_remote
    except ImportError:
        return []
    return own_remote.sources(text, d)


def _own_local(src: str, d: Path) -> str | None:
    try:
        from iac_translate.compiler.frontends.own_remote import local_source
    except ImportError:
        return None
    return local_source(src, d)


def ovh_blocks(f: Path, text: str) -> list[tuple[str, str, str, int]]:
    """(mode, type, name, line) of ovh_* resource/data blocks in one file."""
    if f.name.endswith(".json"):
        try:
            doc = json.loads(text)
        except ValueError:
            return []
        out: list[tuple[str, str, str, int]] = []
        for key, mode in (("resource", "managed"), ("data", "data")):
            sect = doc.get(key) if isinstance(doc, dict) else None
            for part in sect if isinstance(sect, list) else [sect] if sect else []:
                for t, by_name in (part or {}).items():
                    if t.startswith("ovh_") and isinstance(by_name, dict):
                        out.extend((mode, t, n, 0) for n in by_name)
        return out
    return [("managed" if m.group(1) == "resource" else "data", m.group(2), m.group(3),
             text.count("\n", 0, m.start()) + 1) for m in _OVH_BLOCK.finditer(text)]


def is_ovh(text: str) -> bool:
    return bool(_OVH_BLOCK.search(text) or _OVH_PROVIDER.search(text)
                or (_OPENSTACK_RES.search(text) and _OVH_AUTH.search(text))
                or (_S3_BUCKET.search(text) and _OVH_S3.search(text)))


def find_roots(repo: Path) -> tuple[list[dict[str, Any]], int]:
    """OVH roots of a repo with their module closure; and the number of Terraform dirs."""
    dirs = tf_dirs(repo)
    texts = {f: read_text(f) for fs in dirs.values() for f in fs}
    calls = {d: [t for t in module_targets(d, fs, texts) if t != d] for d, fs in dirs.items()}
    called = {t for ts in calls.values() for t in ts}
    roots = []
    for d in sorted(dirs):
        if d in called:
            continue
        inside, outside, missing = [d], list[Path](), list[Path]()
        queue, seen = [(d, True)], {d}
        while queue:
            cur, readable = queue.pop(0)
            for t in calls.get(cur, []):
                if t in seen:
                    continue
                seen.add(t)
                if t not in dirs:
                    missing.append(t)
                    continue
                ok = readable and (t == d or d in t.parents)
                (inside if ok else outside).append(t)
                queue.append((t, ok))
        closure = inside + outside
        if not any(is_ovh(texts[f]) for x in closure for f in dirs[x]):
            continue
        blocks: dict[str, list[tuple[Any, ...]]] = {"inside": [], "outside": []}
        for where, group in (("inside", inside), ("outside", outside)):
            for x in group:
                for f in dirs[x]:
                    blocks[where].extend((str(f), *b) for b in ovh_blocks(f, texts[f]))
        roots.append({"dir": d, "inside": inside, "outside": outside, "missing": missing,
                      "blocks": blocks})
    return roots, len(dirs)


# ---------------------------------------------------------------- checks on emitted Terraform

def _unquote(s: str) -> str:
    return s[1:-1] if len(s) >= 2 and s[0] == s[-1] == '"' else s


def _exprs(s: str) -> list[str]:
    """Expression texts inside an hcl2 value string: `${...}` (whole) or template parts."""
    if s.startswith("${") and s.endswith("}"):
        return [s[2:-1]]
    out: list[str] = []
    i = 0
    while True:
        i = s.find("${", i)
        if i < 0:
            return out
        depth, j = 0, i + 2
        while j < len(s):
            if s[j] == "{":
                depth += 1
            elif s[j] == "}":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        out.append(s[i + 2:j])
        i = j


def _strings(v: Any) -> list[str]:
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict):
        return [s for x in v.values() for s in _strings(x)]
    if isinstance(v, list):
        return [s for x in v for s in _strings(x)]
    return []


def _bodies(doc: dict[str, Any], key: str) -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for part in doc.get(key, []) or []:
        for t, by_name in part.items():
            for n, body in (by_name or {}).items():
                out.append((_unquote(t), _unquote(n), body if isinstance(body, dict) else {}))
    return out


def _values(body: dict[str, Any], path: str) -> list[Any]:
    head, _, rest = path.partition("/")
    if not rest:
        return [body[head]] if head in body else []
    sub = body.get(head)
    subs = sub if isinstance(sub, list) else [sub] if isinstance(sub, dict) else []
    return [v for b in subs if isinstance(b, dict) for v in _values(b, rest)]


def check_names(docs: dict[str, dict[str, Any]]) -> tuple[list[str], int]:
    """Literal names breaking the target cloud's rules (messages) and the number of computed names."""
    bad, computed = [], 0
    for path, doc in sorted(docs.items()):
        for t, n, body in _bodies(doc, "resource"):
            for attr, rx, lo, hi in NAME_RULES.get(t, []):
                for v in _values(body, attr):
                    if not isinstance(v, str) or "${" in v or not v.startswith('"'):
                        computed += 1
                        continue
                    lit = _unquote(v)
                    if not (lo <= len(lit) <= hi and rx.match(lit)):
                        bad.append(f"{path}: {t}.{n}.{attr} = {lit!r}")
    bad.extend(_global_collisions(docs))
    return bad, computed


def _global_collisions(docs: dict[str, dict[str, Any]]) -> list[str]:
    """Two resources of one output whose literal names must be unique in all of the cloud."""
    seen: dict[tuple[str, str], list[str]] = {}
    for path, doc in sorted(docs.items()):
        for t, n, body in _bodies(doc, "resource"):
            attr = GLOBAL_NAMES.get(t)
            for v in _values(body, attr) if attr else []:
                if isinstance(v, str) and "${" not in v and v.startswith('"'):
                    # (Azure compares these names case-insensitively)
                    seen.setdefault((t, _unquote(v).lower()), []).append(f"{path}: {t}.{n}")
    return [f"{where[1]} has the name {name!r} of {where[0]} (globally unique)"
            for (_, name), where in sorted(seen.items()) if len(where) > 1]


def check_refs(docs: dict[str, dict[str, Any]], texts: dict[str, str]
               ) -> tuple[list[str], list[str], list[str]]:
    """Dangling references, leftover ovh_/openstack_ references, module sources without a dir."""
    by_dir: dict[str, list[str]] = {}
    for path in docs:
        by_dir.setdefault(posixpath.dirname(path), []).append(path)
    out_dirs = set(by_dir)
    dangling, leftover, bad_src = [], [], []
    for d, paths in sorted(by_dir.items()):
        res, data, named = set(), set(), set()
        locals_: set[str] = set()
        # key_provider/method: OpenTofu's `terraform { encryption { ... } }` references.
        skip: set[str] = {"each", "count", "self", "path", "terraform", "key_provider",
                          "method"}
        for p in paths:
            doc = docs[p]
            res |= {(t, n) for t, n, _ in _bodies(doc, "resource")}
            data |= {(t, n) for t, n, _ in _bodies(doc, "data")}
            for key, kind in (("variable", "var"), ("module", "module")):
                for part in doc.get(key, []) or []:
                    named |= {(kind, _unquote(n)) for n in part}
            for part in doc.get("locals", []) or []:
                locals_ |= {k for k in part if k != "__is_block__"}
            for m in _FOR_VARS.finditer(texts[p]):
                skip |= {g for g in m.groups() if g}
            for m in _DYNAMIC.finditer(texts[p]):
                skip |= {g for g in m.groups() if g}
            for part in doc.get("module", []) or []:
                for n, body in part.items():
                    src = _unquote(str(body.get("source", ""))) if isinstance(body, dict) else ""
                    if src.startswith(("./", "../")):
                        tgt = posixpath.normpath(posixpath.join(d, src))
                        if tgt not in out_dirs:
                            bad_src.append(f"{p}: module {_unquote(n)} source {src}")
        named |= {("local", x) for x in locals_}
        for p in paths:
            for s in _strings(docs[p]):
                if s.lstrip('"').startswith("TODO("):
                    continue  # a reported placeholder names what it replaces
                for e in _exprs(s):
                    e = _PLAIN_STRING.sub('""', e)
                    for m in _REF_DATA.finditer(e):
                        t, n = m.groups()
                        if t.startswith(("ovh_", "openstack_")):
                            leftover.append(f"{p}: data.{t}.{n}")
                        elif (t, n) not in data:
                            dangling.append(f"{p}: data.{t}.{n}")
                    for m in _REF_NAMED.finditer(e):
                        if (m.group(1), m.group(2)) not in named:
                            dangling.append(f"{p}: {m.group(1)}.{m.group(2)}")
                    for m in _REF_RES.finditer(e):
                        t, n = m.groups()
                        if t in skip or t.startswith("data"):
                            continue
                        if t.startswith(("ovh_", "openstack_")):
                            leftover.append(f"{p}: {t}.{n}")
                        elif (t, n) not in res:
                            dangling.append(f"{p}: {t}.{n}")
    return sorted(set(dangling)), sorted(set(leftover)), bad_src


_SCHEMAS: Any = None
_HELM2_PIN = re.compile(r'helm\s*=\s*\{[^}]*version\s*=\s*"[~>=\s]*2\.')
_HELM2_SYNTAX = re.compile(r"\b(helm_release\.[\w-]+|provider\.helm)\b.*is an argument, write")


def schema_errors(files: dict[str, str]) -> tuple[list[str], list[str]]:
    """Schema errors of the emitted .tf files: (others, helm 2.x block syntax).  Nothing is
    checked against the helm 3 schema when the output pins the helm provider to 2.x."""
    global _SCHEMAS
    sys.path.insert(0, str(HERE.parent / "tests"))
    from schema.tfcheck import check_text, load_schemas
    if _SCHEMAS is None:
        _SCHEMAS = load_schemas(HERE.parent / "tests" / "data" / "schemas")
        # Scaleway's schema is only in ../shared (no cdktf package): added when there.
        from schema import shared_schemas
        if shared_schemas.missing_reason("scaleway") is None:
            _SCHEMAS.providers["scaleway"] = shared_schemas.load("scaleway")
    helm2 = any(_HELM2_PIN.search(t) for t in files.values())
    found = [str(f) for path, text in sorted(files.items()) if path.endswith(".tf")
             for f in check_text(text, path, _SCHEMAS) if f.severity == "error"]
    if helm2:
        found = [f for f in found if "helm" not in f.split(": ", 2)[-1].split(":")[0]]
    helm = [f for f in found if _HELM2_SYNTAX.search(f)]
    return [f for f in found if f not in helm], helm


_META_ARGS = {"source", "version", "providers", "count", "for_each", "depends_on"}


def check_inputs(docs: dict[str, dict[str, Any]], root: Path | None = None) -> list[str]:
    """Calls of local modules that `terraform plan` refuses: a variable of the module with no
    default that the call does not set (missing required argument), or an argument the module
    declares no variable for (unsupported argument)."""
    declared: dict[str, dict[str, bool]] = {}  # module dir -> variable -> required
    for path, doc in docs.items():
        for part in doc.get("variable", []) or []:
            for n, body in part.items():
                required = not (isinstance(body, dict) and "default" in body)
                declared.setdefault(posixpath.dirname(path), {})[_unquote(n)] = required
    found = []
    for path, doc in sorted(docs.items()):
        d = posixpath.dirname(path)
        for part in doc.get("module", []) or []:
            for n, body in part.items():
                src = _unquote(str(body.get("source", ""))) if isinstance(body, dict) else ""
                if root is not None and src and not src.startswith(("./", "../")):
                    # (a source's call of its repository's own Git address is local too)
                    src = _own_local(src, root / d) or src
                if not src.startswith(("./", "../")):
                    continue
                callee = posixpath.normpath(posixpath.join(d, src))
                if callee not in {posixpath.dirname(p) for p in docs}:
                    continue  # reported as a module source without a directory
                variables = declared.get(callee, {})
                given = {k for k in body if k != "__is_block__"} - _META_ARGS
                found += [f"{path}: module {_unquote(n)} misses {v}"
                          for v, req in sorted(variables.items()) if req and v not in given]
                found += [f"{path}: module {_unquote(n)} sets undeclared {a}"
                          for a in sorted(given - set(variables))]
    return found


def _source_docs(root: Path, inside: list[Path]) -> tuple[dict[str, Any], dict[str, str]]:
    import hcl2
    docs, texts = {}, {}
    for d in inside:
        for f in sorted(d.glob("*.tf")):
            rel = f.relative_to(root).as_posix()
            try:
                texts[rel] = read_text(f)
                docs[rel] = hcl2.loads(texts[rel])
            except Exception:  # noqa: BLE001 - a source hcl2 cannot read: nothing to subtract
                texts.pop(rel, None)
    return docs, texts


def source_dangling(root: Path, inside: list[Path]) -> tuple[set[tuple[str, str]], set[str]]:
    """(module dir relative to the root, reference) already dangling in the source, and the
    module-call input problems (check_inputs) the source already has."""
    docs, texts = _source_docs(root, inside)
    dangling, leftover, _ = check_refs(docs, texts)
    return ({(posixpath.dirname(x.split(": ", 1)[0]), x.split(": ", 1)[1])
             for x in dangling + leftover}, {_where_less(x) for x in check_inputs(docs, root)})


def _where_less(finding: str) -> str:
    """A check_inputs finding without its file name: dir + what (files are renamed)."""
    path, what = finding.split(": ", 1)
    return f"{posixpath.dirname(path)}: {what}"


# ---------------------------------------------------------------- analysis of one repository

def self_check_codes() -> set[str]:
    """Codes the product documents as its own output self-check (none before issue 9)."""
    from iac_translate.compiler.codes import CODES
    return {c for c, v in CODES.items()
            if re.search(r"self[- ]check", f"{v.summary} {v.detail}", re.I)}


def _inside(line: int, start: int, end: int) -> bool:
    return start <= line <= max(end, start)


def _settle(models: list[list[Any]], diags: list[list[Any]], trace: list[list[Any]],
            kept_blocks: set[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(kept, unaccounted) labels: every OVH resource must end translated (a block comes from
    it), omitted on purpose (IT310), or with an error diagnostic at its block; "kept" = its
    block is still on the ovh provider in the output."""
    kept, unaccounted = [], []
    for m in models:
        at = [e for e in diags if e[2] == m[3] and _inside(e[3], m[4], m[5])]
        if any(e[1] == "error" for e in at) or any(e[0] == "IT310" for e in at):
            continue
        label = f"{m[1]}.{m[2]} {m[3]}:{m[4]} {' '.join(sorted({e[0] for e in at}))}"
        if (m[1], m[2]) in kept_blocks:
            kept.append(label)
        elif not any(t[0] == m[3] and _inside(t[1], m[4], m[5]) for t in trace):
            unaccounted.append(label)
    return kept, unaccounted


def analyse_root(repo: Path, root: dict[str, Any], res: dict[str, Any], selfcheck: set[str],
                 keep: Path | None) -> dict[str, Any]:
    import hcl2
    d: Path = root["dir"]
    rel = d.relative_to(repo).as_posix() or "."
    row: dict[str, Any] = {
        "root": rel, "seconds": res.get("seconds"),
        "unread_modules": [x.relative_to(repo).as_posix() if repo in x.parents else str(x)
                           for x in root["outside"]],
        "missing_modules": [str(x) for x in root["missing"]],
        "ovh_seen": sum(b[1] == "managed" for w in ("inside", "outside")
                        for b in root["blocks"][w]),
        "ovh_data_seen": sum(b[1] == "data" for w in ("inside", "outside")
                             for b in root["blocks"][w]),
        "ovh_not_read": sum(b[1] == "managed" for b in root["blocks"]["outside"]),
    }
    if res.get("timeout") or "exception" in res:
        row["failure"] = "timeout" if res.get("timeout") else res["exception"]
        return row
    files: dict[str, str] = res["files"]
    diags = res["diags"]
    if keep:
        for p, text in files.items():
            out = keep / repo.name / "tf" / rel / p
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    seen_keys = {(Path(b[0]).resolve(), b[2], b[3]) for w in ("inside", "outside")
                 for b in root["blocks"][w] if b[1] == "managed"}
    base = Path(res.get("base") or d)
    ovh_model = [m for m in res["model"] if m[0] == "managed" and m[1].startswith("ovh_")]
    read = [m for m in ovh_model if ((base / m[3]).resolve(), m[1], m[2]) in seen_keys]
    # What the translator did not read (not what lies outside the root directory).
    row["ovh_not_read"] = row["ovh_seen"] - len(read)
    model_dirs = {(base / m[3]).resolve().parent for m in res["model"]}
    row["unread_modules"] = [x.relative_to(repo).as_posix() if repo in x.parents else str(x)
                             for x in root["outside"] if x.resolve() not in model_dirs]
    errors = [x for x in diags if x[1] == "error"]
    row["ovh_read"] = len(read)
    row["ovh_in_model"] = len(ovh_model)
    row["ovh_emitted"] = sum(any(t[0] == m[3] and _inside(t[1], m[4], m[5]) for t in
                                 res["trace"]) for m in read)
    row["ovh_omitted"] = sum(any(e[0] == "IT310" and e[2] == m[3] and _inside(e[3], m[4], m[5])
                                 for e in diags) for m in read)
    row["ovh_with_error"] = sum(any(e[2] == m[3] and _inside(e[3], m[4], m[5]) for e in errors)
                                for m in read)
    kept_blocks = {(k[0], k[2]) for t in files.values() for k in re.findall(
        r'^\s*resource\s+"((ovh|openstack)_\w+)"\s+"([\w-]+)"', t, re.M)}
    kept, unaccounted = _settle(read, diags, res["trace"], kept_blocks)
    row["ovh_kept"], row["kept_samples"] = len(kept), kept[:8]
    row["ovh_unaccounted"], row["unaccounted_samples"] = len(unaccounted), unaccounted[:8]
    # OpenStack resources of OVH and AWS S3 resources on OVH endpoints (what the translator
    # recognises as OVH although the type is not ovh_*): the same rule.
    foreign = [m for m in res["model"] if m[0] == "managed" and not m[1].startswith("ovh_")
               and len(m) > 6 and m[6] not in ("resource", "Opaque")]
    _, f_unacc = _settle(foreign, diags, res["trace"], kept_blocks)
    row["foreign_ovh"] = len(foreign)
    row["foreign_unaccounted"], row["foreign_samples"] = len(f_unacc), f_unacc[:8]
    row["diag_codes"] = dict(Counter(x[0] for x in diags))
    row["errors"] = len(errors)
    row["error_samples"] = [f"{x[0]} {x[2]}:{x[3]} {x[5][:120]}" for x in errors[:5]]
    row["it9xx"] = sum(x[0].startswith("IT9") for x in diags)
    row["self_check"] = sum(x[0] in selfcheck for x in diags)
    row["files_out"] = len(files)
    row["no_output"] = not files
    row["todo"] = sum(t.count("TODO(") for t in files.values())
    row["leftover_ovh_blocks"] = sum(len(re.findall(r'^\s*(resource|data)\s+"(ovh|openstack)_',
                                                    t, re.M)) for t in files.values())
    sch, helm = schema_errors(files)
    row["schema_errors"], row["schema_helm2"] = len(sch), len(helm)
    row["schema_samples"] = sch[:8] + helm[:2]
    docs, texts, unparsed = {}, {}, []
    for p, t in files.items():
        if not p.endswith(".tf"):
            continue
        try:
            docs[p] = hcl2.loads(t)
            texts[p] = t
        except Exception as e:  # noqa: BLE001 - counted
            unparsed.append(f"{p}: {str(e).splitlines()[0][:120]}")
    row["unparseable"] = unparsed
    bad, computed = check_names(docs)
    row["naming_violations"], row["naming_samples"] = len(bad), bad[:8]
    row["computed_names"] = computed
    dangling, leftover, bad_src = check_refs(docs, texts)
    before, inputs_before = source_dangling(d, root["inside"])
    inputs = [x for x in check_inputs(docs) if _where_less(x) not in inputs_before]
    row["module_inputs"], row["module_input_samples"] = len(inputs), inputs[:8]
    new = [x for x in dangling
           if (posixpath.dirname(x.split(": ", 1)[0]), x.split(": ", 1)[1]) not in before]
    row["dangling_in_source"] = len(dangling) - len(new)
    row["dangling_refs"], row["dangling_samples"] = len(new), new[:8]
    row["leftover_ovh_refs"], row["leftover_samples"] = len(leftover), leftover[:8]
    row["dangling_module_sources"] = bad_src
    return row


def _top_keys(text: str, path: str) -> tuple[set[Any], bool]:
    """Top-level keys of a YAML/JSON file, and whether `image` is a Helm-style mapping with a
    `repository`."""
    import yaml
    keys: set[Any] = set()
    try:
        docs = [json.loads(text)] if path.endswith(".json") else list(yaml.safe_load_all(text))
    except Exception:  # noqa: BLE001 - not parseable: no markers
        return keys, False
    image_repo = False
    for doc in docs:
        if isinstance(doc, dict):
            keys |= set(doc)
            image_repo |= isinstance(doc.get("image"), dict) and "repository" in doc["image"]
    return keys, image_repo


def analyse_ai(repo: Path, res: dict[str, Any], selfcheck: set[str],
               keep: Path | None) -> dict[str, Any]:
    import yaml
    present, present_files = 0, []
    for d, dirs, files in os.walk(repo):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith("."))
        for f in sorted(files):
            if f.endswith(AI_TEXT_SUFFIXES) or f == "Makefile":
                n = len(_AI_CMD.findall(read_text(Path(d) / f)))
                if n:
                    present += n
                    present_files.append((Path(d) / f).relative_to(repo).as_posix())
    row: dict[str, Any] = {"cmds_present": present, "cmd_files_present": len(present_files),
                           "seconds": res.get("seconds")}
    if res.get("timeout") or "exception" in res:
        row["failure"] = "timeout" if res.get("timeout") else res["exception"]
        return row
    per_file = res["per_file"]
    row["cmds_found"] = sum(v[1] for v in per_file.values())
    row["cmds_unread_files"] = sorted(set(present_files) - set(per_file))
    row["workloads_read"] = sum(v[0] for v in per_file.values())
    row["read_error_files"] = {k: v[2] for k, v in sorted(per_file.items()) if v[2]}
    row["template_errors"] = [k for k, codes in row["read_error_files"].items()
                              if "{{" in read_text(repo / k)]
    kinds: Counter[str] = Counter()
    exported: Counter[str] = Counter()
    for p, text in res["files"].items():
        if keep:
            out = keep / repo.name / "ai" / p
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        if p.endswith((".yaml", ".yml")):
            try:
                (exported if p.startswith("exported/") else kinds).update(
                    str(x.get("kind")) for x in yaml.safe_load_all(text) if isinstance(x, dict))
            except yaml.YAMLError:
                kinds["<unparseable>"] += 1
    row["kinds"] = dict(sorted(kinds.items()))
    row["workloads_emitted"] = sum(kinds[k] for k in WORKLOAD_KINDS)
    row["exported_kinds"] = dict(sorted(exported.items()))
    row["mks_workloads"] = sum(exported[k] for k in WORKLOAD_KINDS)
    diags = res["diags"]
    # IT015/IT016: a repository with no AI input run through the k8s target (measured anyway)
    errors = [x for x in diags if x[1] == "error" and x[0] not in ("IT015", "IT016")]
    row["errors"] = len(errors)
    row["error_samples"] = [f"{x[0]} {x[2]}:{x[3]} {x[5][:120]}" for x in errors[:5]]
    row["diag_codes"] = dict(Counter(x[0] for x in diags))
    row["it9xx"] = sum(x[0].startswith("IT9") for x in diags)
    row["todo"] = sum(t.count("TODO(") for t in res["files"].values())
    workloads = [t for t in res["trace"] if t[3].split("/")[0] in WORKLOAD_KINDS]
    flagged = {tuple(w) for w in workloads for x in diags if x[0] in selfcheck
               and x[2] == w[0] and _inside(x[3], w[1], w[2])}
    row["self_check_flagged"] = len(flagged)
    alone = [(rel, w) for rel, v in sorted(per_file.items()) for w in v[3]]
    row["workloads_alone"] = len(alone)
    row["flags_as_args"] = [f"{rel}: {w[0]}/{w[1]} args {' '.join(w[3])[:100]}"
                            for rel, w in alone if _OVHAI_FLAG.match(" ".join(w[3]))]
    row["placeholder_images"] = [f"{rel}: {w[0]}/{w[1]} image {w[2]}" for rel, w in alone
                                 if re.search(r"[<>{}]|\$", str(w[2]))]
    not_bodies = []
    for rel, (n, cmds, *_) in sorted(per_file.items()):
        if not n or cmds or not rel.endswith(BODY_SUFFIXES):
            continue
        keys, image_repo = _top_keys(read_text(repo / rel), rel)
        helm = (re.match(r"values([.-].*)?\.ya?ml$", rel.rsplit("/", 1)[-1]) is not None
                or image_repo or bool(keys & {"replicaCount", "nameOverride", "fullnameOverride"})
                or any((p / "Chart.yaml").exists() for p in (repo / rel).parents
                       if repo in p.parents or p == repo))
        why = [w for w, hit in (
            ("github-workflow", "jobs" in keys and ("on" in keys or True in keys)),
            ("k8s-manifest", "apiVersion" in keys),
            ("services:(compose/gitlab-ci)", "services" in keys),
            ("helm-values", helm),
            ("no image/spec", not keys & {"image", "spec"})) if hit]
        if why:
            not_bodies.append(f"{rel} ({', '.join(why)}; {n} workload(s))")
    row["not_bodies"] = not_bodies
    return row


def sum_rows(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, int]:
    return {k: sum(len(r[k]) if isinstance(r.get(k), list) else int(r.get(k) or 0)
                   for r in rows) for k in keys}


TF_KEYS = ("ovh_seen", "ovh_not_read", "ovh_read", "ovh_emitted", "ovh_omitted", "ovh_with_error",
           "ovh_kept", "ovh_unaccounted", "foreign_ovh", "foreign_unaccounted", "errors",
           "self_check", "it9xx", "todo", "schema_errors", "schema_helm2", "naming_violations", "computed_names",
           "dangling_refs", "dangling_in_source", "module_inputs", "leftover_ovh_refs",
           "leftover_ovh_blocks")
AI_KEYS = ("cmds_present", "cmds_found", "workloads_read", "workloads_alone",
           "workloads_emitted", "mks_workloads", "errors", "flags_as_args", "placeholder_images",
           "not_bodies", "template_errors",
           "self_check_flagged", "it9xx", "todo")


def analyse_repo(repo: Path, args: argparse.Namespace, pool: ThreadPoolExecutor,
                 selfcheck: set[str]) -> dict[str, Any]:
    roots, ndirs = find_roots(repo)
    futs = [pool.submit(run_worker, "tf", r["dir"], args.target, args.timeout) for r in roots]
    ai_fut = pool.submit(run_worker, "ai", repo, args.target, AI_TIMEOUT)
    rows = [analyse_root(repo, r, f.result(), selfcheck, args.keep) for r, f in zip(roots, futs)]
    unread = sorted({m for r in rows for m in r["unread_modules"]})
    tf = sum_rows(rows, TF_KEYS)
    tf.update(roots=len(rows), tf_dirs=ndirs, unread_modules=len(unread),
              failed=sum(1 for r in rows if "failure" in r),
              no_output=sum(1 for r in rows if r.get("no_output")))
    codes: Counter[str] = Counter()
    for r in rows:
        codes.update(r.get("diag_codes", {}))
    ai = analyse_ai(repo, ai_fut.result(), selfcheck, args.keep)
    return {"repo": repo.name, "tf": tf, "tf_codes": dict(codes.most_common()),
            "roots": [{k: (str(v) if isinstance(v, Path) else v) for k, v in r.items()}
                      for r in rows], "unread_module_dirs": unread, "ai": ai}


# ---------------------------------------------------------------- printing

TF_COLS = [("roots", "roots"), ("ovh_seen", "seen"), ("ovh_not_read", "notrd"),
           ("ovh_read", "read"), ("ovh_emitted", "emit"), ("ovh_omitted", "IT310"),
           ("ovh_with_error", "w/err"), ("ovh_kept", "kept"), ("ovh_unaccounted", "unacc"),
           ("foreign_ovh", "os/s3"), ("foreign_unaccounted", "unacc2"),
           ("unread_modules", "unrdM"), ("failed", "fail"), ("errors", "errs"),
           ("self_check", "selfc"), ("schema_errors", "schema"), ("schema_helm2", "helm2"),
           ("naming_violations", "naming"), ("computed_names", "cmpN"),
           ("dangling_refs", "dangl"), ("module_inputs", "modin"), ("leftover_ovh_refs", "ovhref"),
           ("leftover_ovh_blocks", "ovhblk"), ("todo", "TODO")]
AI_COLS = [("cmds_present", "cmds"), ("cmds_found", "found"), ("workloads_read", "read"),
           ("workloads_alone", "alone"), ("workloads_emitted", "emit"),
           ("mks_workloads", "mks"), ("errors", "errs"), ("flags_as_args", "flg>arg"),
           ("placeholder_images", "<img>"), ("self_check_flagged", "flag"),
           ("not_bodies", "!body"), ("template_errors", "tmplE"), ("it9xx", "IT9xx"), ("todo", "TODO")]


def _cell(v: Any) -> str:
    return str(len(v)) if isinstance(v, list) else "-" if v is None else str(v)


_CLOUD = {"gke": ("GKE", "google", "GCP"), "eks": ("EKS", "aws", "AWS"),
          "scaleway": ("Scaleway", "scaleway", "Scaleway"), "aks": ("AKS", "azurerm", "Azure")}


def print_tables(results: list[dict[str, Any]], out: Any = sys.stdout,
                 target: str = "gke") -> None:
    w = max([len(r["repo"]) for r in results] + [5])
    name, provider, cloud = _CLOUD.get(target, (target.upper(), target, target.upper()))
    print(f"Terraform -> {name} funnel (OVH managed resources; seen = in the root and all its local "
          "modules, notrd = in modules the loader does not read, read = in the model, emit = "
          "source of a target object, IT310 = omitted as meaningless, w/err = with an error "
          "diagnostic, kept = left on the ovh provider with IT301 (not Public Cloud), unacc = none of "
          "those (must be 0), os/s3 = OpenStack-of-OVH and S3-on-OVH resources, unacc2 = those "
          f"unaccounted; unrdM = module dirs not read; schema = {provider}/k8s/helm schema "
          "errors other than helm2 = helm 2.x block syntax under the helm 3 schema; naming = "
          f"literal names breaking {cloud} rules, cmpN = computed names; dangl = references to nothing "
          "declared, not already dangling in the source; modin = module calls missing a "
          "required variable or setting an undeclared one, not already in the source; "
          "ovhref = ovh_/openstack_ references "
          "left; ovhblk = ovh_/openstack_ blocks left in the output)", file=out)
    print(f"{'repo':<{w}} " + " ".join(f"{h:>6}" for _, h in TF_COLS), file=out)
    tot: Counter[str] = Counter()
    for r in results:
        print(f"{r['repo']:<{w}} " + " ".join(f"{_cell(r['tf'].get(k)):>6}" for k, _ in TF_COLS),
              file=out)
        tot.update({k: int(r["tf"].get(k) or 0) for k, _ in TF_COLS})
    print(f"{'TOTAL':<{w}} " + " ".join(f"{tot[k]:>6}" for k, _ in TF_COLS), file=out)
    print("\nAI -> k8s funnel (cmds = `ovhai app|job|notebook run` in any text file; found = "
          "in files the tool reads; read = workloads read file by file; alone = Deployments/Jobs "
          "written when each file is translated alone; emit = Deployments/Jobs written for the "
          "whole repo (any error anywhere: none); mks = workloads of exported manifests; "
          "flg>arg = workloads whose container args start with an ovhai option; <img> = "
          "placeholder images; !body = YAML/JSON that gave a workload but is a CI file, manifest, "
          "Helm values or has no image; tmplE = Go-template (Helm) files read as errors)", file=out)
    print(f"{'repo':<{w}} " + " ".join(f"{h:>6}" for _, h in AI_COLS), file=out)
    tot = Counter()
    for r in results:
        ai = r["ai"]
        print(f"{r['repo']:<{w}} " + " ".join(f"{_cell(ai.get(k)):>6}" for k, _ in AI_COLS),
              file=out)
        tot.update({k: (len(ai[k]) if isinstance(ai.get(k), list) else int(ai.get(k) or 0))
                    for k, _ in AI_COLS})
    print(f"{'TOTAL':<{w}} " + " ".join(f"{tot[k]:>6}" for k, _ in AI_COLS), file=out)
    print("\nPer repository: top diagnostic codes, failures, files that are not AI bodies",
          file=out)
    for r in results:
        tfc = ", ".join(f"{c}x{n}" for c, n in list(r["tf_codes"].items())[:5]) or "-"
        aic = ", ".join(f"{c}x{n}" for c, n in
                        Counter(r["ai"].get("diag_codes", {})).most_common(5)) or "-"
        print(f"{r['repo']}\n  tf: {tfc}\n  ai: {aic}", file=out)
        for root in r["roots"]:
            if "failure" in root:
                print(f"  FAILED {root['root']}: {root['failure'][:160]}", file=out)
        if r["tf"]["no_output"]:
            print(f"  roots with no output: {r['tf']['no_output']}", file=out)
        if "failure" in r["ai"]:
            print(f"  AI FAILED: {r['ai']['failure'][:160]}", file=out)
        for nb in r["ai"].get("not_bodies", []):
            print(f"  not an AI body: {nb}", file=out)
        for key, what in (("flags_as_args", "ovhai options as container args"),
                          ("placeholder_images", "placeholder images")):
            items = r["ai"].get(key) or []
            if items:
                print(f"  {what}: {len(items)}, e.g. {items[0]}", file=out)


def product_revision() -> str:
    import iac_translate.compiler as c
    src = Path(c.__file__).resolve().parent.parent
    rev = os.environ.get("CORPUS_REV", "")
    if not rev:
        git = subprocess.run(["git", "-C", str(src), "describe", "--always", "--dirty"],
                             capture_output=True, text=True)
        rev = git.stdout.strip() or "unknown"
    return f"{rev} ({src})"


def reexec_at(rev: str, argv: list[str]) -> int:
    """Run this script again with the package of commit `rev` first on the import path."""
    repo = HERE.parent
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", rev],
                         capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="corpus-rev-") as tmp:
        pkg = Path(tmp) / "iac_translate"
        pkg.mkdir()
        (pkg / "__init__.py").write_text("", encoding="utf-8")
        archive = subprocess.Popen(["git", "-C", str(repo), "archive", sha, "compiler",
                                    "targets", "grammars"], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(pkg)], stdin=archive.stdout, check=True)
        archive.wait()
        script = Path(tmp) / "corpus.py"  # a copy: editing this file cannot change a run
        script.write_text(Path(__file__).read_text(encoding="utf-8"), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": tmp, "CORPUS_REV": sha, "CORPUS_BENCH_DIR": str(HERE)}
        rest = [a for i, a in enumerate(argv) if a != "--rev" and argv[i - 1:i] != ["--rev"]
                and not a.startswith("--rev=")]
        return subprocess.run([sys.executable, str(script), *rest], env=env).returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(usage=USAGE, description=__doc__)
    ap.add_argument("dir", type=Path, help="directory of checked-out repositories")
    ap.add_argument("--target", default="gke", help="Terraform target (default gke)")
    ap.add_argument("--json", type=Path, help="also write the full figures as JSON here")
    ap.add_argument("--keep", type=Path, help="write every emitted file under this directory")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=TF_TIMEOUT, help="seconds per root")
    ap.add_argument("--only", action="append", default=[], help="repo folder name (repeatable)")
    ap.add_argument("--rev", help="measure this commit of iac-translate, not the working tree")
    ap.add_argument("--worker", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--worker"]:
        worker_main(argv[1], argv[2], argv[4] if len(argv) > 4 else "gke")
        return 0
    args = ap.parse_args(argv)
    if args.rev:
        return reexec_at(args.rev, argv)
    revision = product_revision()
    repos = sorted(p for p in args.dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    for repo in repos:
        # A checkout made with `git archive | tar -x` has no .git; the translator follows links
        # only inside the repository holding its inputs, which a real clone marks with .git.
        if not (repo / ".git").exists():
            (repo / ".git").mkdir()
            print(f"(made {repo.name}/.git: a checkout marker, as in a clone)", file=sys.stderr)
        config = repo / ".git" / "config"
        if "+" in repo.name and not config.exists():
            # A clone's remote: calls of the repository's own modules by its Git address
            # are read from the checkout (compiler/frontends/own_remote.py).
            owner, name = repo.name.split("+", 1)
            config.write_text(f'[remote "origin"]\n\turl = https://github.com/{owner}/{name}'
                              '.git\n', encoding="utf-8")
    if args.only:
        repos = [p for p in repos if p.name in args.only]
    selfcheck = self_check_codes()
    t0 = time.monotonic()
    results = []
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        for repo in repos:
            print(f"... {repo.name}", file=sys.stderr, flush=True)
            results.append(analyse_repo(repo.resolve(), args, pool, selfcheck))
    print_tables(results, target=args.target)
    print(f"\niac-translate {revision}; self-check codes: "
          f"{', '.join(sorted(selfcheck)) or 'none defined yet'}; "
          f"{len(repos)} repositories in {time.monotonic() - t0:.0f}s")
    if args.json:
        totals = {"tf": dict(sum((Counter(r["tf"]) for r in results), Counter())),
                  "ai": sum_rows([r["ai"] for r in results], AI_KEYS)}
        args.json.write_text(json.dumps({"version": 1, "product": revision, "totals": totals,
                                         "repos": results},
                                        indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
