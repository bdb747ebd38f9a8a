"""A source variable named like one a translation adds: the translation's takes a free name
(Terraform rejects a module declaring a variable twice), the author's keeps its own."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from iac_translate.compiler.api import Result, translate
from test_aks_db_delegated import _CHILD, NET_ID, _call, _db, _net

ESTATE = Path(__file__).parent.parent / "golden" / "estate_gke" / "input"

_BUCKET = '''
provider "ovh" {
  endpoint = "ovh-eu"
}

resource "ovh_cloud_project_storage" "s" {
  service_name = "p"
  region_name  = "GRA"
  name         = "bucket-x"
}
'''


def _var(name: str, default: str | None = "taken") -> str:
    value = f'\n  default = "{default}"' if default is not None else ""
    return f'variable "{name}" {{\n  type = string{value}\n}}\n'


def _run(files: dict[str, str], target: str) -> tuple[Result, dict[str, str]]:
    result = translate(files, target)
    assert not [d.message for d in result.diagnostics if d.code == "IT380"]
    # every module of the output declares each variable once
    by_dir: dict[str, Counter[str]] = {}
    for path, text in result.files.items():
        if path.endswith(".tf"):
            seen = by_dir.setdefault(path.rpartition("/")[0], Counter())
            seen.update(re.findall(r'^variable "([^"]+)"', text, re.M))
    assert not {d: [v for v, n in c.items() if n > 1] for d, c in by_dir.items()
                if any(n > 1 for n in c.values())}
    return result, {k: " ".join(v.split()) for k, v in result.files.items()}


def _all(text: dict[str, str], under: str = "") -> str:
    return " ".join(v for k, v in sorted(text.items()) if k.rpartition("/")[0] == under)


def test_aks_resource_group_variables_take_free_names() -> None:
    src = _var("resource_group_name") + _var("resource_group_location", "westus") + _BUCKET + \
        'output "o" {\n  value = "${var.resource_group_name}-${var.resource_group_location}"\n}\n'
    _, text = _run({"main.tf": src}, "aks")
    out = _all(text)
    assert 'variable "azure_resource_group_name"' in out
    assert "name = trim(substr(replace(lower(var.azure_resource_group_name)" in out
    assert 'variable "azure_resource_group_location"' in out
    assert "location = var.azure_resource_group_location" in out
    # the author's variables and their reading are unchanged
    assert 'variable "resource_group_name" { type = string default = "taken" }' in out
    assert "${var.resource_group_name}-${var.resource_group_location}" in out


def test_aks_subscription_variable_takes_a_free_name() -> None:
    _, text = _run({"main.tf": _var("azure_subscription_id") + _BUCKET}, "aks")
    out = _all(text)
    assert "subscription_id = var.azure_subscription_id_2" in out
    assert 'variable "azure_subscription_id_2"' in out
    assert 'variable "azure_subscription_id" { type = string default = "taken" }' in out


_CHILD_BUCKET = _var("resource_group_name", None) + '''
resource "ovh_cloud_project_storage" "s" {
  service_name = "p"
  region_name  = "GRA"
  name         = "bucket-${var.resource_group_name}"
}
'''
_CALLER = '''
module "m" {
  source              = "./modules/m"
  resource_group_name = "mine"
}
'''


def test_aks_child_module_group_is_passed_under_its_free_name() -> None:
    _, text = _run({"main.tf": _CALLER, "modules/m/main.tf": _CHILD_BUCKET}, "aks")
    child, root = _all(text, "modules/m"), _all(text)
    assert 'variable "azure_resource_group_name"' in child
    assert "resource_group_name = var.azure_resource_group_name" in child
    assert 'variable "resource_group_location"' in child  # (not taken: kept)
    assert 'resource_group_name = "mine"' in root  # (the author's argument)
    assert "azure_resource_group_name = azurerm_resource_group.main.name" in root
    assert " resource_group_location = azurerm_resource_group.main.location" in root


def test_aks_delegated_subnet_variable_takes_a_free_name() -> None:
    src = _var("pg_delegated_subnet_id") + \
        _net(['"10.1.0.0/24"'], '["GRA11", "SBG5"]') + _db("pg", NET_ID)
    result, text = _run({"main.tf": src}, "aks")
    out = _all(text)
    assert "delegated_subnet_id = var.azure_pg_delegated_subnet_id" in out
    assert 'variable "azure_pg_delegated_subnet_id"' in out
    said = [d.message for d in result.diagnostics if d.code == "IT308" and "spans" in d.message]
    assert said and "var.azure_pg_delegated_subnet_id" in said[0]


def test_aks_delegated_range_variable_takes_a_free_name() -> None:
    src = _var("my_delegated_cidr") + _net(["var.base"]) + _db("my", NET_ID, "mysql")
    result, text = _run({"main.tf": src}, "aks")
    out = _all(text)
    assert "address_prefixes = [var.azure_my_delegated_cidr]" in out
    said = [d.message for d in result.diagnostics if d.code == "IT308" and
            "no free range" in d.message]
    assert said and "whose range is var.azure_my_delegated_cidr (no default)" in said[0]


def test_aks_handed_variables_threaded_up_take_free_names() -> None:
    root = _var("project", None) + _var("net", None) + _var("a_orders_delegated_subnet_id") + \
        _call("a", "var.net")
    child = _CHILD + _var("orders_delegated_subnet_id")
    result, text = _run({"main.tf": root, "modules/db/main.tf": child}, "aks")
    main, sub = _all(text), _all(text, "modules/db")
    assert "delegated_subnet_id = var.azure_orders_delegated_subnet_id" in sub
    assert "azure_orders_delegated_subnet_id = var.azure_a_orders_delegated_subnet_id" in main
    said = [d.message for d in result.diagnostics
            if "var.azure_orders_delegated_subnet_id" in d.message]
    assert said and "var.azure_a_orders_delegated_subnet_id" in said[0]


def test_gke_project_variable_takes_a_free_name() -> None:
    _, text = _run({"main.tf": _var("gcp_project_id") + _BUCKET}, "gke")
    out = _all(text)
    assert "project = var.gcp_project_id_2" in out
    assert 'variable "gcp_project_id_2"' in out
    assert "var.gcp_project_id " not in out + " "


def test_scaleway_project_variable_takes_a_free_name() -> None:
    _, text = _run({"main.tf": _var("scaleway_project_id") + _BUCKET}, "scaleway")
    out = _all(text)
    assert "project_id = var.scaleway_project_id_2" in out
    assert 'variable "scaleway_project_id_2"' in out


def test_untaken_names_are_kept() -> None:
    _, text = _run({"main.tf": _BUCKET}, "aks")
    out = _all(text)
    assert 'variable "resource_group_name"' in out
    assert "subscription_id = var.azure_subscription_id" in out


_KUBE_LOOKUP = '''
variable "service_name" {
  type = string
}
data "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  kube_id      = "a1b2c3d4-0000-4000-8000-000000000001"
}
output "v" {
  value = data.ovh_cloud_project_kube.k.version
}
'''


def test_aks_lookup_group_variable_takes_a_free_name() -> None:
    result, text = _run({"main.tf": _var("aks_resource_group_name") + _KUBE_LOOKUP}, "aks")
    out = _all(text)
    assert "resource_group_name = var.azure_aks_resource_group_name" in out
    assert 'variable "azure_aks_resource_group_name"' in out
    assert 'variable "aks_resource_group_name" { type = string default = "taken" }' in out
    assert "var.aks_resource_group_name" not in out


_S3_OUT = 'output "e" {\n  value = "https://s3.gra.io.cloud.ovh.net"\n}\n'


def test_s3_gateway_variable_takes_a_free_name() -> None:
    result, text = _run({"main.tf": _var("s3_gateway_endpoint") + _S3_OUT}, "aks")
    out = _all(text)
    assert "value = var.azure_s3_gateway_endpoint" in out
    assert 'variable "azure_s3_gateway_endpoint"' in out
    said = [d.message for d in result.diagnostics if "S3 endpoint" in d.message]
    assert said and "`var.azure_s3_gateway_endpoint`" in said[0]


def test_s3_gateway_variable_of_a_child_is_passed_under_its_free_name() -> None:
    caller = 'module "m" {\n  source = "./modules/m"\n  s3_gateway_endpoint = "mine"\n}\n'
    _, text = _run({"main.tf": caller,
                    "modules/m/main.tf": _var("s3_gateway_endpoint", None) + _S3_OUT}, "aks")
    child, root = _all(text, "modules/m"), _all(text)
    assert "value = var.azure_s3_gateway_endpoint" in child
    assert 's3_gateway_endpoint = "mine"' in root  # (the author's argument)
    assert "azure_s3_gateway_endpoint = var.s3_gateway_endpoint" in root
    assert 'variable "s3_gateway_endpoint"' in root  # (not taken in the root: kept)


_S3_POLICY = '''
resource "ovh_cloud_project_storage" "data" {
  region_name = "WAW"
  name        = "acme-data"
}
resource "ovh_cloud_project_user" "a" {
  role_name = "objectstore_operator"
}
resource "ovh_cloud_project_user_s3_policy" "a" {
  user_id = ovh_cloud_project_user.a.id
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["arn:aws:s3:::acme-data/*"]
    }]
  })
}
'''


def test_scaleway_bucket_policy_admin_takes_a_free_name() -> None:
    result, text = _run({"main.tf": _var("scaleway_bucket_policy_admin") + _S3_POLICY},
                        "scaleway")
    out = _all(text)
    assert "SCW = var.scaleway_bucket_policy_admin_2" in out
    assert 'variable "scaleway_bucket_policy_admin_2"' in out
    said = [d for d in result.diagnostics if d.code == "IT307" and "bucket_policy" in d.message]
    assert said and "var.scaleway_bucket_policy_admin_2" in said[0].message
    assert "scaleway_bucket_policy_admin_2 to" in (said[0].hint or "")


def test_gke_database_connection_variable_takes_a_free_name() -> None:
    from test_gke_db_private_net import CHILD, _call, _id, _net
    child = CHILD + _var("network_id_private_services")
    result, text = _run({"main.tf": _net() + _call("orders", _id()),
                         "modules/db/main.tf": child}, "gke")
    sub, root = _all(text, "modules/db"), _all(text)
    assert "depends_on = [var.gcp_network_id_private_services]" in sub
    assert "ipv4_enabled = false" in sub  # private, as without the author's variable
    assert "gcp_network_id_private_services = google_service_networking_connection." \
        "private_services.id" in root
    assert any("var.gcp_network_id_private_services" in d.message
               for d in result.diagnostics if d.code == "IT307")


@pytest.mark.parametrize("target", ["aks", "gke"])
def test_workloads_namespace_variable_takes_a_free_name(tmp_path: Path, target: str) -> None:
    root = tmp_path / "estate"
    shutil.copytree(ESTATE, root)
    main = root / "platform" / "main.tf"
    main.write_text(main.read_text(encoding="utf-8") + "\n" + _var("workloads_namespace"),
                    encoding="utf-8")
    result = translate(root, target)
    platform = " ".join(t for p, t in result.files.items()
                        if p.startswith("terraform/platform/") and p.count("/") == 2)
    assert platform.count('variable "workloads_namespace"') == 1
    word = {"aks": "azure", "gke": "gcp"}[target]
    assert platform.count(f'variable "{word}_workloads_namespace"') == 1
    iam = result.files["terraform/platform/workloads_iam.tf"]
    assert f"var.{word}_workloads_namespace" in iam and "var.workloads_namespace" not in iam
    said = [d for d in result.diagnostics if d.code == "IT346" and
            d.message.startswith("ServiceAccount")]
    assert said and all(f"var.{word}_workloads_namespace" in d.message and
                        f"set var.{word}_workloads_namespace" in (d.hint or "") for d in said)
