"""Every GKE resource with a fixed name (instances, disks, clusters, databases, buckets,
firewalls, service accounts) gets the repeated-module IT308 of targets/gke/instance_names.py;
node pools, whose names are per cluster, do not."""

from __future__ import annotations

from iac_translate.compiler.api import translate

APP = '''
variable "service_name" {
  type = string
}
variable "prefix" {
  type    = string
  default = "p"
}
resource "ovh_cloud_project_instance" "web" {
  service_name   = var.service_name
  region         = "GRA11"
  name           = "web"
  billing_period = "hourly"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "img"
  }
  network {
    public = true
  }
}
resource "ovh_cloud_project_volume" "data" {
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "app-data"
  size         = 20
}
resource "ovh_cloud_project_kube" "k" {
  service_name = var.service_name
  name         = "apps"
  region       = "GRA11"
}
resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "general"
  flavor_name   = "b3-8"
  desired_nodes = 2
}
resource "ovh_cloud_project_database" "orders" {
  service_name = var.service_name
  description  = "orders"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database" "cache" {
  service_name = var.service_name
  description  = "cache"
  engine       = "redis"
  version      = "7.2"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
resource "openstack_networking_secgroup_v2" "front" {
  name = "front"
}
resource "openstack_networking_secgroup_rule_v2" "https" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 443
  port_range_max    = 443
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.front.id
}
resource "ovh_cloud_project_storage" "media" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "app-media"
}
resource "ovh_cloud_project_user" "ops" {
  service_name = var.service_name
  description  = "operations"
  role_name    = "objectstore_operator"
}
'''
KINDS = ("google_compute_instance of ovh_cloud_project_instance.web",
         "google_compute_disk of ovh_cloud_project_volume.data",
         "google_container_cluster of ovh_cloud_project_kube.k",
         "google_sql_database_instance of ovh_cloud_project_database.orders",
         "of ovh_cloud_project_database.cache",
         "google_compute_firewall of openstack_networking_secgroup_rule_v2.https",
         "google_storage_bucket of ovh_cloud_project_storage.media",
         "google_service_account of ovh_cloud_project_user.ops",
         # (the scaffolds a cluster without a private network gets, named after its label)
         "google_compute_network of ovh_cloud_project_kube.k is named `k-vpc`",
         "google_compute_subnetwork of ovh_cloud_project_kube.k is named `k-nodes`",
         "google_service_account of ovh_cloud_project_kube.k is named `k-nodes`")


def _call(name: str, meta: str = "") -> str:
    return f'module "{name}" {{\n  source = "./app"\n{meta}  service_name = "x"\n}}\n'


def _said(root: str, app: str = APP) -> list[str]:
    r = translate({"main.tf": root, "app/main.tf": app}, "gke")
    return [d.message for d in r.diagnostics
            if d.code == "IT308" and "fails at create" in d.message]


def test_every_fixed_name_of_a_repeated_module_is_said() -> None:
    said = _said(_call("a") + _call("b"))
    for kind in KINDS:
        assert sum(kind in m for m in said) == 1, (kind, said)
    assert not any("nodepool" in m or "node_pool" in m for m in said), said  # per cluster
    assert any("`app-media`" in m and "unique worldwide" in m for m in said), said
    assert any("`web`" in m and "per project and zone" in m for m in said), said
    assert len(said) == len(KINDS), said


def test_a_single_call_is_quiet() -> None:
    assert _said(_call("a")) == []
    assert _said(_call("a", "  count = 1\n")) == []


def test_names_from_a_variable_are_quiet() -> None:
    app = APP.replace('name           = "web"', 'name           = "${var.prefix}-web"') \
        .replace('name         = "apps"', 'name         = "${var.prefix}-apps"')
    said = _said(_call("a", '  for_each = toset(["x", "y"])\n'), app)
    assert not any("ovh_cloud_project_instance.web" in m or "google_container_cluster" in m
                   for m in said), said
    # the cluster's scaffolds still take their names from its label, not its name
    assert any("`k-vpc`" in m for m in said), said
    assert any("ovh_cloud_project_volume.data" in m and "has `for_each`" in m for m in said)


def test_load_balancers_registries_and_s3_buckets_are_said() -> None:
    """The load balancer of golden/lb_private, a registry, an aws_s3_bucket and the private
    services range of a Cloud SQL instance on a private network, in a module
    called twice: one IT308 for the load balancer (all its names start with one base)."""
    from pathlib import Path
    lb = (Path(__file__).parent.parent / "golden/lb_private/input/main.tf").read_text()
    extra = '''
resource "ovh_cloud_project_containerregistry" "images" {
  service_name = var.service_name
  name         = "images"
  region       = "GRA"
}
resource "ovh_cloud_project_database" "pg" {
  service_name = var.service_name
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.backend.regions_openstack_ids["GRA11"]
    subnet_id  = ovh_cloud_project_network_private_subnet_v2.backend.id
  }
}
provider "aws" {
  alias  = "ovh"
  region = "gra"
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}
resource "aws_s3_bucket" "logs" {
  provider = aws.ovh
  bucket   = "acme-logs"
}
'''
    said = _said(_call("a") + _call("b"), lb + extra)
    assert sum("ovh_cloud_project_loadbalancer.resolver" in m and "forwarding rules" in m
               for m in said) == 1, said
    assert any("google_compute_instance_group of ovh_cloud_project_loadbalancer.resolver is "
               "named `dns-0-dns-1-lb-backends`" in m for m in said), said
    assert any("google_artifact_registry_repository of ovh_cloud_project_containerregistry"
               ".images is named `images`" in m for m in said), said
    assert any("google_storage_bucket of aws_s3_bucket.logs is named `acme-logs`" in m
               and "worldwide" in m for m in said), said
    assert any("google_compute_network of ovh_cloud_project_network_private.backend" in m
               and "unique per project, so" in m for m in said), said  # (VPCs are global)
    assert any("(private services range) of ovh_cloud_project_database.pg is named "
               "`private-services`" in m for m in said), said


def test_a_region_passed_per_call_is_quiet() -> None:
    """Zonal and regional resources whose region is a module variable may be placed apart:
    quiet; project-wide ones (the bucket, the SQL instance) still collide."""
    app = APP.replace('"GRA11"', 'var.region') + 'variable "region" {\n  type = string\n}\n'
    root = _call("a", '  region = "GRA11"\n') + _call("b", '  region = "SBG5"\n')
    said = _said(root, app)
    for quiet in ("google_compute_instance of", "google_compute_disk of",
                  "google_container_cluster of", "google_compute_subnetwork of"):
        assert not any(quiet in m for m in said), (quiet, said)
    assert any("google_storage_bucket of" in m for m in said), said
    assert any("google_sql_database_instance of" in m for m in said), said
