"""EKS lowers through the tfbase families aks and scaleway share, not copies of them (issue 13)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from iac_translate.compiler.api import TranslateOptions, translate


def _spy(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[tuple[Any, ...]]:
    """Record the calls of module.name (still running it)."""
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., Any] = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, spy)
    return calls


def _eks(text: str) -> tuple[str, list[str]]:
    result = translate({"main.tf": text}, "eks", TranslateOptions())
    return "\n".join(result.files.values()), [f"{d.code} {d.message}" for d in result.diagnostics]


LOCKED = '''
resource "ovh_cloud_project_storage" "b" {
  service_name = "x"
  region_name  = "GRA"
  name         = "bucket-b"
  object_lock = {
    status = "enabled"
    rule = { mode = "governance", period = "P2M" }
  }
}
'''


def test_object_lock_is_the_shared_default_retention(monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.targets.tfbase import bucket_lock
    calls = _spy(monkeypatch, bucket_lock, "default_retention")
    out, diags = _eks(LOCKED)
    assert [c[3] for c in calls] == ["aws_s3_bucket_object_lock_configuration"]
    assert 'resource "aws_s3_bucket_object_lock_configuration" "b"' in out
    assert 'mode = "GOVERNANCE"' in out and "days = 60" in out
    assert any(d.startswith("IT301 object lock period `P2M`") for d in diags)


def _golden(case: str) -> dict[str, str]:
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "golden" / case / "input"
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("*.tf")}


def test_per_module_indexes_are_tfbase_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The subnets of a network, the pools of a cluster, the routed subnets and a module's
    first IAM user are indexed once per module through tfbase/readings, as aks does."""
    from iac_translate.targets.tfbase import readings
    index = _spy(monkeypatch, readings, "index")
    grouped = _spy(monkeypatch, readings, "grouped")
    for case in ("kube_full", "network_gateway_interface", "s3_user_policy"):
        translate(_golden(case), "eks", TranslateOptions())
    asked = {c[1].split(" ")[0] for c in index + grouped}
    assert {"eks.subnets_of", "eks.pools_of", "eks.routed", "eks.first_user"} <= asked


def test_number_and_template_builders_are_tfbase_keyed() -> None:
    from iac_translate.targets.eks import common
    from iac_translate.targets.tfbase import keyed
    assert (common.num, common.tpl) == (keyed.num, keyed.tpl)


POOLS = '''
resource "ovh_cloud_project_kube" "c" {
  service_name = "x"
  name         = "c"
  region       = "GRA11"
  lifecycle {
    ignore_changes = [version]
  }
}
resource "ovh_cloud_project_kube_nodepool" "a" {
  service_name  = "x"
  kube_id       = ovh_cloud_project_kube.c.id
  name          = "a"
  flavor_name   = "b3-16"
  desired_nodes = 2
  min_nodes     = 1
  max_nodes     = 5
  autoscale     = true
  lifecycle {
    ignore_changes = [desired_nodes, flavor_name]
  }
}
'''


