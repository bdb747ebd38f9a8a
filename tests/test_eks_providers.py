"""EKS provider blocks: aws requirement and provider, the state backend, OVH-aimed aws
providers, module provider passing and the kube providers' EKS token."""

from __future__ import annotations

from iac_translate.compiler.api import translate

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
    access_key = "AKOVH"
  }
}
provider "ovh" {
  endpoint = "ovh-eu"
}
'''


def _run(files: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    r = translate(files, "eks")
    return r.files, [f"{d.code} {d.message}" for d in r.diagnostics]


def test_backend_stays_s3_on_aws() -> None:
    files, diags = _run({"main.tf": BACKEND})
    main = files["main.tf"]
    assert 'aws = { source = "hashicorp/aws", version = "~> 6.24" }' in main
    assert 'backend "s3" {' in main and 'bucket  = "acme-state"' in main
    assert 'key     = "prod/terraform.tfstate"' in main
    assert 'region  = "eu-central-1"' in main and "encrypt = true" in main
    for gone in ("endpoints", "skip_credentials_validation", "use_path_style", "AKOVH", "ovh"):
        assert gone not in main.split('backend "s3"')[1].split("}")[0], gone
    # the root provider works where the state lives when no resource names a region
    assert 'provider "aws" {\n  region = "eu-central-1"\n}' in main
    it301 = [d for d in diags if d.startswith("IT301")]
    assert it301 and "terraform init -migrate-state" in it301[0] and "eu-central-1" in it301[0]
    assert any("provider ovh `endpoint` is not translated" in d for d in diags)


def test_backend_not_on_ovh_is_kept() -> None:
    src = BACKEND.replace("https://s3.sbg.io.cloud.ovh.net", "https://minio.example.com")
    files, diags = _run({"main.tf": src})
    assert "minio.example.com" in files["main.tf"] and "use_path_style" in files["main.tf"]
    assert not any("migrate-state" in d for d in diags)


def test_unknown_backend_region_is_reported() -> None:
    files, diags = _run({"main.tf": BACKEND.replace('"sbg"', '"zz"')})
    assert any(d.startswith("IT304") and "`zz`" in d for d in diags)
    assert 'region = "zz"' not in files["main.tf"]


OVH_AWS = '''
provider "ovh" {
  alias = "eu"
}
provider "aws" {
  alias      = "ovhs3"
  region     = "gra"
  access_key = "k"
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
  skip_region_validation = true
}
provider "aws" {
  region = "gra"
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}
resource "aws_s3_bucket" "b" {
  provider = aws.ovhs3
  bucket   = "data"
}
module "m" {
  source    = "./mod"
  providers = { ovh = ovh.eu, aws = aws.ovhs3 }
}
'''
MOD = '''
terraform {
  required_providers {
    ovh = { source = "ovh/ovh", configuration_aliases = [ovh] }
  }
}
'''


def test_ovh_aimed_aws_providers_and_module_providers() -> None:
    files, diags = _run({"main.tf": OVH_AWS, "mod/main.tf": MOD})
    main = files["main.tf"]
    # the aliased one stays (the bucket names it), in the mapped region, without OVH settings
    assert 'provider "aws" {\n  region = "eu-west-3"\n  alias  = "ovhs3"\n}' in main
    assert "provider = aws.ovhs3" in main and "s3.gra.io.cloud.ovh.net" not in main
    assert 'alias = "eu"' in main
    # without alias and no default ovh provider: it becomes the default aws provider
    assert main.count('provider "aws" {') == 3
    assert any(d.startswith("IT302 provider aws `access_key`") for d in diags)
    assert any(d.startswith("IT302 provider aws `skip_region_validation`") for d in diags)
    assert any(d.startswith("IT330") and "`aws = aws.eu`" in d for d in diags)
    assert any(d.startswith("IT331") and "aws = aws.ovhs3" in d for d in diags)
    assert "providers = { aws = aws.eu }" in main
    assert "configuration_aliases = [aws]" in files["mod/main.tf"]
    assert "ovh" not in files["mod/main.tf"].split("\n", 1)[1]


def test_default_ovh_aws_is_merged_into_the_provider_ovh_became() -> None:
    src = OVH_AWS.replace('provider "ovh" {\n  alias = "eu"\n}', 'provider "ovh" {}')
    src = src.replace("ovh = ovh.eu, ", "")
    files, diags = _run({"main.tf": src, "mod/main.tf": MOD})
    assert files["main.tf"].count('provider "aws" {') == 2  # ovh's and the alias
    assert any(d.startswith("IT302") and "is merged into the aws provider" in d for d in diags)


KUBE = '''
resource "ovh_cloud_project_kube" "k" {
  name   = "prod"
  region = "GRA11"
}
locals {
  kc = ovh_cloud_project_kube.k.kubeconfig_attributes[0]
}
provider "kubernetes" {
  host               = local.kc.host
  client_certificate = base64decode(local.kc.client_certificate)
  client_key         = base64decode(local.kc.client_key)
}
provider "helm" {
  kubernetes {
    client_key = base64decode(local.kc.client_key)
    config_context = "x"
  }
}
'''


def test_kube_providers_get_an_eks_token() -> None:
    files, diags = _run({"main.tf": KUBE})
    text = "\n".join(files.values())
    assert 'data "aws_eks_cluster_auth" "k" {' in text
    assert text.count("token = data.aws_eks_cluster_auth.k.token") + text.count(
        "token              = data.aws_eks_cluster_auth.k.token") >= 1
    providers = text.split("locals")[0].split('provider "helm"')[1]
    assert "client_certificate" not in providers and "client_key" not in providers
    assert 'config_context = "x"' in providers
    assert sum(d.startswith("IT301 provider") and "IAM token" in d for d in diags) == 2


def test_root_provider_takes_the_region_its_modules_map() -> None:
    """AWS resources take the provider's region: a root whose resources live in a called
    module configures the provider in the region that module maps."""
    files, _ = _run({"main.tf": 'provider "ovh" {}\nmodule "net" {\n  source = "./net"\n}\n',
                     "net/main.tf": 'resource "ovh_cloud_project_network_private" "n" {\n'
                                    '  name    = "n"\n  regions = ["SBG5"]\n}\n'})
    assert 'provider "aws" {\n  region = "eu-central-1"\n}' in files["main.tf"]
    assert "AWS_REGION" not in files["main.tf"]


OPENSTACK_REGION = '''
variable "openstack_region" {
  type    = string
  default = "GRA9"
}
provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3/"
  region   = var.openstack_region
}
resource "openstack_networking_network_v2" "net" {
  name = "net"
}
resource "openstack_networking_subnet_v2" "sub" {
  network_id = openstack_networking_network_v2.net.id
  cidr       = "10.0.0.0/24"
}
'''


def test_root_provider_takes_the_openstack_provider_region() -> None:
    """No resource names a region, the openstack provider does (through a variable's
    default): the aws provider works there and says where it came from."""
    files, diags = _run({"main.tf": OPENSTACK_REGION})
    out = "\n".join(files.values())
    assert 'provider "aws" {\n  region = "eu-west-3"\n}' in out
    assert "names no region" not in out
    assert any(d.startswith("IT301") and "`GRA9` (the default of var.openstack_region)" in d
               and "provider openstack" in d for d in diags)
    literal = OPENSTACK_REGION.replace("var.openstack_region", '"BHS5"')
    files, _ = _run({"main.tf": literal})
    assert 'region = "ca-central-1"' in "\n".join(files.values())
    computed = OPENSTACK_REGION.replace("var.openstack_region", "lower(var.openstack_region)")
    files, _ = _run({"main.tf": computed})
    assert "names no region" in "\n".join(files.values())


OVH_AWS_VAR_REGION = '''
variable "region" {
  type    = string
  default = "de"
}
provider "aws" {
  region                      = var.region
  skip_credentials_validation = true
  skip_region_validation      = true
  endpoints {
    s3 = "https://s3.${var.region}.io.cloud.ovh.net"
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "acme-b"
}
'''


def test_ovh_aimed_aws_provider_region_variable() -> None:
    """`region = var.region` of an aws provider aimed at OVH S3 (an OVH region name): the
    variable's default is mapped; an unmappable region is reported, never dropped silently."""
    files, diags = _run({"main.tf": OVH_AWS_VAR_REGION})
    assert 'region = "eu-central-1"' in files["main.tf"]
    assert any(d.startswith("IT301") and "`de` (the default of var.region)" in d
               for d in diags)
    files, diags = _run({"main.tf": OVH_AWS_VAR_REGION.replace('"de"', '"zz"')})
    assert "region =" not in files["main.tf"].split('provider "aws"')[1].split("}")[0]
    assert any(d.startswith("IT302") and "provider aws `region` is not translated" in d
               for d in diags)


def test_every_output_requires_aws_6_24() -> None:
    """availability_mode (a regional NAT gateway) and aws_eks_cluster deletion_protection
    came with hashicorp/aws 6.24.0: every translation requires it, with a NAT or without."""
    net = '''
resource "ovh_cloud_project_network_private" "net" {
  name    = "n"
  regions = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "s" {
  network_id = ovh_cloud_project_network_private.net.id
  region     = "GRA11"
  network    = "10.0.0.0/24"
}
'''
    gw = net + '''
resource "ovh_cloud_project_gateway" "gw" {
  name       = "gw"
  model      = "s"
  region     = "GRA11"
  network_id = ovh_cloud_project_network_private.net.id
  subnet_id  = ovh_cloud_project_network_private_subnet.s.id
}
'''
    files, _ = _run({"main.tf": gw})
    out = "\n".join(files.values())
    assert 'availability_mode = "regional"' in out
    assert 'aws = { source = "hashicorp/aws", version = "~> 6.24" }' in out
    files, _ = _run({"main.tf": net})
    out = "\n".join(files.values())
    assert "aws_nat_gateway" not in out
    assert 'aws = { source = "hashicorp/aws", version = "~> 6.24" }' in out
    assert '"~> 6.0"' not in out
