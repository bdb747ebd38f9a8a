"""AKS load balancers: a Standard azurerm_lb with a public or internal frontend, per listener a
backend pool with the members' addresses, a probe and a rule; what is lost is said."""

from __future__ import annotations

from iac_translate.compiler.api import translate

LB = '''
resource "ovh_cloud_project_network_private" "n" {
  service_name = "x"
  name         = "lb-net"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet_v2" "s" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.n.regions_openstack_ids["GRA11"]
  region       = "GRA11"
  name         = "lb-subnet"
  cidr         = "10.77.0.0/24"
}
resource "ovh_cloud_project_loadbalancer" "web" {
  service_name = "x"
  region_name  = "GRA11"
  name         = "web-lb"
  flavor_id    = "f"
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
        algorithm = "sourceIP"
        protocol  = "tcp"
        members = [
          { address = "10.77.0.11", protocol_port = 8443 },
          { address = "10.77.0.12", protocol_port = 8443 }
        ]
        health_monitor = {
          monitor_type     = "tcp"
          delay            = 10
          max_retries_down = 3
        }
      }
    },
    {
      port     = 8443
      protocol = "terminated-https"
      pool = {
        protocol = "http"
        members  = [{ address = "10.77.0.11", protocol_port = 80 }]
      }
    }
  ]
}
output "vip" {
  value = ovh_cloud_project_loadbalancer.web.vip_address
}
'''
PUBLIC = "floating_ip_create = {}"


def _run(src: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": src}, "aks")
    return "\n".join(r.files.values()), [f"{d.code} {d.message}" for d in r.diagnostics]


def _block(text: str, head: str) -> str:
    start = text.index(head)
    depth, i = 0, text.index("{", start)
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i:j + 1]
    raise AssertionError(head)


def test_public_lb_has_a_standard_ip_frontend_and_its_vip_is_the_ip() -> None:
    out, _ = _run(LB.replace("PUBLIC", PUBLIC))
    lb = _block(out, 'resource "azurerm_lb" "web"')
    assert 'sku                 = "Standard"' in lb
    assert "public_ip_address_id = azurerm_public_ip.web.id" in lb
    assert '"Static"' in _block(out, 'resource "azurerm_public_ip" "web"')
    assert "azurerm_public_ip.web.ip_address" in _block(out, 'output "vip"')


def test_private_lb_frontend_is_in_its_subnet() -> None:
    out, _ = _run(LB.replace("PUBLIC", ""))
    lb = _block(out, 'resource "azurerm_lb" "web"')
    assert "subnet_id                     = azurerm_subnet.s.id" in lb
    assert 'resource "azurerm_public_ip"' not in out
    assert "azurerm_lb.web.frontend_ip_configuration[0].private_ip_address" in _block(
        out, 'output "vip"')


def test_listener_is_a_pool_with_addresses_a_probe_and_a_rule() -> None:
    out, diags = _run(LB.replace("PUBLIC", PUBLIC))
    rule = _block(out, 'resource "azurerm_lb_rule" "web_443"')
    assert 'protocol                       = "Tcp"' in rule
    assert "frontend_port                  = 443" in rule
    assert "backend_port                   = 8443" in rule
    assert 'load_distribution              = "SourceIP"' in rule
    assert "probe_id                       = azurerm_lb_probe.web_443.id" in rule
    a = _block(out, 'resource "azurerm_lb_backend_address_pool_address" "web_443_1"')
    assert 'ip_address              = "10.77.0.12"' in a
    assert "virtual_network_id      = azurerm_virtual_network.n.id" in a
    probe = _block(out, 'resource "azurerm_lb_probe" "web_443"')
    assert 'protocol            = "Tcp"' in probe and "interval_in_seconds = 10" in probe
    assert "probe_threshold     = 3" in probe and "request_path" not in probe
    assert any(d.startswith("IT302 `allowed_cidrs`") for d in diags)


def test_tls_termination_is_reported_not_forwarded() -> None:
    out, diags = _run(LB.replace("PUBLIC", PUBLIC))
    assert 'resource "azurerm_lb_rule" "web_8443"' not in out
    assert any(d.startswith("IT305 listener 8443") and "Application Gateway" in d
               for d in diags)


def test_gateway_create_is_a_nat_gateway_on_the_lb_subnet() -> None:
    src = LB.replace("PUBLIC", PUBLIC + '\n      gateway_create = { model = "m", name = "egress" }')
    src = src.replace('cidr         = "10.77.0.0/24"\n',
                      'cidr         = "10.77.0.0/24"\n  enable_gateway_ip = true\n')
    out, diags = _run(src)
    nat = _block(out, 'resource "azurerm_nat_gateway" "web_gateway"')
    assert 'name                = "egress"' in nat
    s = _block(out, 'resource "azurerm_subnet_nat_gateway_association" "web_gateway"')
    assert "subnet_id      = azurerm_subnet.s.id" in s
    assert "azurerm_public_ip.web_gateway.id" in _block(
        out, 'resource "azurerm_nat_gateway_public_ip_association" "web_gateway"')
    # the subnet now egresses through it: no "default outbound access" warning for it
    assert "enable_gateway_ip = true" in src
    assert not any("has a default gateway" in d for d in diags)
    assert any(d.startswith("IT301 OVH gateway model `m`") for d in diags)


OCTAVIA = '''
resource "openstack_networking_network_v2" "n" {
  name = "net"
}
resource "openstack_networking_subnet_v2" "s" {
  network_id = openstack_networking_network_v2.n.id
  cidr       = "10.5.0.0/24"
  region     = "GRA11"
}
resource "openstack_lb_loadbalancer_v2" "lb" {
  name           = "lb"
  region         = "GRA11"
  vip_network_id = openstack_networking_network_v2.n.id
  vip_subnet_id  = openstack_networking_subnet_v2.s.id
}
resource "openstack_lb_listener_v2" "l" {
  loadbalancer_id = openstack_lb_loadbalancer_v2.lb.id
  protocol        = "TCP"
  protocol_port   = 5432
}
resource "openstack_lb_pool_v2" "p" {
  listener_id = openstack_lb_listener_v2.l.id
  protocol    = "TCP"
  lb_method   = "ROUND_ROBIN"
}
resource "openstack_lb_member_v2" "m" {
  pool_id       = openstack_lb_pool_v2.p.id
  address       = "10.5.0.10"
  protocol_port = 5432
}
output "vip" {
  value = openstack_lb_loadbalancer_v2.lb.vip_address
}
'''


def test_octavia_load_balancer_is_the_same_azurerm_lb() -> None:
    out, diags = _run(OCTAVIA)
    lb = _block(out, 'resource "azurerm_lb" "lb"')
    assert "subnet_id                     = azurerm_subnet.s.id" in lb
    rule = _block(out, 'resource "azurerm_lb_rule" "lb"')
    assert "frontend_port                  = 5432" in rule
    a = _block(out, 'resource "azurerm_lb_backend_address_pool_address" "lb_0"')
    assert 'ip_address              = "10.5.0.10"' in a
    assert "virtual_network_id      = azurerm_virtual_network.n.id" in a
    assert "frontend_ip_configuration[0].private_ip_address" in _block(out, 'output "vip"')
    parts = [d for d in diags if d.startswith("IT306 openstack_lb_")]
    assert len(parts) == 3 and all("part of the Octavia load balancer" in d for d in parts)
    assert not any(d.startswith("IT305") for d in diags)
