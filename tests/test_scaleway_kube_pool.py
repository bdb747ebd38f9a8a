"""Kapsule pools (scaleway target): zones, GPU types, taints, placement, autoscaling."""

from __future__ import annotations

import pytest
from test_scaleway_kube import HEAD, POOL, _cluster, _run


def test_pool_zone_placement_taints_and_autoscaling() -> None:
    result, text = _run(_cluster("free", "MINIMAL_DOWNTIME") + POOL.replace("{flavor}", "b3-8"))
    flat = " ".join(text.split())
    assert "cluster_id = scaleway_k8s_cluster.k.id" in flat
    assert 'zone = "fr-par-1"' in flat
    assert any(d.code == "IT301" and "single-zone" in d.message for d in result.diagnostics)
    assert "autoscaling = true min_size = 1 max_size = 4" in flat
    assert "ignore_changes = [size]" in flat
    assert 'taints { key = "dedicated" value = "" effect = "NoExecute" }' in flat
    assert 'resource "scaleway_instance_placement_group" "p"' in flat
    assert 'policy_type = "max_availability"' in flat
    assert "placement_group_id = scaleway_instance_placement_group.p.id" in flat
    assert "upgrade_policy { max_surge = 1 max_unavailable = 0 }" in flat


def test_gpu_pool_is_tainted() -> None:
    result, text = _run(_cluster() + POOL.replace("{flavor}", "l40s-90"))
    flat = " ".join(text.split())
    assert 'node_type = "L40S-1-48G"' in flat
    assert 'key = "nvidia.com/gpu" value = "true" effect = "NoSchedule"' in flat


@pytest.mark.parametrize("zones,expected", [(None, "fr-par-2"), ('["eu-west-par-a"]', "fr-par-2")])
def test_gpu_pool_goes_to_a_zone_that_offers_its_type(zones: str | None, expected: str) -> None:
    pool = POOL.replace("{flavor}", "l40s-90")
    pool = pool.replace('["eu-west-par-a", "eu-west-par-b"]', zones) if zones else \
        pool.replace('  availability_zones = ["eu-west-par-a", "eu-west-par-b"]\n', "")
    result, text = _run(_cluster() + pool)
    flat = " ".join(text.split())
    assert f'zone = "{expected}"' in flat
    assert any(d.code == "IT301" and "offered in fr-par-2, pl-waw-2 only" in d.message
               for d in result.diagnostics)


def test_gpu_type_a_region_does_not_offer_is_a_decision() -> None:
    tf = _cluster().replace('"GRA11"', '"DE1"') + POOL.replace("{flavor}", "l40s-90").replace(
        '  availability_zones = ["eu-west-par-a", "eu-west-par-b"]\n', "")
    result, _ = _run(tf)
    assert any(d.code == "IT308" and "not in nl-ams" in d.message for d in result.diagnostics)


def test_scale_down_tuning_becomes_the_clusters_autoscaler_config() -> None:
    tuned = POOL.replace("{flavor}", "b3-8").replace(
        "  autoscale          = true\n", "  autoscale          = true\n"
        "  autoscaling_scale_down_unneeded_time_seconds = 900\n"
        "  autoscaling_scale_down_unready_time_seconds  = 1200\n"
        "  autoscaling_scale_down_utilization_threshold = 0.5\n")
    other = tuned.replace('"p"', '"q"').replace("= 0.5", "= 0.7")
    result, text = _run(_cluster() + tuned + other)
    flat = " ".join(text.split())
    assert 'autoscaler_config { scale_down_unneeded_time = "900s" ' \
        "scale_down_utilization_threshold = 0.5 }" in flat
    messages = [d.message for d in result.diagnostics]
    assert any("unready" in m and "not translated" in m for m in messages)
    assert any("differs from another pool's" in m and "keeps 0.5" in m for m in messages)


def test_nodes_routed_through_the_gateway_have_no_public_ip() -> None:
    tf = HEAD + '''
resource "ovh_cloud_project_network_private" "n" {
  service_name = var.service_name
  name         = "n"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "s" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.n.id
  region       = "GRA11"
  network      = "10.0.0.0/16"
  start        = "10.0.0.10"
  end          = "10.0.255.250"
  dhcp         = true
}
resource "ovh_cloud_project_gateway" "g" {
  service_name = var.service_name
  name         = "g"
  model        = "s"
  region       = "GRA11"
  network_id   = tolist(ovh_cloud_project_network_private.n.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.s.id
}
resource "ovh_cloud_project_kube" "k" {
  service_name       = var.service_name
  name               = "k"
  region             = "GRA11"
  version            = "1.35"
  private_network_id = one(ovh_cloud_project_network_private.n.regions_attributes[*].openstackid)
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.s.id
  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = {routed}
  }
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "p"
  flavor_name   = "b3-8"
  desired_nodes = 1
}
'''
    _, text = _run(tf.replace("{routed}", "true"))
    flat = " ".join(text.split())
    assert "private_network_id = scaleway_vpc_private_network.s.id" in flat
    assert "public_ip_disabled = true" in flat
    _, text = _run(tf.replace("{routed}", "false"))
    assert "public_ip_disabled" not in text


def test_placement_group_and_pool_share_a_zone() -> None:
    pool = POOL.replace("{flavor}", "b3-8").replace(
        '  availability_zones = ["eu-west-par-a", "eu-west-par-b"]\n', "")
    _, text = _run(_cluster() + pool)
    flat = " ".join(text.split())
    assert flat.count('zone = "${scaleway_k8s_cluster.k.region}-1"') == 2


@pytest.mark.parametrize("flavor,zone", [("l4-90", None), ("l40s-90", "fr-par-2")])
def test_gpu_zone_through_a_region_variable(flavor: str, zone: str | None) -> None:
    tf = _cluster().replace('"GRA11"', "var.region") + '''
variable "region" {
  type    = string
  default = "GRA11"
}
''' + POOL.replace("{flavor}", flavor).replace(
        '  availability_zones = ["eu-west-par-a", "eu-west-par-b"]\n', "")
    result, text = _run(tf)
    flat = " ".join(text.split())
    offered = [d for d in result.diagnostics if "is offered in" in d.message]
    if zone is None:  # the region's default zone offers it: nothing to say
        assert not offered and "region = scaleway_k8s_cluster.k.region" in flat
    else:
        assert f'zone = "{zone}"' in flat and offered[0].code == "IT301"
