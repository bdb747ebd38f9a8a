"""Extract a compact Terraform provider schema from a prebuilt cdktf provider npm package.

Usage:
    cd /tmp && npm pack @cdktf/provider-google@16.12.1
    python tests/schema/extract_cdktf_schema.py /tmp/cdktf-provider-google-16.12.1.tgz \
        -o tests/data/schemas/google.schema.json.gz
    # the same for hashicorp/aws 6.25.0 (the EKS target):
    #   npm pack @cdktf/provider-aws@21.22.1
    #   python tests/schema/extract_cdktf_schema.py /tmp/cdktf-provider-aws-21.22.1.tgz \
    #       -o tests/data/schemas/aws.schema.json.gz
    # and for hashicorp/azurerm 4.55.0 (the AKS target; the same output as
    # ../shared/oracles/schemas/azurerm.schema.json.gz, 1127 resources, 399 data sources):
    #   npm pack @cdktf/provider-azurerm@14.23.1
    #   python tests/schema/extract_cdktf_schema.py /tmp/cdktf-provider-azurerm-14.23.1.tgz \
    #       -o tests/data/schemas/azurerm.schema.json.gz
    # Scaleway has no cdktf package: tests read ../shared/oracles/schemas/scaleway.schema.json.gz
    # (tests/schema/shared_schemas.py). An unpacked package directory (containing .jsii, or
    # package/.jsii) works too

Output (gzip, sorted keys, mtime 0, so reruns are byte-identical):
    {"meta": {"provider_source": ..., "provider_version": ..., counts},
     "provider": BLOCK, "resources": {type: BLOCK}, "data_sources": {type: BLOCK}}
    BLOCK = {"attributes": {name: {"type": ..., "required"|"optional"|"computed": true,
                                   ["nesting": "single|list|map", "nested": BLOCK]}},
             "blocks": {name: {"nesting": "single|list", "min": int, "max": int|null,
                               "attributes": ..., "blocks": ...}}}

Facts used (from the cdktf generator's output, documented in shared/reference/oracles.md section 2):
* resource/data-source type names come from the class docs summary link text;
* exact snake_case names come from the registry doc anchors "#snake ClassName#snake";
* blocks carry the description "<name> block"; everything else is an attribute;
* required = config property without "optional"; max_items == 1 blocks are single structs;
* computed-only top-level attributes are class getters without a config property, their
  names are taken from the JS getters (getXAttribute('name') / interpolationForAttribute('name')
  / new X(this, "name")).
Limitations: list vs set not distinguished, optional+computed shows as optional, nested
computed-only attributes are not listed, validators are not available.
"""

import argparse
import gzip
import io
import json
import os
import re
import sys
import tarfile

# "{@link https://.../resources/container_cluster#node_config ContainerCluster#node_config}"
ANCHOR_RE = re.compile(r"#([A-Za-z0-9_]+) [A-Za-z0-9_]+#\1\}")
# "{@link registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/x google_x}"
TYPE_LINK_RE = re.compile(
    r"registry\.terraform\.io/providers/([^/\s]+)/([^/\s]+)/([^/\s]+)/docs(?:/(resources|data-sources)/\S+)?\s+([A-Za-z0-9_]+)\}"
)
CLASS_RE = re.compile(r"^class (\w+) extends ([\w.]+) \{", re.M)
# interpolationForAttribute: computed attributes typed IResolvable (aws_quicksight_analysis
# data source `definition`); getXAttribute: every other primitive/collection getter.
GETTER_RE = re.compile(
    r"get (\w+)\(\) \{\s*return [^;]*?this\.(?:get\w*|interpolationFor)Attribute\('([^']+)'\)"
)
NEW_REF_RE = re.compile(r"this\._(\w+) = new [\w.]+\(this, \"([^\"]+)\"")
# complex getters return a private field; its name may differ (get buildAttribute() -> this._build)
FIELD_GETTER_RE = re.compile(r"get (\w+)\(\) \{\s*return this\._(\w+);")
TOP_BASES = {"cdktf.TerraformResource", "cdktf.TerraformDataSource", "cdktf.TerraformProvider"}


