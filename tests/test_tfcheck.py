"""The offline Terraform schema checker catches planted mistakes and accepts a realistic file."""

import subprocess
import sys
from pathlib import Path

import pytest
from schema.tfcheck import Finding, check_paths, check_text, load_schemas

SCHEMA_DIR = Path(__file__).parent / "data" / "schemas"
TFCHECK = Path(__file__).parent / "schema" / "tfcheck.py"

VALID_TF = """\
terraform {
  required_providers {
    google     = { source = "hashicorp/google", version = "~> 6.50" }
    kubernetes = { source = "hashicorp/kubernetes", version = "~> 2.38" }
    helm       = { source = "hashicorp/helm", version = "~> 3.1" }
  }
}

variable "region" {
  type    = string
  default = "europe-west4"
}

locals {
  node_pools = { gpu = { min = 0, max = 4 } }
  cluster_ca = base64decode(google_container_cluster.main.master_auth[0].cluster_ca_certificate)
}

provider "google" {
  project = "demo-project"
  region  = var.region
}

resource "google_compute_network" "vpc" {
  name                    = "ai-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "nodes" {
  name          = "ai-nodes"
  region        = var.region
  network       = google_compute_network.vpc.id
  ip_cidr_range = "10.0.0.0/20"

  secondary_ip_range {
    range_name    = "pods"
    ip_cidr_range = "10.4.0.0/14"
  }
  secondary_ip_range {
    range_name    = "services"
    ip_cidr_range = "10.8.0.0/20"
  }
}

resource "google_compute_router" "router" {
  name    = "ai-router"
  region  = var.region
  network = google_compute_network.vpc.id
}

resource "google_compute_router_nat" "nat" {
  name                               = "ai-nat"
  router                             = google_compute_router.router.name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
}

resource "google_container_cluster" "main" {
  name                     = "ai-cluster"
  location                 = var.region
  network                  = google_compute_network.vpc.id
  subnetwork               = google_compute_subnetwork.nodes.id
  remove_default_node_pool = true
  initial_node_count       = 1
  deletion_protection      = false

  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }

  release_channel {
    channel = "REGULAR"
  }

  workload_identity_config {
    workload_pool = "demo-project.svc.id.goog"
  }
}

resource "google_container_node_pool" "gpu" {
  for_each = local.node_pools
  name     = each.key
  cluster  = google_container_cluster.main.id
  location = var.region

  autoscaling {
    total_min_node_count = each.value.min
    total_max_node_count = each.value.max
    location_policy      = "ANY"
  }

  node_config {
    machine_type = "g2-standard-8"
    disk_size_gb = 200
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
    labels       = { workload = "inference" }

    guest_accelerator {
      type  = "nvidia-l4"
      count = 1
      gpu_driver_installation_config {
        gpu_driver_version = "LATEST"
      }
    }

    taint {
      key    = "nvidia.com/gpu"
      value  = "present"
      effect = "NO_SCHEDULE"
    }
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  lifecycle {
    ignore_changes = [node_config[0].labels]
  }
}

resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = "ai-images"
  format        = "DOCKER"
}

resource "google_storage_bucket" "models" {
  name                        = "demo-project-models"
  location                    = "EU"
  uniform_bucket_level_access = true
  force_destroy               = false

  versioning {
    enabled = true
  }
}

resource "google_sql_database_instance" "db" {
  name             = "ai-db"
  region           = var.region
  database_version = "POSTGRES_16"

  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc.id
    }

    backup_configuration {
      enabled = true
    }
  }
}

data "google_client_config" "current" {}

provider "kubernetes" {
  host                   = "https://${google_container_cluster.main.endpoint}"
  token                  = data.google_client_config.current.access_token
  cluster_ca_certificate = local.cluster_ca
}

provider "helm" {
  kubernetes = {
    host                   = "https://${google_container_cluster.main.endpoint}"
    token                  = data.google_client_config.current.access_token
    cluster_ca_certificate = local.cluster_ca
  }
}

resource "helm_release" "vllm" {
  name       = "vllm"
  chart      = "vllm"
  repository = "https://example.invalid/charts"
  namespace  = "ai"
  set = [
    { name = "replicaCount", value = "2" },
  ]
}

output "endpoint" {
  value = google_container_cluster.main.endpoint
}
"""

