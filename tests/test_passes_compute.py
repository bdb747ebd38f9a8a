"""The compute family read once: instances (OVH and OpenStack), volumes, shares, firewall rules."""

from __future__ import annotations

from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import foreign, ovh_types
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as C
from iac_translate.compiler.passes import disks as D
from iac_translate.compiler.passes import fields
from iac_translate.compiler.passes import firewall as F
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx

SRC = '''
variable "flavor" {
  default = "b3-16"
}
variable "computed" {
  type = string
}
variable "billing" {
  default = "monthly"
}
data "ovh_cloud_project_flavors" "f" {
  name_filter = "c3-4"
}
data "ovh_cloud_project_images" "i" {
  region = "GRA11"
}
locals {
  image = [for i in data.ovh_cloud_project_images.i.images : i.id if i.name == "Debian 12"][0]
  flavor = [for f in data.ovh_cloud_project_flavors.f.flavors : f.id if f.name == "b3-8"][0]
}
resource "ovh_cloud_project_instance" "lit" {
  name           = "web"
  region         = "GRA11"
  billing_period = var.billing
  flavor {
    flavor_id = var.flavor
  }
  boot_from {
    image_id = local.image
  }
  network {
    public = false
    private {
      ip = "10.0.0.5"
      network {
        id        = "net-1"
        subnet_id = ovh_cloud_project_network_private_subnet_v2.s.id
      }
    }
  }
  ssh_key_create {
    name       = "k"
    public_key = "ssh-ed25519 AAAA me"
  }
  group {
    group_id = "g"
  }
}
resource "ovh_cloud_project_instance" "expr" {
  name           = "e"
  region         = "SBG5"
  billing_period = "hourly"
  flavor {
    flavor_id = local.flavor
  }
  boot_from {
    volume_id = "vol-1"
  }
  ssh_key {
    name = "registered"
  }
}
resource "ovh_cloud_project_instance" "lookup" {
  name           = "l"
  region         = "GRA11"
  billing_period = "hourly"
  flavor {
    flavor_id = data.ovh_cloud_project_flavors.f.flavors[0].id
  }
  boot_from {
    image_id = var.computed
  }
  network {
    public = var.computed
  }
}
resource "ovh_cloud_instance" "flat" {
  name         = "f"
  region       = "GRA11"
  flavor_id    = var.computed
  image_id     = "Ubuntu 24.04"
  ssh_key_name = "deploy"
  power_state  = "stopped"
  networks = [
    {
      network_id = "net-2"
      subnet_id  = "sub-2"
    }
  ]
}
resource "ovh_cloud_project_volume" "v" {
  region_name = "GRA11"
  name        = "pg"
  size        = 200
  type        = "high-speed-gen2"
}
resource "ovh_cloud_storage_block_volume" "luks" {
  region      = "GRA11"
  name        = "secret"
  size        = var.computed
  volume_type = "CLASSIC_LUKS"
  encryption = {
    enabled = true
  }
}
resource "ovh_cloud_project_file_storage_share_network" "net" {
  region_name = "GRA9"
  network_id  = "pn-1"
  subnet_id   = "sub-1"
}
resource "ovh_cloud_project_file_storage_share" "s" {
  region_name      = "GRA9"
  name             = "team"
  size             = 150
  share_network_id = ovh_cloud_project_file_storage_share_network.net.id
}
resource "ovh_cloud_storage_file_share" "cifs" {
  region           = "GRA9"
  name             = "win"
  protocol         = "cifs"
  size             = 100
  share_network_id = "x"
  share_type       = "standard-1az"
}
resource "ovh_cloud_project_workflow_backup" "b" {
  region_name = "GRA11"
  instance_id = ovh_cloud_project_instance.lit.id
  name        = "nightly"
  cron        = "0 3 * * *"
  rotation    = 7
}
resource "ovh_cloud_storage_block_volume_snapshot" "snap" {
  region    = "GRA11"
  name      = "s"
  volume_id = ovh_cloud_storage_block_volume.luks.id
}
resource "ovh_cloud_project_ssh_key" "k" {
  name       = "deploy"
  public_key = "ssh-ed25519 AAAA deploy"
}
'''

