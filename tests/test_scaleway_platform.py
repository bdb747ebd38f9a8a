"""Scaleway provider blocks: scaleway requirement and provider, the state backend on Scaleway
Object Storage, OVH-aimed aws providers, module provider passing, the kube providers' token."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from iac_translate.compiler.api import TranslateOptions, translate

TARGETS = Path(__file__).resolve().parent.parent / "targets"

BACKEND = '''
terraform {
  required_providers {
    ovh = { source = "ovh/ovh", version = "~> 2.19" }
  }
  backend "s3" {
    bucket    = "acme-state"
    key       = "prod/terraform.tfstate"
    region    = "sbg"
    endpoints = { s3 = "https://s3.sbg.io.cloud.ovh.net" }
    skip_credentials_validation = true
    use_path_style = true
    encrypt   = true
    access_key = "AKOVHEXAMPLE"
  }
}
provider "ovh" {
  endpoint = "ovh-eu"
}
'''

KC = "ovh_cloud_project_kube.apps.kubeconfig_attributes[0]"
KUBE = f'''
resource "ovh_cloud_project_kube" "apps" {{
  service_name = "x"
  name         = "apps"
  region       = "GRA11"
}}
provider "helm" {{
  kubernetes = {{
    host                   = {KC}.host
    client_certificate     = base64decode({KC}.client_certificate)
    client_key             = base64decode({KC}.client_key)
  }}
}}
provider "kubernetes" {{
  host               = {KC}.host
  client_certificate = base64decode({KC}.client_certificate)
  client_key         = base64decode({KC}.client_key)
}}
'''


def _run(files: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    r = translate(files, "scaleway")
    return r.files, [f"{d.code} {d.message}" for d in r.diagnostics]


def _block(text: str, head: str) -> str:
    """The body of the first block starting with `head` (up to its closing brace)."""
    start = text.index(head)
    depth, i = 0, text.index("{", start)
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i:j + 1]
    raise AssertionError(head)


def test_backend_moves_to_scaleway_object_storage() -> None:
    files, diags = _run({"main.tf": BACKEND})
    main = files["main.tf"]
    assert 'scaleway = { source = "scaleway/scaleway", version = "~> 2.81" }' in main
    backend = _block(main, 'backend "s3"')
    assert '"acme-state"' in backend and '"prod/terraform.tfstate"' in backend
    assert 'region                      = "fr-par"' in backend
    assert 'endpoints                   = { s3 = "https://s3.fr-par.scw.cloud" }' in backend
    for kept in ("skip_credentials_validation", "skip_region_validation",
                 "skip_requesting_account_id", "encrypt"):
        assert kept in backend, kept
    for gone in ("ovh.net", "use_path_style", "AKOVHEXAMPLE", "access_key"):
        assert gone not in main, gone
    it301 = [d for d in diags if d.startswith("IT301") and "backend" in d]
    assert it301 and "terraform init -migrate-state" in it301[0]
    assert "s3.fr-par.scw.cloud" in it301[0]
    assert not any("AKOVHEXAMPLE" in d for d in diags)


def test_provider_takes_region_zone_and_project_variable() -> None:
    files, diags = _run({"main.tf": BACKEND})
    provider = _block(files["main.tf"], 'provider "scaleway"')
    assert 'region     = "fr-par"' in provider and 'zone       = "fr-par-1"' in provider
    assert "project_id = var.scaleway_project_id" in provider
    scaffold = files["scaleway_scaffold.tf"]
    assert 'variable "scaleway_project_id"' in scaffold and "default     = null" in scaffold
    assert any(d.startswith("IT302 provider ovh `endpoint`") and "SCW_ACCESS_KEY" in d
               for d in diags)
    assert 'provider "ovh"' not in files["main.tf"]


def test_no_region_is_said() -> None:
    files, diags = _run({"main.tf": 'provider "ovh" {\n  endpoint = "ovh-eu"\n}\n'})
    provider = _block(files["main.tf"], 'provider "scaleway"')
    assert "region" not in provider and "SCW_DEFAULT_REGION" in files["main.tf"]
    assert any(d.startswith("IT308") and "SCW_DEFAULT_REGION" in d for d in diags)


def test_kube_providers_use_the_kapsule_token() -> None:
    files, diags = _run({"main.tf": KUBE})
    main = files["main.tf"]
    for head in ('provider "helm"', 'provider "kubernetes"'):
        body = _block(main, head)
        assert "token" in body and "scaleway_k8s_cluster.apps.kubeconfig[0].token" in body
        assert "client_certificate" not in body and "client_key" not in body
    notes = [d for d in diags if "Kapsule cluster's token" in d]
    assert len(notes) == 2 and all(d.startswith("IT301") for d in notes)


def test_module_providers_and_ovh_aws_provider() -> None:
    src = '''
provider "ovh" {
  alias    = "eu"
  endpoint = "ovh-eu"
}
provider "aws" {
  region = "gra"
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}
module "m" {
  source    = "./m"
  providers = { ovh = ovh.eu, aws = aws }
}
'''
    files, diags = _run({"main.tf": src, "m/main.tf": 'variable "x" {\n  default = 1\n}\n'})
    main = files["main.tf"]
    assert "scaleway = scaleway.eu" in main and "aws" not in _block(main, 'module "m"')
    assert 'provider "aws"' not in main
    assert any(d.startswith("IT330") for d in diags)
    assert any(d.startswith("IT331") and "`aws = aws`" in d for d in diags)
    assert any(d.startswith("IT302") and "scaleway_object_bucket" in d for d in diags)


def test_platform_table_matches_its_schema() -> None:
    data = json.loads((TARGETS / "scaleway" / "platform.json").read_text())
    schema = json.loads((TARGETS / "schemas" / "scaleway_platform.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    bad = {**data, "gateway_types": {**data["gateway_types"], "default": "VPC-GW-XXL"}}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_backend_in_a_region_scaleway_lacks_is_a_todo_not_amazon() -> None:
    files, diags = _run({"main.tf": BACKEND.replace('"sbg"', '"bhs"').replace(
        "s3.sbg.", "s3.bhs.")})
    backend = _block(files["main.tf"], 'backend "s3"')
    assert "TODO(IT364)" in backend and "scw.cloud" in backend
    assert "TODO(IT304)" not in backend and not any(d.startswith("IT304") for d in diags)
    assert any(d.startswith("IT364") and "`bhs`" in d and "North America" in d for d in diags)


def test_backend_endpoint_is_the_region_tables() -> None:
    """One S3 endpoint pattern for the backend and every other endpoint: regions.json's."""
    pattern = "https://objects.{region}.example.scw.cloud"
    r = translate({"main.tf": BACKEND}, "scaleway", TranslateOptions(
        mapping_overrides={"scaleway/regions.json": {"s3_endpoint": pattern}}))
    backend = _block(r.files["main.tf"], 'backend "s3"')
    assert '"https://objects.fr-par.example.scw.cloud"' in backend, backend


def test_a_root_with_only_an_ovh_aws_provider_takes_its_region() -> None:
    src = ('provider "aws" {\n  alias = "ovh"\n  region = "gra"\n  endpoints {\n'
           '    s3 = "https://s3.gra.io.cloud.ovh.net"\n  }\n}\n')
    files, diags = _run({"main.tf": src})
    text = "\n".join(files.values())
    assert 'region     = "fr-par"' in _block(text, 'provider "scaleway"')
    assert not any("names no region" in d for d in diags)