def test_cluster_and_pool_lifecycles_are_tfbase_kube_lifecycle(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Renamed ignore_changes and the autoscaler's entry, as aks and scaleway place them."""
    from iac_translate.targets.tfbase import kube_lifecycle
    placed = _spy(monkeypatch, kube_lifecycle, "place")
    ignored = _spy(monkeypatch, kube_lifecycle, "ignore")
    out, _ = _eks(POOLS)
    assert [c[1].address for c in placed] == ["ovh_cloud_project_kube.c",
                                             "ovh_cloud_project_kube_nodepool.a"]
    assert [c[1] for c in ignored] == [("scaling_config[0].desired_size",)]
    assert "ignore_changes = [version]" in out
    assert "ignore_changes = [scaling_config[0].desired_size, instance_types, ami_type]" in out


LOOKED_UP = POOLS + '''
data "ovh_cloud_project_kube" "look" {
  service_name = "x"
  kube_id      = "abc"
}
data "ovh_cloud_project_kube_nodepool" "lp" {
  service_name = "x"
  kube_id      = data.ovh_cloud_project_kube.look.id
  name         = "pool"
}
'''


def test_clusters_and_pools_start_and_finish_as_the_kube_family(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The readings, Use and block of a cluster or pool, a looked-up one's placing, the
    update policy and the pool arguments no node group carries: tfbase/kube_family's."""
    from iac_translate.targets.tfbase import kube_family
    spies = {name: _spy(monkeypatch, kube_family, name) for name in (
        "start_cluster", "start_pool", "finish", "minimal_downtime", "report_dropped")}
    _, diags = _eks(LOOKED_UP.replace('autoscale     = true', 'autoscale     = true\n'
                                      '  monthly_billed = true'))
    seen = {name: sorted(c[1].address for c in calls) for name, calls in spies.items()}
    assert seen == {
        "start_cluster": ["data.ovh_cloud_project_kube.look", "ovh_cloud_project_kube.c"],
        "start_pool": ["data.ovh_cloud_project_kube_nodepool.lp",
                       "ovh_cloud_project_kube_nodepool.a"],
        "finish": ["data.ovh_cloud_project_kube.look",
                   "data.ovh_cloud_project_kube_nodepool.lp"],
        "minimal_downtime": ["ovh_cloud_project_kube.c"],
        "report_dropped": ["ovh_cloud_project_kube_nodepool.a"]}
    assert any(d.startswith("IT302 `monthly_billed` of ovh_cloud_project_kube_nodepool.a")
               for d in diags)


def test_lowerings_start_with_tfbase_start_and_security_groups(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The arguments a reader took are consumed by tfbase/start.use/begin (its BUCKET_READ
    and USER_READ, security_groups' GROUP_READ and RULE_READ), not a loop per lowering."""
    from iac_translate.targets.tfbase import security_groups, start
    uses = _spy(monkeypatch, start, "use")
    groups = _spy(monkeypatch, security_groups, "read_group")
    named = _spy(monkeypatch, security_groups, "group_named")
    for case in ("storage_bucket", "storage_lifecycle", "s3_user_policy", "registry",
                 "lossy_openstack_secgroups", "openstack_ovh", "loadbalancer", "gateway",
                 "database_ip_restriction_removed"):
        translate(_golden(case), "eks", TranslateOptions())
    read = {(c[3], c[2]) for c in uses}
    assert {("aws_s3_bucket", start.BUCKET_READ), ("aws_iam_user", start.USER_READ),
            ("aws_vpc_security_group_ingress_rule", security_groups.RULE_READ)} <= read
    assert {t for t, _ in read} >= {
        "aws_s3_bucket_lifecycle_configuration", "aws_ecr_repository_creation_template",
        "aws_lb", "aws_subnet x4", "aws_nat_gateway + aws_eip", "aws_volume_attachment"}
    assert [c[2] for c in groups] == ["aws_security_group"] * len(groups) != []
    assert named


def test_small_helpers_are_the_tfbase_ones() -> None:
    """A companion's meta, a per-instance block, a value per instance: tfbase's, re-exported
    where the eks families read them."""
    from iac_translate.targets.eks import cluster, database_net, netrefs
    from iac_translate.targets.tfbase import companions, dbpassword, pool_tuning
    assert netrefs.meta_only is companions.meta_only
    assert database_net.side is dbpassword.side
    assert cluster.per_instance is pool_tuning.per_instance


def test_sub_resources_and_s3_copies_read_as_tfbase_db_parts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.targets.tfbase import db_parts
    clusters = _spy(monkeypatch, db_parts, "cluster")
    read_all = _spy(monkeypatch, db_parts, "read_all")
    for case in ("database_postgresql", "database_user_untranslatable", "s3_aws_provider"):
        translate(_golden(case), "eks", TranslateOptions())
    assert clusters
    assert {c[2] for c in read_all} >= {"AWS", "aws_s3_bucket"}


def test_untranslated_sub_resources_are_tfbase_db_parts_unbuilt(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.targets.tfbase import db_parts
    unbuilt = _spy(monkeypatch, db_parts, "unbuilt")
    result = translate(_golden("database_user_untranslatable"), "eks", TranslateOptions())
    assert unbuilt and {c[2] for c in unbuilt} == {"AWS"}
    said = [d for d in result.diagnostics if d.code == "IT338"]
    assert len(said) >= len(unbuilt)


def test_names_and_zones_are_tfbase_keyed_and_fitmap() -> None:
    from iac_translate.targets.eks import common
    from iac_translate.targets.tfbase import fitmap, keyed
    assert (common.aws_name, common.zones_of) == (keyed.hyphen_name, fitmap.zones_of)
    assert keyed.hyphen_name("My__Bucket--01_") == "my-bucket-01"
    assert keyed.hyphen_name("9lives") == "x-9lives"
    assert keyed.hyphen_name("a" * 40 + "-b", 41) == "a" * 40


def test_companion_blocks_are_emitted_by_tfbase(monkeypatch: pytest.MonkeyPatch) -> None:
    """A NAT gateway's Elastic IPs and routes, a VPC's route tables and a bucket's settings
    are emitted per instance of their OVH resource by tfbase (companions.beside,
    dbpassword.side), not by a helper of each family."""
    from iac_translate.targets.tfbase import companions, dbpassword
    beside = _spy(monkeypatch, companions, "beside")
    side = _spy(monkeypatch, dbpassword, "side")
    for case in ("gateway", "storage_bucket"):
        translate(_golden(case), "eks", TranslateOptions())
    assert {c[2].labels[0] for c in beside} >= {"aws_eip", "aws_route", "aws_route_table"}
    assert "aws_s3_bucket_versioning" in {c[2].labels[0] for c in side}


def test_openstack_network_settings_are_tfbase_openstack_network(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.targets.tfbase import openstack_network
    calls = _spy(monkeypatch, openstack_network, "settings")
    _, diags = _eks('''
resource "openstack_networking_network_v2" "a" {
  name           = "a"
  admin_state_up = false
  mtu            = 1400
}
''')
    assert [c[1] for c in calls] == ["VPC"]
    assert any(d.startswith("IT302 `mtu` of openstack_networking_network_v2.a is not "
                            "translated: an OpenStack network setting with no VPC") for d in diags)
    assert any("a VPC is always up" in d for d in diags)


def test_other_openstack_resources_are_tfbase_lb_family_openstack_other(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An Octavia load balancer and its parts, else an omitted OpenStack resource: the
    dispatch lb_family holds (gke and aks wrote it again too)."""
    from iac_translate.targets.tfbase import lb_family
    calls = _spy(monkeypatch, lb_family, "openstack_other")
    result = translate(_golden("openstack_ovh"), "eks", TranslateOptions())
    assert "openstack_lb_loadbalancer_v2" in {c[1].type for c in calls}
    assert {c[4] for c in calls} == {"EKS"}
    assert any('resource "aws_lb"' in text for text in result.files.values())


def test_openstack_resources_drop_their_provider_through_tfbase() -> None:
    """`provider = openstack.x` removed from an OpenStack resource (aks and scaleway wrote
    the same function)."""
    from iac_translate.targets.eks import placement
    from iac_translate.targets.tfbase import passthrough
    assert placement.unbound is passthrough.unbound
    out, _ = _eks('''
provider "openstack" {
  alias  = "gra"
  region = "GRA9"
}
resource "openstack_networking_secgroup_v2" "g" {
  provider = openstack.gra
  name     = "g"
}
''')
    assert "openstack.gra" not in out and 'resource "aws_security_group" "g"' in out


def test_a_resource_elsewhere_says_its_region_through_tfbase_fitmap() -> None:
    """`region` on a resource outside the module's first region (scaleway/compute wrote the
    same function)."""
    from iac_translate.targets.eks import placement
    from iac_translate.targets.tfbase import fitmap
    assert placement.set_region is fitmap.set_region
    out, _ = _eks('''
resource "ovh_cloud_project_network_private" "n" {
  service_name = "x"
  name         = "n"
  regions      = ["GRA9"]
}
resource "openstack_compute_instance_v2" "far" {
  name        = "far"
  region      = "BHS5"
  flavor_name = "b3-8"
  image_name  = "Debian 12"
}
''')
    assert re.search(r'region\s+= "ca-central-1"', out)


REGISTRIES = '''
variable "reg_name" {
  default = "My_Registry"
}
resource "ovh_cloud_project_containerregistry" "lit" {
  service_name = "x"
  name         = "Apps__Registry"
  region       = "GRA"
}
resource "ovh_cloud_project_containerregistry" "var" {
  service_name = "x"
  name         = var.reg_name
  region       = "GRA"
}
data "ovh_cloud_project_containerregistry" "byid" {
  service_name = "x"
  registry_id  = "abc-123"
}
'''


def test_registry_names_are_tfbase_registry_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry's literal name, its computed one, its label when read by OVH id (IT308):
    tfbase/registry_name (scaleway and aks name their registries the same way)."""
    from iac_translate.targets.tfbase import registry_name
    calls = _spy(monkeypatch, registry_name, "registry_name")
    out, diags = _eks(REGISTRIES)
    assert sorted(c[1].address for c in calls) == [
        "data.ovh_cloud_project_containerregistry.byid",
        "ovh_cloud_project_containerregistry.lit", "ovh_cloud_project_containerregistry.var"]
    # (a variable's literal default is its name too)
    assert re.search(r'prefix\s+= "apps-registry"', out)
    assert re.search(r'prefix\s+= "my-registry"', out)
    assert "IT308 data.ovh_cloud_project_containerregistry.byid reads a registry by its OVH " \
        "id; the ECR prefix is taken to be its label `byid`" in diags


def test_s3_user_roles_are_tfbase_user_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each OVH role of an S3 user mapped (an AWS managed policy), else IT302; computed roles
    IT309: tfbase/user_roles (scaleway grants permission sets the same way)."""
    from iac_translate.targets.tfbase import user_roles
    calls = _spy(monkeypatch, user_roles, "granted")
    out, diags = _eks('''
variable "roles" {
  type    = list(string)
  default = ["administrator"]
}
resource "ovh_cloud_project_user" "a" {
  service_name = "x"
  role_names   = ["administrator", "nope"]
}
resource "ovh_cloud_project_user" "c" {
  service_name = "x"
  role_names   = var.roles
}
''')
    assert sorted(c[1].address for c in calls) == ["ovh_cloud_project_user.a",
                                                   "ovh_cloud_project_user.c"]
    assert "AdministratorAccess" in out
    assert "IT302 OVH role `nope` of ovh_cloud_project_user.a has no AWS managed policy that " \
        "keeps its meaning" in diags
    assert any(d.startswith("IT309 role_names of ovh_cloud_project_user.c") for d in diags)


def test_lifecycle_versions_are_tfbase_s3_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule's transitions and noncurrent versions' steps in S3's names: tfbase/s3_rules
    (scaleway's rules write the same)."""
    from iac_translate.targets.tfbase import s3_rules
    calls = _spy(monkeypatch, s3_rules, "transitions")
    out, _ = _eks('''
resource "ovh_cloud_project_storage" "b" {
  service_name = "x"
  region_name  = "GRA"
  name         = "bb"
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "l" {
  service_name   = "x"
  region_name    = "GRA"
  container_name = ovh_cloud_project_storage.b.name
  rules = [{
    id     = "nv"
    status = "enabled"
    noncurrent_version_transitions = [{ noncurrent_days = 10, storage_class = "GLACIER" }]
    noncurrent_version_expiration  = { noncurrent_days = 40, newer_noncurrent_versions = 2 }
  }]
}
''')
    assert len(calls) == 1
    assert re.search(r"noncurrent_version_expiration \{\s+newer_noncurrent_versions = 2\s+"
                     r"noncurrent_days\s+= 40", out)
    assert re.search(r'noncurrent_version_transition \{\s+noncurrent_days = 10\s+'
                     r'storage_class\s+= "GLACIER"', out)