# (case id, HCL text, expected line, message fragment). Each snippet holds exactly one mistake.
PLANTED = [
    (
        "unknown_type",
        """\
resource "google_container_clusterz" "c" {
  name = "x"
}
""",
        1,
        "unknown resource type 'google_container_clusterz'",
    ),
    (
        "unknown_data_source",
        """\
data "google_client_configz" "c" {}
""",
        1,
        "unknown data source 'google_client_configz'",
    ),
    (
        "unknown_argument",
        """\
resource "google_container_cluster" "c" {
  name = "x"
  node_count_typo = 3
}
""",
        3,
        "unsupported argument 'node_count_typo'",
    ),
    (
        "computed_only",
        """\
resource "google_container_cluster" "c" {
  name     = "x"
  endpoint = "1.2.3.4"
}
""",
        3,
        "'endpoint' is computed-only",
    ),
    (
        "block_written_as_attribute",
        """\
resource "google_container_cluster" "c" {
  name = "x"
  ip_allocation_policy = {
    cluster_secondary_range_name = "pods"
  }
}
""",
        3,
        "'ip_allocation_policy' is a block",
    ),
    (
        "attribute_written_as_block",
        """\
resource "google_container_cluster" "c" {
  name = "x"
  resource_labels {
    team = "ai"
  }
}
""",
        3,
        "'resource_labels' is an argument",
    ),
    (
        "helm_v2_kubernetes_block",
        """\
provider "helm" {
  kubernetes {
    host = "https://example"
  }
}
""",
        2,
        "'kubernetes' is an argument",
    ),
    (
        "missing_required_argument",
        """\
resource "google_compute_subnetwork" "s" {
  name          = "x"
  ip_cidr_range = "10.0.0.0/20"
}
""",
        1,
        "missing required argument 'network'",
    ),
    (
        "missing_required_nested_argument",
        """\
resource "google_container_node_pool" "p" {
  cluster = "c"
  node_config {
    guest_accelerator {
      type = "nvidia-l4"
    }
  }
}
""",
        4,
        "node_config.guest_accelerator: missing required argument 'count'",
    ),
    (
        "missing_required_block",
        """\
resource "kubernetes_deployment_v1" "d" {
  metadata {
    name = "x"
  }
}
""",
        1,
        "missing required block 'spec'",
    ),
    (
        "max_one_violated",
        """\
resource "google_container_cluster" "c" {
  name = "x"
  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }
  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }
}
""",
        8,
        "block 'master_auth' may appear at most 1",
    ),
    (
        "bad_dynamic_label",
        """\
resource "google_container_node_pool" "p" {
  cluster = "c"
  node_config {
    dynamic "guest_acceleratorz" {
      for_each = var.gpus
      content {
        type  = guest_acceleratorz.value
        count = 1
      }
    }
  }
}
""",
        4,
        "dynamic block for unknown block type 'guest_acceleratorz'",
    ),
    (
        "bad_argument_in_dynamic_content",
        """\
resource "google_container_node_pool" "p" {
  cluster = "c"
  node_config {
    dynamic "taint" {
      for_each = var.taints
      content {
        key    = taint.value.key
        value  = taint.value.value
        effect = taint.value.effect
        efect  = "typo"
      }
    }
  }
}
""",
        10,
        "node_config.taint: unsupported argument 'efect'",
    ),
    (
        "unknown_key_in_nested_attribute",
        """\
provider "helm" {
  kubernetes = {
    host                  = "https://example"
    cluster_ca_certficate = "typo"
  }
}
""",
        4,
        "provider.helm.kubernetes: unsupported attribute 'cluster_ca_certficate'",
    ),
    (
        "unknown_key_in_nested_list_attribute",
        """\
resource "helm_release" "r" {
  name  = "r"
  chart = "c"
  set = [
    { name = "a", value = "1" },
    { name = "b", valeu = "2" },
  ]
}
""",
        6,
        "helm_release.r.set: unsupported attribute 'valeu'",
    ),
    (
        "helm_set_written_as_block",
        """\
resource "helm_release" "r" {
  name  = "r"
  chart = "c"
  set {
    name  = "a"
    value = "1"
  }
}
""",
        4,
        "'set' is an argument",
    ),
    (
        "label_on_nested_block",
        """\
resource "google_container_cluster" "c" {
  name = "x"
  release_channel "fast" {
    channel = "RAPID"
  }
}
""",
        3,
        "block 'release_channel' takes no labels",
    ),
    (
        "dynamic_without_content",
        """\
resource "google_compute_subnetwork" "s" {
  name    = "x"
  network = "n"
  dynamic "secondary_ip_range" {
    for_each = var.ranges
  }
}
""",
        4,
        "needs exactly one content block",
    ),
    (
        "object_for_primitive",
        """\
resource "google_compute_network" "n" {
  name = { value = "x" }
}
""",
        2,
        "'name' expects a string",
    ),
    (
        "unknown_provider_argument",
        """\
provider "google" {
  projectt = "demo"
}
""",
        2,
        "provider.google: unsupported argument 'projectt'",
    ),
]


@pytest.fixture(scope="module")
def schemas():
    return load_schemas(SCHEMA_DIR)


def errors(findings):
    return [f for f in findings if f.severity == "error"]


