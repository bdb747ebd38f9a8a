"""Estate runs with --target eks: the AWS Load Balancer Controller installed by the Terraform
when the workloads are published (HTTPRoutes or Ingresses), and nothing without an estate."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import hcl2
import pytest
import yaml
from hcl_normal import unquoted
from iac_translate.compiler.api import TranslateOptions, translate
from iac_translate.targets.eks import controllers
from jsonschema import Draft202012Validator
from schema.tfcheck import check_text, load_schemas

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ROOT / "targets"
SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"
ONE_CLUSTER = ROOT / "golden" / "estate_cpu_tolerates_dedicated_taint" / "input"
IN_A_MODULE = ROOT / "golden" / "estate_gpu_flavor_module_variable" / "input"
RELEASE = 'resource "helm_release" "aws_load_balancer_controller"'


def _load(rel: str) -> dict:
    return json.loads((TARGETS / rel).read_text(encoding="utf-8"))


def _tf(files: dict[str, str]) -> str:
    return "\n".join(t for p, t in sorted(files.items()) if p.endswith(".tf"))


def _resources(files: dict[str, str], kind: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path, text in files.items():
        if path.endswith(".tf"):
            for r in hcl2.loads(text).get("resource", []):
                for label, body in unquoted(r).get(kind, {}).items():
                    out[label] = body
    return out


def test_table_matches_its_schema_and_its_sets_the_companion_schema() -> None:
    data = _load("eks/controllers.json")
    schema = _load("schemas/eks_controllers.schema.json")
    assert not list(Draft202012Validator(schema).iter_errors(data))
    sets = {k: data[k] for k in ("note", "sets", "target")}
    assert not list(Draft202012Validator(_load("schemas/companions.schema.json"))
                    .iter_errors(sets))
    bad = json.loads(json.dumps(data))
    bad["lb_controller"]["chart"]["version"] = "latest"  # a release must be pinned
    assert list(Draft202012Validator(schema).iter_errors(bad))


def test_policy_is_the_published_one_for_the_pinned_version() -> None:
    spec = controllers.table()["lb_controller"]
    assert spec["chart"]["app_version"] in spec["iam_policy_source"]
    actions = {a for s in spec["iam_policy"]["Statement"] for a in
               ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])}
    assert {"elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateListener",
            "ec2:CreateSecurityGroup", "iam:CreateServiceLinkedRole"} <= actions


def test_plain_translation_installs_nothing() -> None:
    r = translate(ONE_CLUSTER / "infra", "eks")
    text = _tf(r.files)
    assert "helm_release" not in text and 'provider "helm"' not in text
    assert not any("Load Balancer Controller" in d.message for d in r.diagnostics)


def test_routes_get_the_controller_with_its_gateway_feature() -> None:
    r = translate(ONE_CLUSTER, "eks")
    assert not r.has_errors
    release = _resources(r.files, "helm_release")["aws_load_balancer_controller"]
    chart = controllers.table()["lb_controller"]["chart"]
    assert (release["repository"], release["chart"], release["version"]) == \
        (chart["repository"], chart["name"], chart["version"])
    assert release["namespace"] == "kube-system"
    values = release["values"][0]
    assert "ALBGatewayAPI = true" in values and "aws_eks_cluster.k.vpc_config[0].vpc_id" in values
    assert "aws_eks_node_group.general" in str(release["depends_on"])
    assert "aws_eks_pod_identity_association.k_lb_controller" in str(release["depends_on"])
    assoc = _resources(r.files, "aws_eks_pod_identity_association")["k_lb_controller"]
    assert (assoc["namespace"], assoc["service_account"]) == \
        ("kube-system", "aws-load-balancer-controller")
    role = _resources(r.files, "aws_iam_role")["k_lb_controller"]["assume_role_policy"]
    assert "pods.eks.amazonaws.com" in role and "sts:TagSession" in role
    text = _tf(r.files)
    assert text.count('provider "helm"') == 1 and 'source = "hashicorp/helm"' in text
    assert "token                  = data.aws_eks_cluster_auth.k.token" in text
    crds = [d for d in r.diagnostics if d.code == "IT308" and "Gateway API CRDs" in d.message]
    assert len(crds) == 1 and "standard-install.yaml" in crds[0].hint
    assert not any(d.code == "IT308" and "HTTPRoutes" in d.message for d in r.diagnostics)
    assert any(d.code == "IT346" and "HTTPRoutes attach" in d.message for d in r.diagnostics)


def test_ingresses_get_the_controller_without_the_gateway_api() -> None:
    r = translate(ONE_CLUSTER, "eks", TranslateOptions(expose="ingress"))
    release = _resources(r.files, "helm_release")["aws_load_balancer_controller"]
    assert "ALBGatewayAPI" not in release["values"][0]
    assert not any("Gateway API CRDs" in d.message for d in r.diagnostics)
    assert any(d.code == "IT346" and "Ingresses use the class `alb`" in d.message
               for d in r.diagnostics)


def test_a_cluster_in_a_called_module_gets_it_with_the_provider_in_the_root() -> None:
    r = translate(IN_A_MODULE, "eks")
    child = _tf({p: t for p, t in r.files.items() if "/modules/cluster/" in p})
    root = _tf({p: t for p, t in r.files.items() if p.startswith("terraform/platform/")
                and "/modules/" not in p})
    assert RELEASE in child and 'provider "helm"' not in child
    assert 'output "k_helm_access"' in child
    assert root.count('provider "helm"') == 1 and "module.cluster.k_helm_access.host" in root
    assert not any(d.code == "IT308" and "HTTPRoutes" in d.message for d in r.diagnostics)


def test_a_repeated_module_call_is_left_to_the_user(tmp_path: Path) -> None:
    # One helm provider cannot reach the clusters of every instance.
    shutil.copytree(IN_A_MODULE, tmp_path / "repo")
    main = tmp_path / "repo" / "platform" / "main.tf"
    main.write_text(main.read_text(encoding="utf-8").replace(
        'module "cluster" {', 'module "cluster" {\n  count = 2'), encoding="utf-8")
    r = translate(tmp_path / "repo", "eks")
    assert re.search(r"count +=", _tf(r.files)) and RELEASE not in _tf(r.files)
    assert any(d.code == "IT308" and "HTTPRoutes" in d.message and "does not install" in
               d.message for d in r.diagnostics)


def test_the_source_helm_provider_is_not_duplicated(tmp_path: Path) -> None:
    shutil.copytree(ONE_CLUSTER, tmp_path / "repo")
    main = tmp_path / "repo" / "infra" / "main.tf"
    main.write_text(main.read_text(encoding="utf-8") + 'provider "helm" {\n  kubernetes {\n'
                    '    config_path = "~/.kube/config"\n  }\n}\n', encoding="utf-8")
    text = _tf(translate(tmp_path / "repo", "eks").files)
    assert RELEASE in text and text.count('provider "helm"') == 1


@pytest.mark.parametrize("options", [None, TranslateOptions(expose="ingress")],
                         ids=["routes", "ingress"])
def test_outputs_match_the_provider_schemas(options: TranslateOptions | None) -> None:
    r = translate(ONE_CLUSTER, "eks", options) if options else translate(ONE_CLUSTER, "eks")
    schemas = load_schemas(SCHEMAS)
    errors = [f"{f.file}:{f.line}: {f.message}" for p, t in r.files.items() if p.endswith(".tf")
              for f in check_text(t, p, schemas) if f.severity == "error"]
    assert not errors and RELEASE in _tf(r.files), errors


def test_the_gateway_gets_an_internet_facing_alb_reaching_the_pods() -> None:
    # OVH publishes an app on a public URL; the ALB would be internal and target NodePorts
    # (the Services are ClusterIP) without the controller's own parameters.
    r = translate(ONE_CLUSTER, "eks")
    docs = list(yaml.safe_load_all(r.files["kubernetes/gateway.yaml"]))
    by_kind = {d["kind"]: d for d in docs}
    ref = by_kind["Gateway"]["spec"]["infrastructure"]["parametersRef"]
    lbc = by_kind["LoadBalancerConfiguration"]
    assert (ref["group"], ref["kind"], ref["name"]) == \
        ("gateway.k8s.aws", "LoadBalancerConfiguration", lbc["metadata"]["name"])
    assert lbc["spec"]["scheme"] == "internet-facing"
    tgc = by_kind["TargetGroupConfiguration"]
    assert lbc["spec"]["defaultTargetGroupConfiguration"]["name"] == tgc["metadata"]["name"]
    assert tgc["spec"]["defaultConfiguration"]["targetType"] == "ip"
    assert "targetReference" not in tgc["spec"]  # a default TGC must not name a Service
    gke = translate(ROOT / "golden" / "estate_gke" / "input", "gke")
    assert "infrastructure" not in gke.files["kubernetes/gateway.yaml"]


def test_the_profile_names_the_release_the_table_makes() -> None:
    # the estate reports IT346 only when the Terraform declares the profile's installed_by
    label = next(b["label"] for b in controllers.table()["sets"]["lb_controller"]["blocks"]
                 if b["type"] == "helm_release")
    ctls = _load("profiles/eks.json")["controllers"]
    assert {c["installed_by"] for c in ctls.values()} == {f"helm_release.{label}"} == \
        {controllers.RELEASE}
