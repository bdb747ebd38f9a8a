"""Scaleway load balancers: scaleway_lb (type by flavor), its IP, a backend and a frontend per
OVH listener (servers, balancing, health check, allowed CIDRs as ACLs), what is lost coded."""

from __future__ import annotations

from iac_translate.compiler.api import translate

LB = '''
resource "ovh_cloud_project_network_private" "n" {
  service_name = "x"
  name         = "n"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet_v2" "s" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]
  region       = "GRA11"
  name         = "s"
  cidr         = "10.0.0.0/24"
}
resource "ovh_cloud_project_loadbalancer" "web" {
  service_name = "x"
  region_name  = "GRA11"
  name         = "web"
  flavor_id    = "FLAVOR"
  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.s.id
      }
      PUBLIC
    }
  }
  listeners = [
    {
      port          = 443
      protocol      = "tcp"
      allowed_cidrs = ["192.0.2.0/24"]
      pool = {
        algorithm = "leastConnections"
        protocol  = "tcp"
        members = [
          { address = "10.0.0.5", protocol_port = 8443, weight = 1 },
          { address = "10.0.0.6", protocol_port = 8443, weight = 3 },
        ]
        health_monitor = { monitor_type = "tcp", delay = 10, timeout = 4, max_retries_down = 3 }
      }
    },
    { port = 53, protocol = "udp" },
  ]
}
output "vip" {
  value = ovh_cloud_project_loadbalancer.web.vip_address
}
'''


def _run(src: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": src}, "scaleway")
    return "\n".join(r.files.values()), [f"{d.code} {d.message}" for d in r.diagnostics]


def _block(text: str, head: str) -> str:
    start = text.index(head)
    depth, i = 0, text.index("{", start)
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i:j + 1]
    raise AssertionError(head)


def _public(flavor: str = "medium") -> str:
    return LB.replace("FLAVOR", flavor).replace("PUBLIC", "floating_ip_create = {}")


def test_load_balancer_type_ip_and_private_network() -> None:
    out, diags = _run(_public())
    lb = _block(out, 'resource "scaleway_lb" "web"')
    assert "type = \"LB-GP-M\"" in " ".join(lb.split())
    assert "ip_ids" in lb and "scaleway_lb_ip.web.id" in lb
    assert "private_network_id = scaleway_vpc_private_network.s.id" in lb
    assert 'resource "scaleway_lb_ip" "web"' in out
    assert any(d.startswith("IT301 OVH load balancer flavor `medium`") for d in diags)
    assert "scaleway_lb.web.private_ips[0].address" in _block(out, 'output "vip"')


def test_private_load_balancer_and_unknown_flavor() -> None:
    out, diags = _run(LB.replace("FLAVOR", "some-uuid").replace("PUBLIC", ""))
    lb = _block(out, 'resource "scaleway_lb" "web"')
    assert "assign_flexible_ip = false" in lb and "scaleway_lb_ip" not in out
    assert '"LB-S"' in lb and any(d.startswith("IT308 the flavor") for d in diags)


def test_listener_backend_frontend_and_losses() -> None:
    out, diags = _run(_public())
    be = _block(out, 'resource "scaleway_lb_backend" "web_443"')
    for line in ('forward_protocol = "tcp"', "forward_port = 8443",
                 'server_ips = ["10.0.0.5", "10.0.0.6"]', 'forward_port_algorithm = "leastconn"',
                 'health_check_delay = "10s"', 'health_check_timeout = "4s"',
                 "health_check_max_retries = 3", "health_check_tcp {}"):
        assert line in " ".join(be.split()), line
    fe = _block(out, 'resource "scaleway_lb_frontend" "web_443"')
    assert "backend_id = scaleway_lb_backend.web_443.id" in " ".join(fe.split())
    assert "inbound_port = 443" in " ".join(fe.split())
    # allowed CIDRs: allowed, then everyone else denied
    flat = " ".join(fe.split())
    assert 'ip_subnet = ["192.0.2.0/24"]' in flat and 'type = "deny"' in flat
    assert flat.index('"allow"') < flat.index('"deny"')
    assert any(d.startswith("IT302 member weights") for d in diags)
    assert any(d.startswith("IT305 listener 53") and "udp" in d for d in diags)
    assert "web_53" not in out


def test_gateway_create_is_a_public_gateway_on_the_subnet() -> None:
    src = _public().replace("floating_ip_create = {}", "floating_ip_create = {}\n"
                            '      gateway_create = { model = "m", name = "lb-gw" }')
    out, diags = _run(src)
    gw = " ".join(_block(out, 'resource "scaleway_vpc_public_gateway" "web_gateway"').split())
    assert 'name = "lb-gw"' in gw and 'type = "VPC-GW-M"' in gw
    assert "ip_id = scaleway_vpc_public_gateway_ip.web_gateway.id" in gw
    gn = " ".join(_block(out, 'resource "scaleway_vpc_gateway_network" "web_gateway"').split())
    assert "private_network_id = scaleway_vpc_private_network.s.id" in gn
    # a subnet another gateway already serves gets no second one
    served = src + '''
resource "ovh_cloud_project_gateway" "gw" {
  service_name = "x"
  name         = "edge"
  model        = "s"
  region       = "GRA11"
  network_id   = "n"
  subnet_id    = ovh_cloud_project_network_private_subnet_v2.s.id
}
'''
    out, diags = _run(served)
    assert "web_gateway" not in out
    assert any(d.startswith("IT301 the gateway ovh_cloud_project_loadbalancer.web creates")
               for d in diags)


def test_listener_settings_nothing_reads_are_reported() -> None:
    src = _public().replace('      port          = 443\n',
                            '      port          = 443\n      timeout_client_data = 5000\n')
    _, diags = _run(src)
    assert any(d.startswith("IT302 `listeners.timeout_client_data`") for d in diags)
    _, diags = _run(_public())
    assert not any("timeout_client_data" in d for d in diags)


def test_an_existing_gateway_is_said_not_needed() -> None:
    src = _public().replace("floating_ip_create = {}",
                            'floating_ip_create = {}\n      gateway = { id = "gw-123" }')
    out, diags = _run(src)
    assert any(d.startswith("IT301 the gateway ovh_cloud_project_loadbalancer.web names")
               for d in diags)
    assert "gw-123" not in out
