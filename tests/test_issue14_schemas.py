"""The azurerm schema extracted from @cdktf/provider-azurerm, and Scaleway's read from ../shared."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from schema import shared_schemas
from schema.tfcheck import check_text

DATA = Path(__file__).parent / "data" / "schemas"

AKS_TF = '''resource "azurerm_resource_group" "rg" {
  name     = "rg-ovh"
  location = "francecentral"
}

resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = "x"
  vm_size               = "Standard_NC24ads_A100_v4"
  node_taints           = ["nvidia.com/gpu=present:NoSchedule"]
  nope                  = 1
}
'''

SCW_TF = '''resource "scaleway_k8s_pool" "p" {
  cluster_id = "x"
  name       = "p"
  node_type  = "L4-1-24G"
  size       = 1
  nope       = 1
}
'''


def test_azurerm_schema_is_the_4x_provider():
    with gzip.open(DATA / "azurerm.schema.json.gz", "rt", encoding="utf-8") as f:
        doc = json.load(f)
    assert doc["meta"]["provider_source"] == "hashicorp/azurerm"
    assert doc["meta"]["provider_version"].startswith("4.")
    assert doc["meta"]["names_from_camel_fallback"] == 0
    res = doc["resources"]
    for t in ("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool",
              "azurerm_postgresql_flexible_server", "azurerm_mongo_cluster",
              "azurerm_eventhub_namespace", "azurerm_redis_cache", "azurerm_storage_account"):
        assert t in res, t
    pool = res["azurerm_kubernetes_cluster_node_pool"]["attributes"]
    assert pool["name"].get("required") and "vm_size" in pool  # optional in 4.x
    assert "default_node_pool" in res["azurerm_kubernetes_cluster"]["blocks"]


def test_azurerm_schema_checks_aks_terraform():
    from schema.tfcheck import load_schemas
    findings = check_text(AKS_TF, "aks.tf", load_schemas(DATA))
    assert [f.message for f in findings if "nope" in f.message], findings
    assert not [f for f in findings if "nope" not in f.message], findings


def test_scaleway_schema_from_shared_or_a_clear_skip():
    doc = shared_schemas.scaleway()  # skips, naming the path, when ../shared is absent
    assert doc["meta"]["provider_source"] == "scaleway/scaleway"
    for t in ("scaleway_k8s_cluster", "scaleway_k8s_pool", "scaleway_vpc_private_network",
              "scaleway_rdb_instance", "scaleway_object_bucket", "scaleway_iam_api_key"):
        assert t in doc["resources"], t
    findings = check_text(SCW_TF, "scw.tf", shared_schemas.with_shared("scaleway"))
    assert [f.message for f in findings if "nope" in f.message], findings


def test_missing_shared_says_where_it_looked(monkeypatch, tmp_path):
    monkeypatch.setenv(shared_schemas.ENV, str(tmp_path))
    reason = shared_schemas.missing_reason("scaleway")
    assert reason and str(tmp_path) in reason and shared_schemas.ENV in reason
    with pytest.raises(pytest.skip.Exception, match="scaleway provider schema not found"):
        shared_schemas.require("scaleway")


def _no_empty(x):
    """The oracle omits empty `attributes`/`blocks`; the project's extractor writes them."""
    if isinstance(x, dict):
        return {k: _no_empty(v) for k, v in x.items() if not (k in ("attributes", "blocks")
                                                              and v == {})}
    return x


def test_azurerm_schema_matches_the_shared_oracle():
    oracle = shared_schemas.require("azurerm")
    with gzip.open(DATA / "azurerm.schema.json.gz", "rt", encoding="utf-8") as f:
        ours = json.load(f)
    assert ours["meta"]["provider_version"] == oracle["meta"]["provider_version"]
    for kind in ("resources", "data_sources"):
        assert set(ours[kind]) == set(oracle[kind]), kind
        differ = [t for t in ours[kind] if _no_empty(ours[kind][t]) != _no_empty(oracle[kind][t])]
        assert not differ, (kind, differ[:5])