def test_schemas_loaded(schemas):
    assert set(schemas.providers) >= {"google", "kubernetes", "helm"}
    google = schemas.providers["google"]
    assert google["meta"]["provider_version"] == "6.50.0"
    assert "google_container_cluster" in google["resources"]
    # helm 3.x: kubernetes is an object attribute, not a block
    helm_provider = schemas.providers["helm"]["provider"]
    assert (
        "kubernetes" in helm_provider["attributes"] and "kubernetes" not in helm_provider["blocks"]
    )


AWS_NODE_GROUP = """\
resource "aws_eks_node_group" "gpu" {
  cluster_name   = aws_eks_cluster.main.name
  node_role_arn  = aws_iam_role.node.arn
  subnet_ids     = aws_subnet.private[*].id
  instance_types = ["g6.xlarge"]
  ami_type       = "AL2023_x86_64_NVIDIA"
  scaling_config {
    desired_size = 1
    max_size     = 2
    min_size     = 0
  }
  taint {
    key    = "nvidia.com/gpu"
    value  = "true"
    effect = "NO_SCHEDULE"
  }
}
"""


def test_aws_schema_loaded_by_type_prefix(schemas):
    aws = schemas.providers["aws"]
    assert aws["meta"]["provider_version"] == "6.25.0"
    assert schemas.for_type("aws_eks_cluster") is aws
    assert "aws_eks_cluster_auth" in aws["data_sources"]


def test_aws_right_arguments_pass(schemas):
    assert check_text(AWS_NODE_GROUP, "eks.tf", schemas) == []


@pytest.mark.parametrize("old,new,line,fragment", [
    ("instance_types", "instance_type", 5, "unsupported argument 'instance_type'"),
    ("    min_size     = 0\n", "", 7, "missing required argument 'min_size'"),
    ('  cluster_name   = aws_eks_cluster.main.name\n', "", 1,
     "missing required argument 'cluster_name'"),
    ("  taint {", "  taints {", 12, "unsupported block type 'taints'"),
])
def test_aws_wrong_argument_reported(schemas, old, new, line, fragment):
    assert old in AWS_NODE_GROUP
    found = errors(check_text(AWS_NODE_GROUP.replace(old, new), "eks.tf", schemas))
    assert len(found) == 1, "\n".join(map(str, found))
    assert fragment in found[0].message and found[0].line == line, str(found[0])


def test_valid_file_has_no_errors(schemas):
    findings = check_text(VALID_TF, "valid.tf", schemas)
    assert findings == []


@pytest.mark.parametrize(
    "text,line,fragment", [p[1:] for p in PLANTED], ids=[p[0] for p in PLANTED]
)
def test_planted_mistake_reported_at_line(schemas, text, line, fragment):
    found = errors(check_text(text, "bad.tf", schemas))
    assert len(found) == 1, "\n".join(map(str, found))
    assert found[0].line == line, str(found[0])
    assert fragment in found[0].message


def test_meta_arguments_and_free_blocks_accepted(schemas):
    text = """\
resource "google_compute_network" "n" {
  count      = 2
  name       = "n-${count.index}"
  provider   = google
  depends_on = []
  lifecycle {
    prevent_destroy = true
  }
}
moved {
  from = google_compute_network.old
  to   = google_compute_network.n
}
module "m" {
  source = "./m"
  whatever = 1
}
"""
    assert check_text(text, "meta.tf", schemas) == []


def test_unloaded_provider_is_a_warning(schemas):
    text = """\
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
}
resource "terraform_data" "d" {}
"""
    found = check_text(text, "w.tf", schemas)
    assert [(f.line, f.severity) for f in found] == [(1, "warning"), (4, "warning")]


def test_syntax_error_is_an_error(schemas):
    found = check_text(
        'resource "google_compute_network" "n" {\n  name = \n}\n', "syntax.tf", schemas
    )
    assert len(found) == 1 and found[0].severity == "error" and "syntax error" in found[0].message


def test_finding_format():
    assert str(Finding("a.tf", 3, "boom")) == "a.tf:3: error: boom"


def test_check_paths_and_cli(tmp_path, schemas):
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "main.tf").write_text(VALID_TF)
    bad = tmp_path / "bad.tf"
    bad.write_text(PLANTED[2][1])
    assert check_paths([tmp_path / "good"], schemas) == []
    assert [f.line for f in errors(check_paths([bad], schemas))] == [3]

    ok = subprocess.run(
        [sys.executable, TFCHECK, "--schemas", SCHEMA_DIR, tmp_path / "good"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    ko = subprocess.run(
        [sys.executable, TFCHECK, "--schemas", SCHEMA_DIR, bad], capture_output=True, text=True
    )
    assert ko.returncode == 1
    assert (
        f"{bad}:3: error: google_container_cluster.c: unsupported argument 'node_count_typo'"
        in ko.stdout
    )
