"""EKS network family: VPCs per region, zonal subnets, NAT egress, the attachment contract,
load balancers, and every emitted block valid against the aws provider schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from iac_translate.compiler.api import source_model, translate
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.targets.eks import attach
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx
from schema.tfcheck import check_text, load_schemas

NET = '''
resource "ovh_cloud_project_network_private" "net" {
  name    = "backend"
  regions = ["GRA11", "SBG5"]
}
resource "ovh_cloud_project_network_private_subnet" "gra" {
  network_id = ovh_cloud_project_network_private.net.id
  region     = "GRA11"
  network    = "10.1.0.0/24"
  start      = "10.1.0.10"
  end        = "10.1.0.200"
}
resource "ovh_cloud_project_network_private_subnet" "gra2" {
  network_id = ovh_cloud_project_network_private.net.id
  region     = "GRA11"
  network    = "10.1.3.0/24"
  start      = "10.1.3.10"
  end        = "10.1.3.200"
}
resource "ovh_cloud_project_network_private_subnet" "sbg" {
  network_id = ovh_cloud_project_network_private.net.regions_openstack_ids["SBG5"]
  region     = "SBG5"
  network    = "172.16.0.0/24"
  start      = "172.16.0.10"
  end        = "172.16.0.200"
}
output "sbg_vpc" {
  value = ovh_cloud_project_network_private.net.regions_openstack_ids["SBG5"]
}
'''


def _run(src: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": src}, "eks")
    return r.files["main.tf"], [f"{d.code} {d.message}" for d in r.diagnostics]


def _block(text: str, type_: str, name: str) -> str:
    m = re.search(rf'^resource "{type_}" "{name}" {{\n(.*?)^}}', text, re.S | re.M)
    assert m, f"{type_}.{name} not emitted"
    return m.group(1)


def test_one_vpc_per_region_sized_by_its_subnets() -> None:
    main, diags = _run(NET)
    gra = _block(main, "aws_vpc", "net")
    assert 'cidr_block           = "10.1.0.0/22"' in gra and "region" not in gra
    sbg = _block(main, "aws_vpc", "net_sbg5")
    assert 'region               = "eu-central-1"' in sbg and '"172.16.0.0/24"' in sbg
    assert 'region = "eu-central-1"' in _block(main, "aws_internet_gateway", "net_sbg5")
    assert "vpc_id            = aws_vpc.net_sbg5.id" in _block(main, "aws_subnet", "sbg_a")
    assert any(d.startswith("IT301 ovh_cloud_project_network_private.net spans 2 regions")
               for d in diags)
    assert "value = aws_vpc.net_sbg5.id" in main  # regions_openstack_ids["SBG5"]


def test_subnet_split_over_two_zones_private_and_public() -> None:
    main, diags = _run(NET)
    a = _block(main, "aws_subnet", "gra_a")
    assert '"10.1.0.0/26"' in a and '"eu-west-3a"' in a and "internal-elb" in a
    pub = _block(main, "aws_subnet", "gra_public_b")
    assert '"10.1.0.192/26"' in pub and '"eu-west-3b"' in pub and '"kubernetes.io/role/elb"' \
        in pub and "map_public_ip_on_launch = false" in pub
    assert "aws_route_table.net_public.id" in _block(main, "aws_route_table_association",
                                                     "gra_public_a")
    assert any(d.startswith("IT302 `start` of") for d in diags)


def test_covering_block_too_large_becomes_associations() -> None:
    src = NET.replace('"10.1.3.0/24"', '"10.200.0.0/24"')
    main, _ = _run(src)
    assert '"10.1.0.0/24"' in _block(main, "aws_vpc", "net")
    assoc = _block(main, "aws_vpc_ipv4_cidr_block_association", "net_2")
    assert '"10.200.0.0/24"' in assoc


BASE = '''
resource "ovh_cloud_project_network_private" "net" {
  name    = "n"
  regions = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "s" {
  network_id = ovh_cloud_project_network_private.net.id
  region     = "GRA11"
  network    = "10.0.0.0/24"
  start      = "10.0.0.2"
  end        = "10.0.0.200"
}
'''
GW = BASE + '''
resource "ovh_cloud_project_kube" "k" {
  name               = "k"
  region             = "GRA11"
  private_network_id = ovh_cloud_project_network_private.net.id
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.s.id
}
'''
GATEWAY = '''
resource "ovh_cloud_project_gateway" "gw" {
  name       = "gw"
  model      = "s"
  region     = "GRA11"
  network_id = ovh_cloud_project_network_private.net.id
  subnet_id  = ovh_cloud_project_network_private_subnet.s.id
}
'''


def test_cluster_without_gateway_gets_nat() -> None:
    r = translate({"main.tf": GW}, "eks")
    scaffold = r.files["eks_scaffold.tf"]
    assert 'resource "aws_nat_gateway" "s_egress"' in scaffold
    # regional: one NAT gateway serving zones a and b from each zone, an Elastic IP each
    nat = scaffold.split('resource "aws_nat_gateway" "s_egress"')[1].split("\n}")[0]
    assert 'availability_mode = "regional"' in nat and "aws_subnet.s_a.vpc_id" in nat
    assert "[aws_eip.s_egress.id]" in nat and "[aws_eip.s_egress_b.id]" in nat
    assert nat.count("availability_zone_address {") == 2 and "subnet_id" not in nat
    assert 'resource "aws_eip" "s_egress_b"' in scaffold
    assert "route_table_id         = aws_route_table.s.id" in scaffold
    assert any(d.code == "IT307" and "no OVH gateway serves" in d.message
               for d in r.diagnostics)
    assert "subnet_ids              = [aws_subnet.s_a.id, aws_subnet.s_b.id]" in \
        r.files["main.tf"]


def test_gateway_gives_nat_and_route_and_no_extra_nat() -> None:
    r = translate({"main.tf": GW + GATEWAY}, "eks")
    main = r.files["main.tf"]
    nat = _block(main, "aws_nat_gateway", "gw")
    assert 'availability_mode = "regional"' in nat and "subnet_id" not in nat
    assert 'availability_zone = "eu-west-3a"\n    allocation_ids    = [aws_eip.gw.id]' in nat
    assert 'availability_zone = "eu-west-3b"\n    allocation_ids    = [aws_eip.gw_b.id]' in nat
    assert "depends_on = [aws_internet_gateway.net]" in nat
    assert 'Name = "gw-nat-b"' in _block(main, "aws_eip", "gw_b")
    assert "nat_gateway_id         = aws_nat_gateway.gw.id" in _block(main, "aws_route", "gw_s")
    assert "s_egress" not in r.files.get("eks_scaffold.tf", "")
    assert not any(d.code == "IT307" and "NAT" in d.message for d in r.diagnostics)
    assert any(d.code == "IT302" and d.message.startswith("`model`") for d in r.diagnostics)


def _ctx(src: str) -> tuple[Ctx, dict[str, N.Resource]]:
    sink = Sink()
    ctx = Ctx(source_model({"main.tf": src}, sink), load_tables("eks"), sink, "eks")
    ctx.index()
    from iac_translate.targets.eks.target import EksTarget
    for key, node in ctx.nodes.items():
        declare = EksTarget.DECLARE.get(node.KIND)
        if declare is not None:
            ctx.refmap[key] = declare(ctx, node)
    return ctx, {n.name: n for n in ctx.nodes.values()}


CONTRACT = GW + '''
variable "subnet" {
  type = string
}
variable "vpc" {
  type = string
}
resource "ovh_cloud_project_database" "db" {
  engine = "postgresql"
}
'''


@pytest.mark.parametrize("ref, subnets, vpc", [
    ("ovh_cloud_project_network_private_subnet.s.id", "[aws_subnet.s_a.id, aws_subnet.s_b.id]",
     "aws_vpc.net.id"),
    ("ovh_cloud_project_network_private.net.id", "[aws_subnet.s_a.id, aws_subnet.s_b.id]",
     "aws_vpc.net.id"),
    ("var.subnet", "data.aws_subnets.db_private.ids", "data.aws_subnet.db_subnet.vpc_id"),
    ("var.vpc", "data.aws_subnets.db_private.ids", "var.vpc"),
    (None, "data.aws_subnets.default.ids", "data.aws_vpc.default.id"),
])
def test_contract_follows_the_reference(ref: str | None, subnets: str, vpc: str) -> None:
    ctx, n = _ctx(CONTRACT)
    db = n["db"]
    expr = E.ref(ref) if ref else None
    assert to_hcl(attach.private_subnet_ids(ctx, db, expr)) == subnets
    assert to_hcl(attach.vpc_id_of(ctx, db, expr)) == vpc


LB = GATEWAY + BASE + '''
resource "ovh_cloud_project_loadbalancer" "web" {
  region_name = "GRA11"
  name        = "web"
  flavor_id   = "small-id"
  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.net.id
        subnet_id = ovh_cloud_project_network_private_subnet.s.id
      }
    }
  }
  listeners = [{ port = 5432, protocol = "tcp", allowed_cidrs = ["10.0.0.0/8"],
    pool = { algorithm = "leastConnections", protocol = "tcp",
      members = [{ address = "10.0.0.5", protocol_port = 5432 }] } }]
}
'''


def test_internal_tcp_load_balancer() -> None:
    main, diags = _run(LB)
    lb = _block(main, "aws_lb", "web")
    assert "internal                   = true" in lb and '"network"' in lb
    assert "[aws_subnet.s_a.id, aws_subnet.s_b.id]" in lb
    assert 'protocol          = "TCP"' in _block(main, "aws_lb_listener", "web_5432")
    rule = _block(main, "aws_vpc_security_group_ingress_rule", "web_lb_5432")
    assert 'cidr_ipv4         = "10.0.0.0/8"' in rule
    assert 'target_id        = "10.0.0.5"' in _block(main, "aws_lb_target_group_attachment",
                                                      "web_5432_0")
    assert any(d.startswith("IT301 the leastConnections pool") for d in diags)
    assert any(d.startswith("IT302 `flavor_id`") for d in diags)


@pytest.mark.parametrize("src", [NET, GW, GW + GATEWAY, LB])
def test_emitted_blocks_match_the_aws_schema(src: str) -> None:
    schemas = load_schemas(Path(__file__).parent / "data" / "schemas")
    r = translate({"main.tf": src}, "eks")
    for name, text in r.files.items():
        if name.endswith(".tf"):
            assert list(check_text(text, name, schemas)) == [], name


def test_small_node_subnet_warns_about_pod_addresses() -> None:
    r = translate({"main.tf": GW}, "eks")
    assert any(d.code == "IT301" and "59 addresses per zone" in d.message
               for d in r.diagnostics)
    big = translate({"main.tf": GW.replace('"10.0.0.0/24"', '"10.0.0.0/19"')}, "eks")
    assert not any("addresses per zone" in d.message for d in big.diagnostics)


def test_listener_settings_nothing_reads_are_reported() -> None:
    src = LB.replace('allowed_cidrs = ["10.0.0.0/8"],', 'allowed_cidrs = ["10.0.0.0/8"], '
                     'timeout_client_data = 50000,')
    _, diags = _run(src)
    assert any(d.startswith("IT302 `listeners.timeout_client_data` of") for d in diags)


def test_zones_looked_up_are_availability_zones_only() -> None:
    """A subnet whose region is a variable takes its zones at plan time: Availability Zones
    only (an opted-in Local Zone sorts first and EKS cannot use it), no `state` filter."""
    src = BASE.replace('region     = "GRA11"', "region     = var.region") + '''
variable "region" {
  default = "GRA11"
}
'''
    r = translate({"main.tf": src}, "eks")
    out = "\n".join(r.files.values())
    # (in the subnet's region, var.region: the provider's is the network's literal one)
    m = re.search(r'^data "aws_availability_zones" "available_var_region" \{\n(.*?)^\}', out,
                  re.S | re.M)
    assert m, "no zone lookup"
    assert "region = var.region" in m.group(1)
    assert 'name   = "opt-in-status"' in m.group(1)
    assert 'values = ["opt-in-not-required"]' in m.group(1) and "state" not in m.group(1)
    assert "data.aws_availability_zones.available_var_region.names[1]" in \
        _block(out, "aws_subnet", "s_b")


def test_gateway_on_a_range_too_small_to_split_serves_zone_a() -> None:
    """A /28 OVH subnet is used whole in zone a with no public subnet: the NAT gateway
    serves zone a only and needs no public subnet (a zonal one named a missing subnet)."""
    src = (GW + GATEWAY).replace('"10.0.0.0/24"', '"10.0.0.0/28"')
    r = translate({"main.tf": src}, "eks")
    main = r.files["main.tf"]
    nat = _block(main, "aws_nat_gateway", "gw")
    assert nat.count("availability_zone_address {") == 1 and "public" not in nat
    assert 'resource "aws_eip" "gw_b"' not in main
    assert any(d.code == "IT301" and "zone a (its range is not split)" in d.message
               for d in r.diagnostics)


def test_suffixed_names_stay_one_template() -> None:
    """A computed network name with a suffix (-igw, -public) is one template, not a
    template interpolating a template."""
    src = BASE.replace('name    = "n"', 'name    = "${var.prefix}-net"') + '''
variable "prefix" {
  default = "dev"
}
'''
    main, _ = _run(src)
    assert 'Name = "${var.prefix}-net-igw"' in _block(main, "aws_internet_gateway", "net")
    assert 'Name = "${var.prefix}-net-public"' in _block(main, "aws_route_table", "net_public")
    assert '"${"' not in main


def test_three_az_region_gets_three_private_subnets() -> None:
    """An OVH 3-AZ region (EU-WEST-PAR): private subnets in zones a, b and c (a quarter
    each), public ones in a and b (the last quarter halved); the cluster, its NAT gateway and
    route table associations cover the three zones."""
    src = (GW + GATEWAY).replace('"GRA11"', '"EU-WEST-PAR"').replace('"10.0.0.0/24"',
                                                                      '"10.0.0.0/22"')
    r = translate({"main.tf": src}, "eks")
    main = r.files["main.tf"]
    assert '"10.0.2.0/24"' in _block(main, "aws_subnet", "s_c")
    assert '"eu-west-3c"' in _block(main, "aws_subnet", "s_c")
    assert '"10.0.3.0/25"' in _block(main, "aws_subnet", "s_public_a")
    assert '"10.0.3.128/25"' in _block(main, "aws_subnet", "s_public_b")
    assert 'resource "aws_subnet" "s_public_c"' not in main
    assert "aws_subnet.s_c.id" in _block(main, "aws_route_table_association", "s_c")
    assert "aws_subnet.s_a.id, aws_subnet.s_b.id, aws_subnet.s_c.id" in \
        _block(main, "aws_eks_cluster", "k")
    nat = _block(main, "aws_nat_gateway", "gw")
    assert nat.count("availability_zone_address {") == 3 and "[aws_eip.gw_c.id]" in nat
    # too small for three private quarters and two public eighths of /27 or more: two zones
    small = src.replace('"10.0.0.0/22"', '"10.0.0.0/25"')
    main = translate({"main.tf": small}, "eks").files["main.tf"]
    assert 'resource "aws_subnet" "s_c"' not in main and '"10.0.0.96/27"' in main


def test_whole_regions_attributes_list_reads_the_vpcs() -> None:
    """`one(net.regions_attributes)["openstackid"]` and a `for` over it filtered by OVH
    region read the VPC ids (was a placeholder inside one(), which fails at plan)."""
    src = NET + '''
output "uuid" {
  value = one(ovh_cloud_project_network_private.net.regions_attributes)["openstackid"]
}
output "sbg" {
  value = [for r in ovh_cloud_project_network_private.net.regions_attributes :
    r.openstackid if r.region == "SBG5"]
}
'''
    main, diags = _run(src)
    uuid = main.split('output "uuid"')[1].split('output "')[0]
    assert '{ id = aws_vpc.net.id, openstackid = aws_vpc.net.id, region = "GRA11" }' in uuid
    assert 'openstackid = aws_vpc.net_sbg5.id, region = "SBG5" }' in uuid
    assert "one([" in uuid and '])["openstackid"]' in uuid
    assert "TODO" not in main.split('output "sbg"')[1]
    assert not any(d.startswith("IT206") and "regions_attributes" in d for d in diags)


def test_counted_gateway_reads_its_own_subnet_instance() -> None:
    """A gateway counted like its network and subnet: its NAT gateway's VPC and its route's
    table are the same instance's (unindexed references to counted resources fail at plan)."""
    src = '''
variable "n" {
  default = 2
}
resource "ovh_cloud_project_network_private" "net" {
  count   = var.n
  name    = "n${count.index}"
  regions = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "s" {
  count      = var.n
  network_id = ovh_cloud_project_network_private.net[count.index].id
  region     = "GRA11"
  network    = "10.${count.index}.0.0/24"
}
resource "ovh_cloud_project_gateway" "gw" {
  count      = var.n
  name       = "gw${count.index}"
  model      = "s"
  region     = "GRA11"
  network_id = ovh_cloud_project_network_private.net[count.index].id
  subnet_id  = ovh_cloud_project_network_private_subnet.s[count.index].id
}
'''
    main, _ = _run(src)
    assert "vpc_id            = aws_subnet.s_a[count.index].vpc_id" in \
        _block(main, "aws_nat_gateway", "gw")
    assert "route_table_id         = aws_route_table.s[count.index].id" in \
        _block(main, "aws_route", "gw_s")
