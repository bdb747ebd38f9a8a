"""OVH load balancers on GKE: a regional passthrough Network Load Balancer (address,
forwarding rules, backend services over instance groups, health checks, firewall rules)."""

from __future__ import annotations

from iac_translate.compiler.api import translate
from iac_translate.compiler.diagnostics import Diagnostic

HEAD = '''
variable "service_name" {
  type = string
}
resource "ovh_cloud_project_network_private" "n" {
  service_name = var.service_name
  name         = "n"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet_v2" "s" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]
  region       = "GRA11"
  cidr         = "10.1.0.0/24"
}
resource "ovh_cloud_project_instance" "vm" {
  count          = 2
  service_name   = var.service_name
  region         = "GRA11"
  name           = "vm-${count.index}"
  billing_period = "hourly"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "Debian 12"
  }
  network {
    private {
      network {
        id        = ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.s.id
      }
    }
  }
}
'''


def lb(label: str, listeners: str, private: str = "floating_ip_create = {}") -> str:
    return f'''
resource "ovh_cloud_project_loadbalancer" "{label}" {{
  service_name = var.service_name
  region_name  = "GRA11"
  name         = "{label}"
  flavor_id    = "small"
  network = {{
    private = {{
      network = {{
        id        = ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.s.id
      }}
      {private}
    }}
  }}
  listeners = [{listeners}]
}}
'''


def listener(port: int, protocol: str = "tcp", member_port: int | None = None,
             members: str = "", extra: str = "") -> str:
    members = members or "".join(
        f'{{ address = ovh_cloud_project_instance.vm[{i}].addresses[0].ip, '
        f'protocol_port = {member_port or port} }},' for i in (0, 1))
    return f'''{{
    port     = {port}
    protocol = "{protocol}"
    {extra}
    pool = {{
      protocol = "{protocol}"
      members  = [{members}]
    }}
  }},'''


def run(src: str) -> tuple[str, list[Diagnostic]]:
    r = translate({"main.tf": HEAD + src}, "gke")
    return r.files["main.tf"], list(r.diagnostics)


def block(main: str, type_: str, label: str) -> str:
    return main.split(f'resource "{type_}" "{label}" {{')[1].split("\n}\n")[0]


def test_listeners_share_one_external_address_and_one_instance_group() -> None:
    main, diags = run(lb("web", listener(80, "http") + listener(443, "https")) + '''
output "vip" {
  value = ovh_cloud_project_loadbalancer.web.vip_address
}''')
    assert "TODO(IT305)" not in main
    addr = block(main, "google_compute_address", "web")
    assert 'address_type = "EXTERNAL"' in addr and 'region       = "europe-west1"' in addr
    for port in ("80", "443"):
        fr = block(main, "google_compute_forwarding_rule", f"web_{port}")
        assert "ip_address            = google_compute_address.web.address" in fr
        assert f'ports                 = ["{port}"]' in fr
        assert 'ip_protocol           = "TCP"' in fr
        be = block(main, "google_compute_region_backend_service", f"web_{port}")
        assert "google_compute_instance_group.vm_0_vm_1.self_link" in be
        assert f"[google_compute_region_health_check.web_{port}.id]" in be
    assert main.count('resource "google_compute_instance_group"') == 1
    group = block(main, "google_compute_instance_group", "vm_0_vm_1")
    assert "google_compute_instance.vm[0].self_link" in group
    assert 'zone = "europe-west1-b"' in group
    assert "value = google_compute_address.web.address" in main
    assert any(d.code == "IT302" and "no size" in d.message for d in diags)  # the flavor


def test_a_private_load_balancer_is_internal_with_a_shared_vip() -> None:
    main, _ = run(lb("db", listener(5432) + listener(53, "udp"), private=""))
    addr = block(main, "google_compute_address", "db")
    assert 'address_type = "INTERNAL"' in addr
    assert "subnetwork   = google_compute_subnetwork.s.id" in addr
    assert 'purpose      = "SHARED_LOADBALANCER_VIP"' in addr
    fr = block(main, "google_compute_forwarding_rule", "db_53")
    assert 'load_balancing_scheme = "INTERNAL"' in fr and 'ip_protocol           = "UDP"' in fr
    assert "network               = google_compute_network.n.id" in fr
    fw = block(main, "google_compute_firewall", "db_53")
    assert '"209.85.152.0/22"' not in fw  # external probers only for external ones
    assert 'protocol = "udp"' in fw and 'protocol = "tcp"' in fw  # the TCP health check


def test_one_internal_listener_needs_no_shared_purpose() -> None:
    main, _ = run(lb("db", listener(5432), private=""))
    assert "SHARED_LOADBALANCER_VIP" not in main


def test_terminated_https_is_an_it305_naming_an_application_load_balancer() -> None:
    main, diags = run(lb("site", listener(443, "terminated-https") + listener(80, "http")))
    assert 'resource "google_compute_forwarding_rule" "site_80"' in main
    assert 'resource "google_compute_forwarding_rule" "site_443"' not in main
    said = [d for d in diags if d.code == "IT305" and "terminated-https" in d.message]
    assert len(said) == 1 and "Application Load Balancer" in (said[0].hint or "")


