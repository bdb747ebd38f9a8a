"""Azure Linux VMs from InstanceSpec (OVH instances, OpenStack servers): NIC, public IP, keys."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes.database import names_a_resource

from ..hclwrite import TfBlock
from ..tfbase import compute_family as CF
from ..tfbase import generated_key as GK
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.instance_machine import instance_machine
from ..tfbase.refs import RefTarget
from . import common as C
from . import network, vm_ext_net
from .custom_data import custom_data
from .disk import group_at, table

VM, NIC, PIP, KEY = ("azurerm_linux_virtual_machine", "azurerm_network_interface",
                     "azurerm_public_ip", "azurerm_ssh_public_key")
# an unknown flavor: the IT303 help, the TODO
_UNKNOWN_FLAVOR = ("choose an Azure VM size (az vm list-sizes --location <region>)",
                   "Azure VM size")


# what the OVH instance's arguments Azure has no place for become
_WHY = {"volume_ids": "attach Azure disks with azurerm_virtual_machine_data_disk_attachment",
        "billing": "Azure bills VMs per second; monthly commitments are reservations or "
                   "savings plans bought outside Terraform"}
ip_label = CF.ip_label


def declare_instance(ctx: Ctx, node: N.Resource) -> RefTarget:
    spec = M.read_instance(ctx, node)
    private = "{self}.private_ip_address"
    public = "{self}.public_ip_address" if spec.network.public is True else private
    return CF.instance_refs(VM, node, private, public)


def _side(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    P.emit_meta(ctx, b, meta_only(node), {})
    ctx.emit(node.span, b)


def _name(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, suffix: str = "") -> E.Expr:
    base = ST.written_or(ctx, node, spec.name, C.instance_name(node, node.name.replace("_", "-")))
    if not suffix:
        return base
    text = E.str_value(base)
    if text is not None:
        return E.Literal(text + suffix)
    if isinstance(base, E.Template) and base.heredoc is None:  # (one template, not nested)
        return E.Template((*base.parts, suffix))
    return E.Template((E.Interp(base), suffix))


def lower_instance(ctx: Ctx, node: N.Resource) -> None:
    spec = M.read_instance(ctx, node)
    u, b = CF.begin(ctx, node, spec.read, VM)
    group, where = group_at(ctx, node, spec.location.source)
    row = table()["vm"]
    b.set("name", _name(ctx, node, spec))
    b.set("resource_group_name", group)
    b.set("location", where)
    b.set("size", instance_machine(ctx, node, spec, *_UNKNOWN_FLAVOR))
    zone = C.zone_of(ctx, spec.zone.text) if spec.zone.text else None
    if zone is not None:
        b.set("zone", E.Literal(zone))
    b.set("admin_username", E.Literal(row["admin_username"]))
    b.set("network_interface_ids", E.Tuple((same(node, NIC, "id"),)))
    _nic(ctx, node, spec, group, where)
    if spec.user_data is not None:
        b.set("custom_data", *custom_data(ctx, node, spec.user_data))
    _ssh(ctx, node, spec, b, row["admin_username"])
    disk = b.block("os_disk", comment="the OVH flavor's local disk becomes a managed OS disk")
    disk.set("caching", E.Literal("ReadWrite"))
    disk.set("storage_account_type", E.Literal(row["os_disk_type"]))
    ctx.sink.add("IT301", node.span, f"the local disk of {node.address}'s flavor becomes a "
                 f"managed {row['os_disk_type']} OS disk of the image's size (30 GiB for "
                 "most Linux images); set os_disk.disk_size_gb to what the instance needs")
    _image(ctx, node, spec, b)
    CF.boot_disks(ctx, node, spec, "an OVH volume is not an Azure disk; the VM boots the "
                  "image on a new OS disk", "attach data disks with "
                  "azurerm_virtual_machine_data_disk_attachment")
    if spec.security_groups is not None:
        _groups(ctx, node, spec.security_groups)
    CF.instance_drops(u, spec, _WHY)
    P.place(ctx, node, b)
    u.done()


def _groups(ctx: Ctx, node: N.Resource, groups: E.Expr) -> None:
    """The OpenStack groups of the server as the NSG of its NIC (a NIC takes one)."""
    from .openstack import NSG, groups_of
    found = groups_of(ctx, node, groups)
    if not found:
        return
    if len(found) > 1:
        ctx.sink.add("IT301", groups.span or node.span, f"{node.address} is in {len(found)} "
                     f"OpenStack groups: a NIC takes one NSG, {found[0].address}'s (merge the "
                     "others' rules into it, or put them on the subnet's NSG)")
    a = TfBlock("resource", ("azurerm_network_interface_security_group_association",
                             node.name))
    a.set("network_interface_id", same(node, NIC, "id"))
    a.set("network_security_group_id", E.ref(f"{NSG}.{found[0].name}.id"))
    _side(ctx, node, a)


def _nic(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, group: E.Expr,
         where: E.Expr) -> None:
    """The VM's one network interface: in the subnet the OVH private network became, with a
    Standard static public IP when OVH gives the instance a public address."""
    net = spec.network
    n = TfBlock("resource", (NIC, node.name))
    n.set("name", _name(ctx, node, spec, "-nic"))
    n.set("location", where)
    n.set("resource_group_name", group)
    ip = n.block("ip_configuration")
    ip.set("name", E.Literal("primary"))
    subnet = net.subnet if net.subnet is not None and names_a_resource(net.subnet) else None
    refs = [r for r in (net.network, *spec.private_refs) if r is not None]
    found = None if subnet is not None else _subnet_of(ctx, node, refs)
    if subnet is not None:
        ip.set("subnet_id", ctx.rewrite(subnet, node.module))
    elif found is not None:  # (the instance of the network the VM names: its key)
        ip.set("subnet_id", network.subnet_on(ctx, node, refs, found))
        ctx.sink.add("IT306", (net.network or node).span or node.span, f"{node.address} is "
                     f"on a network with no subnet named: its NIC is in {found.address}'s "
                     "subnet, the first of that network declared here")
    elif vm_ext_net.only_public(spec):
        ip.set("subnet_id", vm_ext_net.subnet(ctx, node, _name(ctx, node, spec, "-vnet"),
                                              group, where))
    else:
        # (naming the OVH network: the VMs on one network ask for one subnet, IT383)
        on = f" on OVH network `{CF.shown(net.network)}`" if net.network is not None else ""
        ip.set("subnet_id", E.Literal(f"TODO(IT308): the id of an azurerm_subnet{on}"))
        ctx.sink.add("IT308", (net.network or net.subnet or node).span or node.span,
                     f"{node.address} names no subnet declared here" +
                     (" (OVH's public network has no Azure counterpart: a VM's public IP "
                      "sits on a NIC in a VNet subnet)" if net.network is None else ""),
                     "set subnet_id to a subnet of the VNet the VM belongs in")
    if net.fixed_ip is not None:  # (an OpenStack port's fixed address)
        ip.set("private_ip_address_allocation", E.Literal("Static"))
        ip.set("private_ip_address", ctx.rewrite(net.fixed_ip, node.module))
    else:
        ip.set("private_ip_address_allocation", E.Literal("Dynamic"))
    if net.floating_ip is not None:  # the floating IP associated: the public IP it became
        ip.set("public_ip_address_id", ctx.rewrite(CF.address_id(net.floating_ip) or
                                                      net.floating_ip, node.module))
    elif net.public is True:
        pip = TfBlock("resource", (PIP, ip_label(node)))
        pip.note(f"the public address OVH gives {node.address}")
        pip.set("name", _name(ctx, node, spec, "-ip"))
        pip.set("location", where)
        pip.set("resource_group_name", group)
        pip.set("allocation_method", E.Literal("Static"))
        pip.set("sku", E.Literal("Standard"))
        _side(ctx, node, pip)
        ip.set("public_ip_address_id", same(node, PIP, "id", ip_label(node)))
        ctx.sink.add("IT301", node.span, f"the public address of {node.address} is a "
                     "Standard public IP, which accepts no inbound traffic until a network "
                     "security group on the NIC or subnet allows it (OVH's public interface "
                     "accepts all)", "allow SSH (22) from your addresses in an NSG")
    elif net.public is None and net.public_source is not None:
        ctx.sink.add("IT309", net.public_source.span or node.span, f"network.public of "
                     f"{node.address} is computed: add an azurerm_public_ip when it is true")
    for path, v in net.extras:
        ctx.sink.add("IT302", v.span or node.span, f"`{path}` of {node.address} is not "
                     "translated: set private_ip_address_allocation = Static and "
                     "private_ip_address on the NIC for a fixed address")
    if len(spec.private_refs) > 1 or net.others is not None:
        ctx.sink.add("IT301", node.span, f"{node.address} is on several networks: its NIC is "
                     "in the first (add NICs for the others)")
    _side(ctx, node, n)


def _subnet_of(ctx: Ctx, node: N.Resource, refs: list[E.Expr]) -> N.Resource | None:
    """The first subnet (by label) declared in the module on a network the server names."""
    for ref in refs:
        net = ctx.resolve(ref, node.module)
        if not isinstance(net, N.Resource):
            continue
        first = C.once(ctx, f"first_subnets {node.module}",
                       lambda: _first_subnets(ctx, node.module)).get(id(net))
        if first is not None:
            return first
    return None


def _first_subnets(ctx: Ctx, module: str) -> dict[int, N.Resource]:
    """The first subnet (by label; model order among equal labels) on each network."""
    found: dict[int, N.Resource] = {}
    for s in sorted(ctx.by_module.resources(module, "Subnet"), key=lambda s: s.name):
        if (net := ctx.resolve(s.get("network_id"), s.module)) is not None:
            found.setdefault(id(net), s)
    return found


def _ssh(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, b: TfBlock, user: str) -> None:
    ssh = spec.ssh
    key: E.Expr | None = None
    if ssh.public_key is not None:
        key = ctx.rewrite(ssh.public_key, node.module)
    elif ssh.name is not None:
        owner = ctx.resolve(ssh.name, node.module)
        if isinstance(owner, N.Resource) and owner.KIND == "SshKey":
            key = same(owner, KEY, "public_key")
    s = b.block("admin_ssh_key")
    s.set("username", E.Literal(user))
    if key is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no SSH key the translator can "
                     "read: an Azure Linux VM needs one (password login is off)",
                     "set admin_ssh_key.public_key")
        # (naming the key pair: the VMs of one key pair ask for one key, IT383)
        key = E.Literal("TODO(IT308): " + (f"the SSH public key of the OVH key pair "
                                           f"`{CF.shown(ssh.name)}`" if ssh.name is not None
                                           else "an SSH public key"))
    s.set("public_key", key)


def _image(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, b: TfBlock) -> None:
    img = spec.image
    found = table()["images"].get(img.os or "", {}).get(img.version or "")
    r = b.block("source_image_reference")
    if found is None:
        ctx.sink.add("IT308", (img.source or node).span, f"the image of {node.address} "
                     f"({img.name or 'not a literal OS image name'}) has no Azure "
                     "Marketplace image in the table", "choose one: az vm image list --all "
                     "--publisher <publisher> (publisher, offer, sku)")
        # (naming the OVH image: the VMs of one image ask for one value, IT383)
        of = CF.replacing("image", img.source, img.name)
        found = [f"TODO(IT308): Azure Marketplace image {k}{of}"
                 for k in ("publisher", "offer", "sku")]
    else:
        ctx.sink.add("IT306", (img.source or node).span, f"OVH image `{img.name}` mapped to "
                     f"the Azure Marketplace image {':'.join(found)}:latest")
    for k, v in zip(("publisher", "offer", "sku"), found, strict=True):
        r.set(k, E.Literal(v))
    r.set("version", E.Literal("latest"))


def declare_key(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.mode == "managed" and M.read_ssh_key(ctx, node).public_key is None:
        # A key pair OVH/OpenStack generates: its private key is the tls_private_key's
        return RefTarget(f"{KEY}.{node.name}", {
            "name": "{self}.name", "public_key": "{self}.public_key", **GK.rules()})
    return CF.self_refs(KEY, node, name="name", public_key="public_key")


def lower_key(ctx: Ctx, node: N.Resource) -> None:
    spec = M.read_ssh_key(ctx, node)
    u, b = CF.begin(ctx, node, CF.KEY_ARGS, KEY)
    group, where = group_at(ctx, node, spec.location.source)
    b.set("name", ST.written_or(ctx, node, spec.name,
                                E.Literal(C.az_name(node.name.replace("_", "-")))))
    b.set("resource_group_name", group)
    b.set("location", where)
    if spec.public_key is None and node.mode == "managed":
        b.set("public_key", GK.generate(ctx, node))
    else:
        b.set("public_key", CF.public_key(ctx, node, spec))
    P.place(ctx, node, b)
    u.done()


DECLARE: dict[str, Declaring] = {"Instance": declare_instance, "SshKey": declare_key}
LOWER: dict[str, Lowering] = {"Instance": lower_instance, "SshKey": lower_key}