OPENSTACK = '''
provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3"
}
resource "openstack_networking_network_v2" "private" {
  name = "private"
}
resource "openstack_networking_secgroup_v2" "web" {
  name = "web"
  delete_default_rules = true
}
resource "openstack_networking_secgroup_rule_v2" "http" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 80
  port_range_max    = 80
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.web.id
}
resource "openstack_networking_secgroup_rule_v2" "out6" {
  direction         = "egress"
  ethertype         = "IPv6"
  security_group_id = openstack_networking_secgroup_v2.web.id
}
resource "openstack_compute_instance_v2" "web" {
  name            = "web"
  flavor_name     = "b3-8"
  image_name      = "Ubuntu 22.04"
  key_pair        = "me"
  security_groups = ["web"]
  config_drive    = true
  network {
    name = "Ext-Net"
  }
  network {
    uuid = openstack_networking_network_v2.private.id
  }
  block_device {
    source_type = "image"
  }
}
resource "openstack_blockstorage_volume_v3" "data" {
  name        = "data"
  size        = 20
  volume_type = "high-speed"
}
resource "openstack_compute_volume_attach_v2" "a" {
  instance_id = openstack_compute_instance_v2.web.id
  volume_id   = openstack_blockstorage_volume_v3.data.id
  device      = "/dev/sdb"
}
'''


def _ctx(src: str = SRC) -> tuple[Ctx, dict[str, N.Resource]]:
    sink = Sink()
    model = source_model({"main.tf": src}, sink)
    ctx = Ctx(model, load_tables("gke"), sink, "gke")
    ctx.index()
    return ctx, {n.name: n for n in ctx.nodes.values() if n.mode == "managed"}


def test_instance_through_variable_and_local() -> None:
    ctx, n = _ctx()
    s = C.read_instance(ctx, n["lit"])
    assert (s.machine.flavor, s.machine.vcpu, s.machine_via) == ("b3-16", 4, None)
    assert (s.image.name, s.image.os, s.image.version) == ("Debian 12", "debian", "12")
    assert s.billing is C.Billing.MONTHLY  # through the variable default
    assert s.location.geo is not None and s.location.geo.metro == "GRA"
    assert s.network.public is False and E.str_value(s.network.network) == "net-1"
    assert E.traversal(s.network.subnet) is not None
    assert [p for p, _ in s.network.extras] == ["network.private.ip"]
    assert E.str_value(s.ssh.public_key) == "ssh-ed25519 AAAA me" and s.ssh.key_name is None
    assert [o.field for o in s.ovh_only] == ["billing", "placement"]
    assert "flavor.flavor_id" in s.read and "ssh_key_create" in s.read


def test_instance_flavor_from_expression_and_lookup() -> None:
    ctx, n = _ctx()
    e = C.read_instance(ctx, n["expr"])
    assert (e.machine.flavor, e.machine_via, e.machine.ram_gb) == ("b3-8", "expression", 8.0)
    assert E.str_value(e.boot_volume) == "vol-1" and e.image.os is None
    assert e.billing is C.Billing.HOURLY and e.network.public is True  # OVH's default
    assert e.ssh.key_name is not None and e.ssh.key_name_path == "ssh_key"
    assert E.str_value(e.ssh.name) == "registered"  # the name inside the block
    lk = C.read_instance(ctx, n["lookup"])
    assert (lk.machine.flavor, lk.machine_via) == ("c3-4", "data.ovh_cloud_project_flavors.f")
    assert lk.image.source is not None and lk.image.os is None  # computed: source kept
    assert lk.network.public is None  # computed


def test_flat_instance_and_unknown_flavor() -> None:
    ctx, n = _ctx()
    f = C.read_instance(ctx, n["flat"])
    assert not f.machine.known and f.machine_source is not None and f.machine_lookup is None
    assert (f.image.os, f.image.version) == ("ubuntu", "24.04")
    assert f.ssh.key_name_path == "ssh_key_name" and f.billing is None
    assert [o.field for o in f.ovh_only] == ["power_state"]
    # the one listed network is the main interface; nothing is left over
    assert E.str_value(f.network.subnet) == "sub-2" and f.network.others is None


def test_os_names() -> None:
    assert C.os_of("Rocky Linux 9") == ("rocky", "9")
    assert C.os_of("AlmaLinux 9") == ("almalinux", "9")
    assert C.os_of("Ubuntu 22.04 - Docker") is None and C.os_of("Windows 2022") is None


def test_volumes_classes_sizes_and_luks() -> None:
    ctx, n = _ctx()
    v = D.read_volume(ctx, n["v"])
    assert v.volume_class is D.VolumeClass.HIGH_IOPS and v.size.gb == 200 and not v.luks
    assert v.location.geo is not None and E.str_value(v.name.source) == "pg"
    luks = D.read_volume(ctx, n["luks"])
    assert luks.volume_class is D.VolumeClass.STANDARD and luks.luks
    assert luks.size.gb is None and luks.size.source is not None  # computed: source kept
    assert luks.encryption is not None
    assert D.volume_class("high-speed") == (D.VolumeClass.SSD, False)
    assert D.volume_class("nvme") == (None, False)