def test_literal_members_and_other_ports_are_it308() -> None:
    main, diags = run(lb("site", listener(
        80, "http", members='{ address = "10.1.0.9", protocol_port = 8080 },')))
    be = block(main, "google_compute_region_backend_service", "site")
    assert "backend {" not in be  # no VM to add: the human adds them
    codes = [(d.code, d.message) for d in diags]
    assert any(c == "IT308" and '"10.1.0.9"' in m and "not a VM" in m for c, m in codes)
    assert any(c == "IT308" and "listen on port 8080" in m for c, m in codes)
    hc = block(main, "google_compute_region_health_check", "site")
    assert "port = 8080" in hc  # what OVH checked


def test_no_monitor_is_a_tcp_check_on_the_member_port() -> None:
    main, diags = run(lb("web", listener(80)))
    hc = block(main, "google_compute_region_health_check", "web")
    assert "tcp_health_check {" in hc and "port = 80" in hc
    assert any(d.code == "IT301" and "no health monitor" in d.message for d in diags)


def test_monitor_fields_and_a_timeout_longer_than_the_delay() -> None:
    monitor = '''health_monitor = {
        monitor_type = "http", delay = 5, timeout = 9, max_retries = 2,
        max_retries_down = 4, http_configuration = { url_path = "/up", http_method = "HEAD" }
      }'''
    src = lb("web", listener(80, "http").replace('members  = [', monitor + '\n      members = ['))
    main, diags = run(src)
    hc = block(main, "google_compute_region_health_check", "web")
    for line in ("check_interval_sec  = 5", "timeout_sec         = 5",
                 "healthy_threshold   = 2", "unhealthy_threshold = 4", 'request_path = "/up"'):
        assert line in hc, line
    assert any(d.code == "IT301" and "longer than its delay" in d.message for d in diags)
    assert any(d.code == "IT302" and "http_method" in d.message for d in diags)


def test_allowed_cidrs_open_the_firewall_to_them_and_the_probers() -> None:
    main, _ = run(lb("web", listener(80, extra='allowed_cidrs = ["203.0.113.0/24"]')))
    fw = block(main, "google_compute_firewall", "web")
    assert '"203.0.113.0/24"' in fw and '"35.191.0.0/16"' in fw and "0.0.0.0/0" not in fw
    assert "network   = google_compute_subnetwork.s.network" in fw


def test_two_load_balancers_over_the_same_vms_share_their_group() -> None:
    main, _ = run(lb("a", listener(80)) + lb("b", listener(81)))
    assert main.count('resource "google_compute_instance_group"') == 1
    assert "google_compute_instance_group.vm_0_vm_1.self_link" in block(
        main, "google_compute_region_backend_service", "b")


def test_an_overlapping_instance_set_is_not_a_second_group() -> None:
    one = '{ address = ovh_cloud_project_instance.vm[0].addresses[0].ip, protocol_port = 81 },'
    main, diags = run(lb("a", listener(80)) + lb("b", listener(81, members=one)))
    assert main.count('resource "google_compute_instance_group"') == 1
    assert "backend {" not in block(main, "google_compute_region_backend_service", "b")
    assert any(d.code == "IT308" and "one load-balanced group" in d.message for d in diags)


def test_a_repeated_load_balancer_repeats_and_names_every_part() -> None:
    src = lb("web", listener(80)).replace('  service_name = var.service_name\n  region_name',
                                          '  count        = 2\n  service_name = var.service_name'
                                          '\n  region_name', 1)
    main, _ = run(src)
    fr = block(main, "google_compute_forwarding_rule", "web")
    assert "count                 = 2" in fr
    assert 'name                  = "web-${count.index}"' in fr
    assert "google_compute_address.web[count.index].address" in fr
    assert "google_compute_region_backend_service.web[count.index].id" in fr


def test_literal_ovh_network_ids_are_not_written_as_gcp_networks() -> None:
    src = lb("db", listener(5432), private="").replace(
        'ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]',
        '"5f0c1a2e-ovh-network"').replace(
        "ovh_cloud_project_network_private_subnet_v2.s.id", '"8d9e-ovh-subnet"')
    main, diags = run(src)
    assert "ovh-network" not in main and "ovh-subnet" not in main
    assert any(d.code == "IT308" and "network of ovh_cloud_project_loadbalancer.db is not "
               "known" in d.message for d in diags)
    assert any(d.code == "IT308" and "names no subnet declared here" in d.message
               for d in diags)


def test_an_undeclared_ovh_network_is_not_written_either() -> None:
    src = lb("db", listener(5432), private="").replace(
        "ovh_cloud_project_network_private_subnet_v2.s.id",
        "ovh_cloud_project_network_private_subnet_v2.elsewhere.id")
    main, _ = run(src)
    assert "elsewhere" not in block(main, "google_compute_address", "db")
