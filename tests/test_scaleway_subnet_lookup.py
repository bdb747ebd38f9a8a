"""Scaleway: a subnet read from the subnets lookup (no Scaleway counterpart) gives way to the
network it belongs to, so the Private Network id is a real one, not a TODO placeholder."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_LOOKUPS = '''
data "ovh_cloud_project_network_private" "net" {
  service_name = "p"
  network_id   = "pn-1"
}

data "ovh_cloud_project_network_private_subnets" "subs" {
  service_name = "p"
  network_id   = data.ovh_cloud_project_network_private.net.id
}
'''
_SUBNET = "tolist(data.ovh_cloud_project_network_private_subnets.subs.subnets)[0].id"
_DB = '''
resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region     = "GRA"
    network_id = data.ovh_cloud_project_network_private.net.id
    subnet_id  = %s
  }
}
'''
_VM = '''
resource "ovh_cloud_project_instance" "vm" {
  service_name   = "p"
  region         = "GRA11"
  name           = "vm"
  billing_period = "hourly"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "Debian 12"
  }
  network {
    public = false
    private {
      network {
        id        = data.ovh_cloud_project_network_private.net.id
        subnet_id = %s
      }
    }
  }
}
'''


def _run(src: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": src}, "scaleway")
    return "\n".join(r.files.values()), [d.code for d in r.diagnostics]


def test_a_database_on_a_looked_up_subnet_joins_the_looked_up_network() -> None:
    text, codes = _run(_LOOKUPS + _DB % _SUBNET)
    # Before: pn_id = "TODO(IT206): data.ovh_cloud_project_network_private_subnets..."
    assert "pn_id = data.scaleway_vpc_private_network.net.id" in text, text
    assert "TODO(IT206)" not in text and "IT206" not in codes, codes
    assert "IT310" in codes  # the subnets lookup is omitted, and said so


def test_an_instance_on_a_looked_up_subnet_joins_the_looked_up_network() -> None:
    text, codes = _run(_LOOKUPS + _VM % _SUBNET)
    assert "pn_id = data.scaleway_vpc_private_network.net.id" in text, text
    assert "TODO(IT206)" not in text and "IT206" not in codes, codes


def test_a_declared_subnet_is_still_the_private_network_joined() -> None:
    # Each OVH subnet is a Private Network of its own: a subnet that translates is kept.
    declared = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "p"
  name         = "net"
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "sub" {
  service_name = "p"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "10.0.0.10"
  end          = "10.0.0.200"
  network      = "10.0.0.0/24"
  dhcp         = true
}
'''
    src = declared + (_DB % "ovh_cloud_project_network_private_subnet.sub.id").replace(
        "data.ovh_cloud_project_network_private.net.id", "ovh_cloud_project_network_private.net.id")
    text, codes = _run(src)
    assert "pn_id = scaleway_vpc_private_network.sub.id" in text, text


_CHILD_DB = '''variable "network_id" {
  type = string
}

resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region     = "GRA"
    network_id = var.network_id
  }
}
'''
_NET = '''resource "ovh_cloud_project_network_private" "net" {
  service_name = "p"
  name         = "net"
  regions      = ["GRA11"]
}
'''


def test_a_child_database_on_the_network_every_call_passes_is_private() -> None:
    # Before: a dynamic public endpoint and IT308 "comes from outside the configuration",
    # though the one call passes the network its caller declares.
    calls = 'module "db" {\n  source     = "./db"\n  network_id = ' \
        'ovh_cloud_project_network_private.net.id\n}\n'
    r = translate({"main.tf": _NET + calls, "db/main.tf": _CHILD_DB}, "scaleway")
    child = r.files["db/main.tf"]
    assert "private_network {\n    pn_id = var.network_id" in child, child
    assert "load_balancer" not in child and "dynamic" not in child
    assert not [d for d in r.diagnostics if d.code == "IT308" and "from outside" in d.message]
    # A call passing something else (a root variable): the caller's value decides, as before.
    other = calls + 'variable "legacy" {\n  type = string\n}\n\nmodule "old" {\n  source     ' \
        '= "./db"\n  network_id = var.legacy\n}\n'
    r = translate({"main.tf": _NET + other, "db/main.tf": _CHILD_DB}, "scaleway")
    assert 'dynamic "private_network"' in r.files["db/main.tf"]
    assert [d for d in r.diagnostics if d.code == "IT308" and "from outside" in d.message]