def test_shares_network_through_share_network_and_protocol() -> None:
    ctx, n = _ctx()
    s = D.read_share(ctx, n["s"])
    assert s.protocol == "NFS" and s.size.gb == 150 and E.str_value(s.network) == "pn-1"
    assert E.str_value(s.subnet) == "sub-1" and s.share_network is n["net"]
    cifs = D.read_share(ctx, n["cifs"])
    assert cifs.protocol == "CIFS" and E.str_value(cifs.share_type) == "standard-1az"
    assert cifs.network is None


def test_backups_and_keys() -> None:
    ctx, n = _ctx()
    b = D.read_backup(ctx, n["b"])
    assert b.kind is D.BackupKind.SCHEDULE and E.str_value(b.cron) == "0 3 * * *"
    assert D.read_backup(ctx, n["snap"]).kind is D.BackupKind.SNAPSHOT
    k = C.read_ssh_key(ctx, n["k"])
    assert E.str_value(k.public_key) == "ssh-ed25519 AAAA deploy" and k.location.source is None


def test_openstack_server_volume_attachment_and_rules() -> None:
    ctx, n = _ctx(OPENSTACK)
    s = C.read_instance(ctx, n["web"])
    assert s.machine.flavor == "b3-8" and (s.image.os, s.image.version) == ("ubuntu", "22.04")
    assert s.network.public is True and len(s.private_refs) == 1
    assert s.network.interfaces == 2
    assert E.str_value(s.ssh.key_name) == "me" and s.ssh.key_name_path == "key_pair"
    assert [o.field for o in s.ovh_only] == ["config_drive"] and len(s.block_devices) == 1
    v = D.read_volume(ctx, n["data"])
    assert v.volume_class is D.VolumeClass.SSD and v.size.gb == 20
    a = D.read_attachment(ctx, n["a"])
    assert E.str_value(a.device) == "/dev/sdb" and a.instance is not None
    http = F.read_rule(ctx, n["http"])
    assert http.direction is F.Direction.INGRESS and http.protocol_text == "tcp"
    assert E.str_value(http.cidr) == "0.0.0.0/0" and not http.ipv6
    out6 = F.read_rule(ctx, n["out6"])
    assert out6.direction is F.Direction.EGRESS and out6.ipv6 and out6.protocol is None
    assert out6.anywhere == "::/0"
    group = next(x for x in ctx.nodes.values()
                 if x.address == "openstack_networking_secgroup_v2.web")
    assert not F.read_group(ctx, group).keeps_default_rules


# -- every OVH argument of the family has one neutral destination or an OVH-only reason ------

# Spec names are checked for every family in tests/test_passes_fields.py.
_FIELDS = fields.resources_table("compute")
_KINDS = ("Instance", "Volume", "SshKey", "FileShare", "FileShareNetwork", "Backup",
          "LogSubscription")


def _schema_args(t: str) -> set[str]:
    def walk(body: dict, prefix: str) -> set[str]:
        out = {prefix + a for a in body.get("args", {})}
        for b, inner in body.get("blocks", {}).items():
            out |= walk(inner, f"{prefix}{b}.")
        return out
    return walk(ovh_types.type_schema(t, "managed") or {}, "")


def test_fields_cover_every_schema_argument() -> None:
    types = [t for t, c in ovh_types.RESOURCE_CONCEPT.items() if c.KIND in _KINDS]
    assert len(types) >= 17
    for t in types:
        assert t in _FIELDS, f"{t} missing from fields_compute.json"
        missing = _schema_args(t) - set(_FIELDS[t])
        assert not missing, f"{t}: {sorted(missing)} missing from fields_compute.json"
        stale = set(_FIELDS[t]) - _schema_args(t)
        assert not stale, f"{t}: {sorted(stale)} are not arguments of the OVH schema"


def test_fields_cover_the_openstack_types_of_the_family() -> None:
    mine = {t for t, c in foreign.OPENSTACK.items() if c.KIND in (
        "Instance", "Volume", "VolumeAttachment", "SshKey", "SecurityGroup", "SecurityRule")}
    assert mine <= set(_FIELDS), sorted(mine - set(_FIELDS))
