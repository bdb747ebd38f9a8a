"""AKS clusters and node pools (aks target): cluster arguments, pools, attachments; kube.json."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from iac_translate.compiler.api import TranslateOptions, translate

TARGETS = Path(__file__).resolve().parent.parent / "targets"

HEAD = '''
variable "service_name" {
  type = string
}
'''

CLUSTER = HEAD + '''
resource "ovh_cloud_project_kube" "k" {
  service_name    = var.service_name
  name            = "k"
  region          = "GRA11"
  version         = "1.31"
  plan            = "{plan}"
  update_policy   = "{policy}"
  kube_proxy_mode = "ipvs"
  customization_apiserver {
    admissionplugins {
      enabled  = ["AlwaysPullImages"]
      disabled = ["NodeRestriction"]
    }
  }
}
'''

POOL = '''
resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name       = var.service_name
  kube_id            = ovh_cloud_project_kube.k.id
  name               = "{name}"
  flavor_name        = "{flavor}"
  desired_nodes      = 2
  min_nodes          = 1
  max_nodes          = 4
  autoscale          = true
  availability_zones = ["eu-west-par-a", "eu-west-par-b"]
  autoscaling_scale_down_unneeded_time_seconds = 90
  template {
    spec {
      taints = [
        { key = "dedicated", value = "ml", effect = "NoExecute" },
        { key = "spot", effect = "NoSchedule" },
      ]
    }
  }
}
'''


def _run(tf: str):  # type: ignore[no-untyped-def]
    result = translate({"main.tf": tf}, "aks", TranslateOptions())
    return result, " ".join("\n".join(result.files.values()).split())


def _cluster(plan: str = "free", policy: str = "ALWAYS_UPDATE") -> str:
    return CLUSTER.replace("{plan}", plan).replace("{policy}", policy)


def _pool(name: str = "p", flavor: str = "b3-16") -> str:
    return POOL.replace("{name}", name).replace("{flavor}", flavor)


def _codes(result, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.code for d in result.diagnostics if text in d.message}


def test_kube_table_matches_its_schema() -> None:
    schema = json.loads((TARGETS / "schemas" / "aks_kube.schema.json").read_text())
    data = json.loads((TARGETS / "aks" / "kube.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)


def test_cluster_has_the_arguments_aks_requires() -> None:
    result, text = _run(_cluster())
    assert not [d for d in result.diagnostics if d.code.startswith("IT9")]
    assert 'resource "azurerm_kubernetes_cluster" "k"' in text
    assert "resource_group_name = azurerm_resource_group.main.name" in text
    assert 'location = "francecentral"' in text
    assert 'dns_prefix = "k"' in text
    assert "default_node_pool { name = \"system\"" in text
    assert "only_critical_addons_enabled = true" in text
    assert 'identity { type = "SystemAssigned" }' in text
    for arg in ('network_plugin = "azure"', 'network_plugin_mode = "overlay"',
                'network_policy = "cilium"', 'network_data_plane = "cilium"'):
        assert arg in text
    assert "prevent_destroy = true" in text
    assert "IT307" in _codes(result, "system pool")


def test_plan_gives_the_sku_tier() -> None:
    assert 'sku_tier = "Free"' in _run(_cluster("free"))[1]
    result, text = _run(_cluster("standard"))
    assert 'sku_tier = "Standard"' in text
    # the standard plan's control plane spans zones: so does the system pool
    assert 'zones = ["1", "2", "3"]' in text
    assert "IT301" in _codes(result, "sku_tier Standard")


def test_update_policy_gives_the_upgrade_channel() -> None:
    _, always = _run(_cluster(policy="ALWAYS_UPDATE"))
    assert 'automatic_upgrade_channel = "patch"' in always
    assert "maintenance_window_auto_upgrade" not in always
    _, minimal = _run(_cluster(policy="MINIMAL_DOWNTIME"))
    assert 'automatic_upgrade_channel = "patch"' in minimal
    assert 'maintenance_window_auto_upgrade { day_of_week = "Sunday" duration = 4' in minimal
    _, never = _run(_cluster(policy="NEVER_UPDATE"))
    assert 'automatic_upgrade_channel = "none"' in never
    assert 'node_os_upgrade_channel = "None"' in never


def test_kube_proxy_and_admission_plugins_are_reported() -> None:
    result, text = _run(_cluster())
    assert "IT302" in _codes(result, "kube_proxy_mode")
    assert "IT302" in _codes(result, "admission plugins")
    assert "AlwaysPullImages" not in text


def test_pool_is_a_user_pool_with_string_taints_and_zones() -> None:
    result, text = _run(_cluster() + _pool())
    assert 'resource "azurerm_kubernetes_cluster_node_pool" "p"' in text
    assert "kubernetes_cluster_id = azurerm_kubernetes_cluster.k.id" in text
    assert 'mode = "User"' in text
    assert 'vm_size = "Standard_D4s_v5"' in text
    assert 'node_taints = ["dedicated=ml:NoExecute", "spot:NoSchedule"]' in text
    assert 'zones = ["1", "2"]' in text
    assert "auto_scaling_enabled = true min_count = 1 max_count = 4" in text
    assert "ignore_changes = [node_count]" in text


def test_pool_scale_down_tuning_goes_to_the_cluster_profile_in_minutes() -> None:
    result, text = _run(_cluster() + _pool())
    # 90 seconds: the AKS autoscaler takes minutes, rounded up
    assert 'auto_scaler_profile { scale_down_unneeded = "2m" }' in text
    assert "IT301" in _codes(result, "auto_scaler_profile.scale_down_unneeded")


def test_pool_name_follows_the_aks_rule() -> None:
    result, text = _run(_cluster() + _pool(name="gpu-pool"))
    assert 'name = "gpupool"' in text
    assert "IT324" in {d.code for d in result.diagnostics}


def test_system_pool_takes_another_name_when_an_ovh_pool_is_system() -> None:
    _, text = _run(_cluster() + _pool(name="system"))
    assert 'default_node_pool { name = "aksystem"' in text
    assert 'name = "system" kubernetes_cluster_id' in text


def test_gpu_pool_installs_the_driver_and_taints_the_nodes() -> None:
    result, text = _run(_cluster() + _pool(flavor="l40s-90"))
    assert 'gpu_driver = "Install"' in text
    assert '"nvidia.com/gpu=true:NoSchedule"' in text
    assert "IT301" in _codes(result, "runs GPU nodes")


def test_allow_list_becomes_authorized_ip_ranges() -> None:
    acl = '''
resource "ovh_cloud_project_kube_iprestrictions" "a" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.k.id
  ips          = ["203.0.113.0/24"]
}
'''
    _, text = _run(_cluster() + acl)
    assert 'api_server_access_profile { authorized_ip_ranges = ["203.0.113.0/24"] }' in text
    result, empty = _run(_cluster() + acl.replace('"203.0.113.0/24"', ""))
    # an empty AKS list means "anyone": OVH's empty list means "nobody"
    assert 'authorized_ip_ranges = ["0.0.0.0/32"]' in empty
    assert "IT301" in _codes(result, "empty allow-list")


def test_oidc_is_reported_with_entra_id() -> None:
    oidc = '''
resource "ovh_cloud_project_kube_oidc" "o" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.k.id
  client_id    = "kube"
  issuer_url   = "https://id.example.org"
}
'''
    result, text = _run(_cluster() + oidc)
    found = [d for d in result.diagnostics if "OpenID Connect" in d.message]
    assert found and found[0].code == "IT338"
    assert "azure_active_directory_role_based_access_control" in found[0].hint
    assert "id.example.org" not in text


def test_a_lookup_creates_no_resource_group() -> None:
    data = '''
data "ovh_cloud_project_kube" "d" {
  service_name = "p"
  kube_id      = "abc"
}
output "k" {
  value     = data.ovh_cloud_project_kube.d.kubeconfig
  sensitive = true
}
output "host" {
  value = data.ovh_cloud_project_kube.d.kubeconfig_attributes[0].host
}
'''
    _, text = _run(data)
    # azurerm marks all of kube_config sensitive: the host is read from fqdn
    assert 'value = "https://${data.azurerm_kubernetes_cluster.d.fqdn}:443"' in text
    assert "azurerm_resource_group" not in text
    assert "resource_group_name = var.aks_resource_group_name" in text
    assert "data.azurerm_kubernetes_cluster.d.kube_config_raw" in text


NAT = HEAD + '''
resource "ovh_cloud_project_network_private" "n" {
  service_name = var.service_name
  name         = "n"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "s" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.n.id
  region       = "GRA11"
  network      = "10.30.0.0/16"
  start        = "10.30.0.10"
  end          = "10.30.255.250"
}
resource "ovh_cloud_project_gateway" "g" {
  service_name = var.service_name
  name         = "g"
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]
  subnet_id    = ovh_cloud_project_network_private_subnet.s.id
}
resource "ovh_cloud_project_kube" "k" {
  service_name       = var.service_name
  name               = "k"
  region             = "GRA11"
  private_network_id = ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.s.id
}
'''


def test_nodes_behind_a_nat_gateway_use_it_with_a_user_assigned_identity() -> None:
    result, text = _run(NAT)
    assert 'outbound_type = "userAssignedNATGateway"' in text
    assert "vnet_subnet_id = azurerm_subnet.s.id" in text
    assert ('identity { type = "UserAssigned" identity_ids = '
            '[azurerm_user_assigned_identity.k.id] }') in text
    assert ('resource "azurerm_role_assignment" "k_network" { scope = azurerm_subnet.s.id '
            'role_definition_name = "Network Contributor" principal_id = '
            'azurerm_user_assigned_identity.k.principal_id }') in text
    assert "depends_on = [azurerm_subnet_nat_gateway_association.g, " \
        "azurerm_role_assignment.k_network]" in text
    assert "IT307" in _codes(result, "NAT gateway")
    # without the gateway: AKS's load balancer, the system-assigned identity
    _, plain = _run(NAT.replace('resource "ovh_cloud_project_gateway"', 'resource "x_y"'))
    assert 'outbound_type = "loadBalancer"' in plain
    assert 'identity { type = "SystemAssigned" }' in plain
    # its own subnet: the system-assigned identity is granted it once the cluster exists
    assert ('resource "azurerm_role_assignment" "k_network" { scope = azurerm_subnet.s.id '
            'role_definition_name = "Network Contributor" principal_id = '
            'azurerm_kubernetes_cluster.k.identity[0].principal_id }') in plain


def test_a_minor_aks_no_longer_offers_is_raised_to_the_oldest() -> None:
    oldest = json.loads((TARGETS / "aks" / "kube.json").read_text())[
        "cluster"]["kubernetes"]["oldest"]
    result, text = _run(_cluster().replace('"1.31"', '"1.24"'))
    assert f'kubernetes_version = "{oldest}"' in text
    assert "IT332" in _codes(result, "Kubernetes 1.24")
    given = _cluster().replace('"1.31"', "var.k8s") + '''
variable "k8s" {
  type    = string
  default = "1.24"
}
'''
    result, text = _run(given)
    assert "kubernetes_version = var.k8s" in text
    assert "precondition {" in text and "AKS no longer offers Kubernetes versions below" in text
    assert "IT333" in _codes(result, "default Kubernetes 1.24")


def test_ignore_changes_are_renamed_to_azurerm_arguments() -> None:
    pool = _pool().replace('  name               = "p"', '''  name               = "p"
  lifecycle {
    ignore_changes = [desired_nodes, flavor_name]
  }''')
    _, text = _run(_cluster() + pool)
    assert "ignore_changes = [node_count, vm_size]" in text


def test_pools_of_a_for_each_cluster_address_their_instance() -> None:
    tf = _cluster().replace('  name            = "k"', '''  for_each        = toset(["a", "b"])
  name            = "k-${each.key}"''') + _pool().replace(
        "kube_id            = ovh_cloud_project_kube.k.id",
        'for_each           = toset(["a", "b"])\n  kube_id = ovh_cloud_project_kube.k[each.key].id')
    result, text = _run(tf)
    assert not [d for d in result.diagnostics if d.code.startswith("IT9")]
    assert "kubernetes_cluster_id = azurerm_kubernetes_cluster.k[each.key].id" in text
    # the scale-down tuning of a repeated cluster is not folded: reported instead
    assert "auto_scaler_profile" not in text
    assert any(d.code == "IT302" and "autoscaling_scale_down_unneeded_time_seconds" in d.message
               for d in result.diagnostics)


NO_NODES_SUBNET = NAT.replace(
    '  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.s.id\n', '')
SECOND_SUBNET = '''
resource "ovh_cloud_project_network_private_subnet" "t" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.n.id
  region       = "GRA11"
  network      = "10.31.0.0/16"
  start        = "10.31.0.10"
  end          = "10.31.255.250"
}
'''


def test_a_network_with_two_subnets_and_no_nodes_subnet_is_reported() -> None:
    # OVH picks one of the two: which one is not known, so AKS's own VNet and IT308
    result, text = _run(NO_NODES_SUBNET + SECOND_SUBNET)
    assert "vnet_subnet_id" not in text.split('resource "azurerm_kubernetes_cluster"')[1]
    assert "IT308" in _codes(result, "names a private network but no nodes_subnet_id")


def test_a_network_with_one_subnet_beside_the_cluster_puts_the_nodes_in_it() -> None:
    result, text = _run(NO_NODES_SUBNET + _pool())
    cluster = text.split('resource "azurerm_kubernetes_cluster"')[1]
    assert "vnet_subnet_id = azurerm_subnet.s.id" in cluster.split("resource ")[0]
    assert ('resource "azurerm_kubernetes_cluster_node_pool" "p" {' in text and
            text.split('resource "azurerm_kubernetes_cluster_node_pool" "p"')[1]
            .split("resource ")[0].count("vnet_subnet_id = azurerm_subnet.s.id") == 1)
    assert "IT307" in _codes(result, "the network's only subnet")
    assert not _codes(result, "the nodes use the VNet AKS creates")
    # the subnet's NAT gateway: outbound through it, with the identity granted beforehand
    assert 'outbound_type = "userAssignedNATGateway"' in text
    assert ('resource "azurerm_role_assignment" "k_network" { scope = azurerm_subnet.s.id '
            'role_definition_name = "Network Contributor" principal_id = '
            'azurerm_user_assigned_identity.k.principal_id }') in text
    # no gateway: the system-assigned identity is granted the subnet
    _, plain = _run(NO_NODES_SUBNET.replace('resource "ovh_cloud_project_gateway"',
                                            'resource "x_y"'))
    assert 'outbound_type = "loadBalancer"' in plain
    assert ('principal_id = azurerm_kubernetes_cluster.k.identity[0].principal_id') in plain


def test_the_only_subnet_in_aks_service_range_moves_the_service_cidr() -> None:
    tf = NO_NODES_SUBNET.replace('"10.30.0.0/16"', '"10.0.0.0/16"').replace(
        '"10.30.0.10"', '"10.0.0.10"').replace('"10.30.255.250"', '"10.0.255.250"')
    _, text = _run(tf)
    assert 'service_cidr = "172.16.0.0/16"' in text and 'dns_service_ip = "172.16.0.10"' in text


def test_a_computed_pool_name_drops_what_aks_refuses() -> None:
    result, text = _run(_cluster() + _pool(name="worker-${var.service_name}"))
    # cut names keep a hash of the whole name, so worker-a... and worker-b... stay two pools
    assert ('name = trim(one([for name in [replace(lower("worker-${var.service_name}"), '
            '"/[^a-z0-9]/", "")] : length(name) > 12 ? '
            '"${substr(name, 0, 6)}${substr(sha1(name), 0, 6)}" : name]), "-")') in text
    assert "IT301" in _codes(result, "is computed: it is written in lowercase letters")
    assert "IT301" in _codes(result, "6 of its hash")


def test_workload_identity_is_a_hardening_default() -> None:
    result, text = _run(_cluster())
    assert "oidc_issuer_enabled = true workload_identity_enabled = true" in text
    assert "IT337" in _codes(result, "Workload ID")
    off = translate({"main.tf": _cluster()}, "aks", TranslateOptions(harden=False))
    plain = "\n".join(off.files.values())
    assert "workload_identity_enabled" not in plain and "prevent_destroy" not in plain