def camel_to_snake(name):
    """Fallback only: the generator's inverse mapping is not exact for digits."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def snake_name(prop):
    """The Terraform name of a jsii property, from its registry doc anchor."""
    m = ANCHOR_RE.search(json.dumps(prop.get("docs", {})))
    return (m.group(1), False) if m else (camel_to_snake(prop["name"]), True)


def js_getter_names(js_text):
    """{class name: {camelGetter: snake_name}} for top-level classes in one index.js."""
    out = {}
    starts = list(CLASS_RE.finditer(js_text))
    for i, m in enumerate(starts):
        if m.group(2) not in TOP_BASES:
            continue
        end = starts[i + 1].start() if i + 1 < len(starts) else len(js_text)
        body = js_text[m.start() : end]
        fields = dict(NEW_REF_RE.findall(body))
        names = {
            getter: fields[field]
            for getter, field in FIELD_GETTER_RE.findall(body)
            if field in fields
        }
        names.update(GETTER_RE.findall(body))
        out[m.group(1)] = names
    return out


def read_package(path):
    """Return (jsii dict, {"<lib dir>/index.js": getter map}) from a .tgz or a directory."""
    getters = {}
    if os.path.isdir(path):
        root = (
            path if os.path.exists(os.path.join(path, ".jsii")) else os.path.join(path, "package")
        )
        with open(os.path.join(root, ".jsii"), encoding="utf-8") as f:
            jsii = json.load(f)
        lib = os.path.join(root, "lib")
        for d in sorted(os.listdir(lib)) if os.path.isdir(lib) else []:
            p = os.path.join(lib, d, "index.js")
            if os.path.isfile(p):
                with open(p, encoding="utf-8") as f:
                    getters[d] = js_getter_names(f.read())
        return jsii, getters
    jsii = None
    # One sequential pass: seeking backwards in a gzip stream would re-decompress it.
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            parts = member.name.split("/")
            if member.name.endswith("/.jsii") and len(parts) == 2:
                jsii = json.load(tar.extractfile(member))
            elif len(parts) == 4 and parts[1] == "lib" and parts[3] == "index.js":
                getters[parts[2]] = js_getter_names(tar.extractfile(member).read().decode("utf-8"))
    if jsii is None:
        sys.exit(f"{path}: no .jsii assembly found")
    return jsii, getters


class Extractor:
    def __init__(self, jsii, getters):
        self.types = jsii["types"]
        self.getters = getters
        self.camel_fallbacks = 0

    def strip_resolvable(self, t):
        """cdktf wraps most types in union(IResolvable, X); X carries the schema."""
        if "union" in t:
            rest = [x for x in t["union"]["types"] if x.get("fqn") != "cdktf.IResolvable"]
            return rest[0] if len(rest) == 1 else {"primitive": "any"}
        return t

    def struct_fqn(self, t):
        fqn = t.get("fqn")
        if fqn and self.types.get(fqn, {}).get("datatype"):
            return fqn
        return None

    def type_str(self, t):
        t = self.strip_resolvable(t)
        if "primitive" in t:
            return {"string": "string", "number": "number", "boolean": "bool"}.get(
                t["primitive"], "dynamic"
            )
        if "collection" in t:
            inner = self.type_str(t["collection"]["elementtype"])
            kind = "map" if t["collection"]["kind"] == "map" else "list"
            return f"{kind}({inner})"
        if self.struct_fqn(t):
            return "object"
        return "dynamic"

    def shape(self, t):
        """(nesting, struct fqn) for a struct-valued property, else (None, None)."""
        t = self.strip_resolvable(t)
        if self.struct_fqn(t):
            return "single", t["fqn"]
        if "collection" in t:
            el = self.strip_resolvable(t["collection"]["elementtype"])
            if self.struct_fqn(el):
                return ("map" if t["collection"]["kind"] == "map" else "list"), el["fqn"]
        return None, None

    def block(self, fqn, depth=0):
        attrs, blocks = {}, {}
        if depth > 40:  # schemas are trees; this only guards against a malformed assembly
            return {"attributes": attrs, "blocks": blocks}
        for prop in self.types[fqn].get("properties", []):
            name, fallback = snake_name(prop)
            self.camel_fallbacks += fallback
            required = not prop.get("optional")
            nesting, sub = self.shape(prop["type"])
            summary = prop.get("docs", {}).get("summary", "")
            if sub and summary.rstrip(".") == f"{name} block":
                body = self.block(sub, depth + 1)
                blocks[name] = {
                    "nesting": "list" if nesting == "map" else nesting,
                    "min": 1 if required else 0,
                    "max": 1 if nesting == "single" else None,
                    **body,
                }
                continue
            entry = {"type": self.type_str(prop["type"])}
            entry["required" if required else "optional"] = True
            if sub:
                entry["nesting"] = nesting
                entry["nested"] = self.block(sub, depth + 1)
                if nesting != "single":
                    entry["type"] = f"{nesting}(object)"
            attrs[name] = entry
        return {"attributes": attrs, "blocks": blocks}

    def top_level(self, cls):
        """Schema of a resource, data source or provider: config struct plus computed getters."""
        params = cls.get("initializer", {}).get("parameters", [])
        config = next((p["type"]["fqn"] for p in params if p["name"] == "config"), None)
        body = self.block(config) if config else {"attributes": {}, "blocks": {}}
        if cls["base"] == "cdktf.TerraformProvider":
            return body
        config_names = (
            {p["name"] for p in self.types[config].get("properties", [])} if config else set()
        )
        lib_dir = cls.get("locationInModule", {}).get("filename", "").split("/")[-2:-1]
        js_names = self.getters.get(lib_dir[0] if lib_dir else "", {}).get(cls["name"], {})
        for prop in cls.get("properties", []):
            camel = prop["name"]
            if prop.get("static") or camel.endswith("Input") or camel in config_names:
                continue
            name = js_names.get(camel)
            if name is None:
                self.camel_fallbacks += 1
                name = camel_to_snake(camel)
            if name in body["attributes"] or name in body["blocks"]:
                continue
            body["attributes"][name] = {"type": self.type_str(prop["type"]), "computed": True}
        return body

    def run(self):
        out = {"meta": {}, "provider": None, "resources": {}, "data_sources": {}}
        for fqn in sorted(self.types):
            cls = self.types[fqn]
            if cls.get("kind") != "class" or cls.get("base") not in TOP_BASES:
                continue
            m = TYPE_LINK_RE.search(cls.get("docs", {}).get("summary", ""))
            if not m:
                raise SystemExit(f"{fqn}: no registry link in class summary")
            ns, prov, version, kind, tf_name = m.groups()
            if cls["base"] == "cdktf.TerraformProvider":
                out["meta"].update(provider_source=f"{ns}/{prov}", provider_version=version)
                out["provider"] = self.top_level(cls)
            elif cls["base"] == "cdktf.TerraformResource":
                out["resources"][tf_name] = self.top_level(cls)
            else:
                out["data_sources"][tf_name] = self.top_level(cls)
        out["meta"].update(
            resources=len(out["resources"]),
            data_sources=len(out["data_sources"]),
            names_from_camel_fallback=self.camel_fallbacks,
        )
        return out


def write_gz(obj, path):
    raw = json.dumps(obj, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    # filename="" and mtime=0 keep the gzip header free of run-specific bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    return len(raw), len(buf.getvalue())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("package", help="npm tarball (.tgz) or unpacked package directory")
    ap.add_argument("-o", "--output", required=True, help="output .json.gz path")
    args = ap.parse_args(argv)
    schema = Extractor(*read_package(args.package)).run()
    raw, packed = write_gz(schema, args.output)
    print(f"{args.output}: {schema['meta']}, {raw} bytes raw, {packed} bytes gzipped")


if __name__ == "__main__":
    main()
