"""Scaleway Instances from InstanceSpec (OVH instances, OpenStack servers) and IAM SSH keys."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M
from iac_translate.compiler.passes.database import names_a_resource

from ..hclwrite import TfBlock
from ..tfbase import compute_family as CF
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.companions import instance_key, meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.instance_machine import instance_machine
from ..tfbase.modrefs import passed_by_every_call
from ..tfbase.refs import RefTarget
from . import common as C
from . import compute as K
from .user_data import cloud_init

VM, IP, KEY, IMAGE = ("scaleway_instance_server", "scaleway_instance_ip", "scaleway_iam_ssh_key",
                      "scaleway_marketplace_image")
# an unknown flavor: the IT303 help, the TODO
_UNKNOWN_FLAVOR = ("choose a Scaleway commercial type (scw instance server-type list)",
                   "Scaleway commercial type")


ip_label = CF.ip_label


def declare_instance(ctx: Ctx, node: N.Resource) -> RefTarget:
    spec = M.read_instance(ctx, node)
    private = "{self}.private_ips[0].address"
    # (the IP of the instance the reference names: `[0]` from an output, not count.index)
    public = f"{IP}.{ip_label(node)}{{keys:{instance_key(node)}}}.address" \
        if spec.network.public is True \
        else private
    return CF.instance_refs(VM, node, private, public)


def lower_instance(ctx: Ctx, node: N.Resource) -> None:
    spec = M.read_instance(ctx, node)
    u, b = CF.begin(ctx, node, spec.read, VM)
    b.set("name", ST.written_or(ctx, node, spec.name, E.Literal(C.scw_name(node.name))))
    b.set("type", instance_machine(ctx, node, spec, *_UNKNOWN_FLAVOR))
    K.zone(ctx, node, b, spec.zone.text, spec.location.text, spec.location.source)
    b.set("image", _image(ctx, node, spec, b))
    _root(ctx, node, spec, b)
    _network(ctx, node, spec, b)
    _ssh(ctx, node, spec)
    if spec.user_data is not None:
        b.set("user_data", E.Object(((E.Literal("cloud-init"), ctx.rewrite(
            cloud_init(ctx, node, spec.user_data), node.module)),)), "OVH user data is "
            "cloud-init; Scaleway reads it from the cloud-init key")
    CF.boot_disks(ctx, node, spec, "an OVH volume is not a Scaleway volume; the server "
                  "boots the image on a new root volume", "the server boots the image on its "
                  "root volume; attach data volumes with additional_volume_ids")
    CF.instance_drops(u, spec, K.table()["not_translated"]["instance"], lambda only:
                      only.field == "shares" and _shares(ctx, node, only.source, b))
    P.place(ctx, K.unbound(node), b)
    u.done()


def _shares(ctx: Ctx, node: N.Resource, shares: E.Expr, b: TfBlock) -> bool:
    """OVH file shares mounted by the instance (`shares = [{ id, access_level }]`) as
    File Storage attached to it (a filesystems block each); False when a share is not one
    declared here (the argument is then reported)."""
    items = shares.items if isinstance(shares, E.Tuple) else None
    if not items:
        return False
    found = []
    for item in items:
        share = ctx.resolve(E.obj_get(item, "id"), node.module) if isinstance(
            item, E.Object) else None
        if share is None or share.KIND != "FileShare":
            return False
        found.append((share, item))
    for share, item in found:
        fs = b.block("filesystems")
        fs.set("filesystem_id", ctx.rewrite(E.obj_get(item, "id") or E.Literal(None),
                                            node.module))
        level = E.str_value(E.obj_get(item, "access_level"))
        if level is not None and level.lower() in ("ro", "read_only", "readonly"):
            ctx.sink.add("IT302", item.span or node.span, f"the read-only access of "
                         f"{node.address} to {share.address} is not translated: Scaleway "
                         "attaches File Storage read-write (mount it read-only in the guest: "
                         "mount -o ro)")
    ctx.sink.add("IT306", shares.span or node.span, f"the shares of {node.address} are "
                 "attached as File Storage (filesystems); mount them in the guest with "
                 "mount -t virtiofs")
    return True


def _gpu(ctx: Ctx, spec: M.InstanceSpec) -> bool:
    return spec.machine.gpu is not None


def _image(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, b: TfBlock) -> E.Expr:
    """The OVH image's distribution as a marketplace image lookup (a data source beside the
    server, in its zone)."""
    img = spec.image
    tables = K.table()
    labels = tables["gpu_images"] if _gpu(ctx, spec) else tables["images"]
    label = labels.get(img.os or "", {}).get(img.version or "") if img.os else None
    if label is None and img.os:
        label = tables["images"].get(img.os, {}).get(img.version or "")
    if label is None:
        ctx.sink.add("IT308", (img.source or node).span, f"the image of {node.address} "
                     f"({img.name or 'not a literal OS image name'}) has no Scaleway "
                     "marketplace label in the table", "choose one: scw marketplace image "
                     "list (a label such as ubuntu_noble)")
        return E.Literal("TODO(IT308): Scaleway image label" +
                         CF.replacing("image", img.source, img.name))
    d = TfBlock("data", (IMAGE, node.name))
    P.emit_meta(ctx, d, meta_only(node), {})
    d.set("label", E.Literal(label))
    z = b.get("zone")
    if z is not None:
        d.set("zone", z)
    kind = b.get("type")
    if kind is not None and not str(E.str_value(kind) or "").startswith("TODO("):
        # the image variant made for the server's type (the lookup defaults to DEV1-S's)
        d.set("instance_type", kind)
    if tables["root_volume"]["volume_type"] == "sbs_volume":
        # The lookup's default variant (instance_local) boots from an l_ssd snapshot, which
        # the API refuses on the Block Storage root volume the server gets (_root).
        d.set("image_type", E.Literal("instance_sbs"))
    ctx.emit(node.span, d)
    if label in tables["confirmed_labels"]:
        ctx.sink.add("IT306", (img.source or node).span, f"OVH image `{img.name}` mapped to "
                     f"the Scaleway marketplace image `{label}`")
    else:
        ctx.sink.add("IT308", (img.source or node).span, f"OVH image `{img.name}` mapped to "
                     f"the Scaleway marketplace image `{label}`, a label that follows "
                     "Scaleway's naming but that the translator has not seen in use",
                     "check it with scw marketplace image list (the lookup fails at plan "
                     "if it does not exist)")
    return same(node, f"data.{IMAGE}", "id")


def _root(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, b: TfBlock) -> None:
    row = K.table()["root_volume"]
    r = b.block("root_volume", comment="the OVH flavor's local disk becomes Block Storage")
    r.set("volume_type", E.Literal(row["volume_type"]))
    r.set("size_in_gb", K.num(int(row["size_in_gb"])))
    r.set("delete_on_termination", E.Literal(True))
    ctx.sink.add("IT301", node.span, f"the local disk of {node.address}'s flavor becomes a "
                 f"{row['size_in_gb']} GB Block Storage root volume: {row['note']}; resize "
                 "root_volume.size_in_gb to what the instance needs")


def _network(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec, b: TfBlock) -> None:
    net = spec.network
    ref = next((r for r in (net.subnet, net.network) if r is not None and
                names_a_resource(r)), net.subnet or net.network)
    if ref is not None and ref is net.subnet:
        ref = C.private_network_of(ctx, node.module, ref, net.network)
    if ref is not None:
        ref = _by_id(ctx, node, ref)
        pn = b.block("private_network")
        pn.set("pn_id", ctx.rewrite(ref, node.module))
        if not names_a_resource(ref) and not passed_by_every_call(
                ctx, node.module, ref, ("Network", "Subnet")):
            ctx.sink.add("IT308", ref.span or node.span, f"the private network of "
                         f"{node.address} comes from outside the configuration: it must "
                         "now hold a Scaleway Private Network ID")
    if len(spec.private_refs) > 1 or net.others is not None:
        ctx.sink.add("IT301", node.span, f"{node.address} is on several private networks: "
                     "the first is attached (add private_network blocks for the others)")
    for path, v in net.extras:
        ctx.sink.add("IT302", v.span or node.span, f"`{path}` of {node.address} is not "
                     "translated: a Scaleway Private Network attachment takes the network "
                     "only (IPAM gives the address)")
    if net.fixed_ip is not None:
        ctx.sink.add("IT302", net.fixed_ip.span or node.span, f"the fixed address of "
                     f"{node.address}'s port is not translated: a Scaleway Private Network "
                     "attachment takes the network only (IPAM gives the address; reserve it "
                     "with scaleway_ipam_ip)")
    if net.floating_ip is not None:  # the floating IP associated: the flexible IP it became
        b.set("ip_id", ctx.rewrite(CF.address_id(net.floating_ip) or net.floating_ip,
                                     node.module))
    elif net.public is True:
        ip = TfBlock("resource", (IP, ip_label(node)))
        ip.note(f"the public address OVH gives {node.address}")
        P.emit_meta(ctx, ip, meta_only(node), {})
        if b.get("zone") is not None:
            ip.set("zone", b.get("zone"))
        ctx.emit(node.span, ip)
        b.set("ip_id", same(node, IP, "id", ip_label(node)))
    elif net.public is None and net.public_source is not None:
        ctx.sink.add("IT309", net.public_source.span or node.span, f"network.public of "
                     f"{node.address} is computed: add a scaleway_instance_ip and ip_id when "
                     "it is true")
    if spec.security_groups is not None:
        from .openstack import group_id
        gid = group_id(ctx, node, spec.security_groups)
        b.set("security_group_id", gid)
    elif net.public is not False:
        ctx.sink.add("IT301", node.span, f"{node.address} has no security group: Scaleway's "
                     "default group of the zone applies (it accepts all inbound traffic "
                     "unless changed), as OVH's public interface accepts all")


def _by_id(ctx: Ctx, node: N.Resource, ref: E.Expr) -> E.Expr:
    """OpenStack attaches a network by its name too (`network { name = net.name }`); pn_id
    takes a Private Network's id, so the name of a declared network or subnet is read as its
    id (which its rules make the Private Network's): the VPC's name is no Private Network."""
    t = E.traversal(ref)
    found = ctx.resolve(ref, node.module)
    if t is None or found is None or found.KIND not in ("Network", "Subnet") or \
            not t[1] or t[1][-1] != ("attr", "name"):
        return ref
    return E.build_traversal(t[0], [*t[1][:-1], ("attr", "id")], ref.span)


def _ssh(ctx: Ctx, node: N.Resource, spec: M.InstanceSpec) -> None:
    """Scaleway installs every SSH key of the project on a new Instance: a key created with
    the OVH instance becomes a project key; a registered one is already there."""
    ssh = spec.ssh
    if ssh.public_key is not None:
        obj = N.first_object(node.get("ssh_key_create"))
        name = E.obj_get(obj, "name") if obj is not None else None
        # `_ssh`: an ovh_cloud_project_ssh_key of the instance's label is a key too
        k = TfBlock("resource", (KEY, f"{node.name}_ssh"))
        k.note(f"the SSH key created with {node.address}")
        P.emit_meta(ctx, k, meta_only(node), {})
        k.set("name", ctx.rewrite(name, node.module) if name is not None
              else E.Literal(C.scw_name(node.name)))
        k.set("public_key", ctx.rewrite(ssh.public_key, node.module))
        ctx.emit(node.span, k)
    if ssh.public_key is not None or ssh.name is not None:
        at = node.arg_span(ssh.key_name_path or "ssh_key_create")
        ctx.sink.add("IT301", at, f"the SSH key of {node.address}: Scaleway installs every "
                     "SSH key of the project (scaleway_iam_ssh_key) on a new Instance, not "
                     "one chosen per instance")


def declare_key(ctx: Ctx, node: N.Resource) -> RefTarget:
    return CF.self_refs(KEY, node, name="name", public_key="public_key")


def lower_key(ctx: Ctx, node: N.Resource) -> None:
    spec = M.read_ssh_key(ctx, node)
    u, b = CF.begin(ctx, node, CF.KEY_ARGS, KEY)
    b.set("name", ST.written_or(ctx, node, spec.name, E.Literal(C.scw_name(node.name))))
    b.set("public_key", CF.public_key(ctx, node, spec))
    if spec.location.source is not None:
        ctx.sink.add("IT306", spec.location.source.span or node.span, f"{node.address}: "
                     "Scaleway SSH keys belong to the project (every region)")
    P.place(ctx, K.unbound(node), b)
    u.done()


DECLARE: dict[str, Declaring] = {"Instance": declare_instance, "SshKey": declare_key}
LOWER: dict[str, Lowering] = {"Instance": lower_instance, "SshKey": lower_key}
