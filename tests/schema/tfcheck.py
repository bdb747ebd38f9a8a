"""Offline check of Terraform files against provider schemas from extract_cdktf_schema.py."""

import argparse
import gzip
import json
import os
import sys
from dataclasses import dataclass

import hcl2
from lark import Token, Tree

# Accepted on resources/data sources without a schema (Terraform language, not provider).
META_ATTRS = {"count", "for_each", "depends_on", "provider"}
META_BLOCKS = {"lifecycle", "provisioner", "connection"}
PROVIDER_META_ATTRS = {"alias", "version"}
# Terraform language blocks that carry no provider schema.
FREE_TOP_BLOCKS = {
    "terraform",
    "variable",
    "locals",
    "output",
    "module",
    "moved",
    "import",
    "check",
    "removed",
}
PRIMITIVES = {"string", "number", "bool"}


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self):
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


class Schemas:
    """Provider schemas keyed by provider local name (google, kubernetes, helm)."""

    def __init__(self, providers):
        self.providers = providers

    def for_type(self, tf_type):
        # Terraform picks the provider from the type prefix before the first underscore.
        return self.providers.get(tf_type.split("_", 1)[0])


def load_schemas(directory):
    providers = {}
    for fn in sorted(os.listdir(directory)):
        if not fn.endswith((".schema.json.gz", ".schema.json")):
            continue
        path = os.path.join(directory, fn)
        with (gzip.open if fn.endswith(".gz") else open)(path, "rt", encoding="utf-8") as f:
            schema = json.load(f)
        name = schema.get("meta", {}).get("provider_source", "").split("/")[-1] or fn.split(".")[0]
        providers[name] = schema
    return Schemas(providers)


# ---- parse tree helpers (python-hcl2's Lark tree, so we do not depend on our own parser) ----


def _text(node):
    """Literal text of a name-like node (identifier, keyword, plain string); None if computed."""
    if isinstance(node, Token):
        return str(node)
    if node.data in ("identifier", "keyword", "literal_value"):
        return str(node.children[0])
    if node.data == "string":
        parts = []
        for part in node.children:
            if isinstance(part, Tree):  # string_part
                inner = part.children[0]
                if not isinstance(inner, Token):
                    return None  # interpolation: not a literal name
                parts.append(str(inner))
        return "".join(parts)
    if node.data == "expr_term" and len(node.children) == 1:
        return _text(node.children[0])
    return None


def _literal(node):
    """Unwrap expr_term/parentheses down to an object or tuple literal, else the node."""
    while isinstance(node, Tree) and node.data == "expr_term":
        kids = [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]
        if len(kids) != 1:
            break
        node = kids[0]
    return node


@dataclass
class Attr:
    name: str
    line: int
    value: object


@dataclass
class Block:
    type: str
    labels: list
    line: int
    body: list


def _body(tree):
    """Convert a Lark body into a list of Attr and Block."""
    items = []
    for child in tree.children:
        if not isinstance(child, Tree):
            continue
        if child.data == "attribute":
            items.append(Attr(_text(child.children[0]), child.meta.line, child.children[-1]))
        elif child.data == "block":
            names = [
                c
                for c in child.children
                if isinstance(c, Tree)
                and c.data in ("identifier", "keyword", "literal_value", "string")
            ]
            body = next(c for c in child.children if isinstance(c, Tree) and c.data == "body")
            items.append(
                Block(_text(names[0]), [_text(n) for n in names[1:]], child.meta.line, _body(body))
            )
    return items


# ---- checks ----


class _Checker:
    def __init__(self, filename, schemas):
        self.file = filename
        self.schemas = schemas
        self.findings = []

    def report(self, line, msg, severity="error"):
        self.findings.append(Finding(self.file, line, msg, severity))

    def top(self, items):
        for item in items:
            if isinstance(item, Attr):
                self.report(item.line, f"unexpected top-level argument '{item.name}'")
            elif item.type in FREE_TOP_BLOCKS:
                continue
            elif item.type in ("resource", "data"):
                self.resource(item)
            elif item.type == "provider":
                self.provider(item)
            else:
                self.report(item.line, f"unknown top-level block type '{item.type}'")

    def resource(self, blk):
        if len(blk.labels) != 2 or None in blk.labels:
            self.report(blk.line, f"{blk.type} block needs two literal labels (type and name)")
            return
        tf_type, name = blk.labels
        kind = "resources" if blk.type == "resource" else "data_sources"
        where = f"{tf_type}.{name}" if blk.type == "resource" else f"data.{tf_type}.{name}"
        provider = self.schemas.for_type(tf_type)
        if provider is None:
            self.report(
                blk.line,
                f"{where}: no schema loaded for provider of '{tf_type}', not checked",
                "warning",
            )
            return
        schema = provider[kind].get(tf_type)
        if schema is None:
            meta = provider["meta"]
            what = "resource type" if blk.type == "resource" else "data source"
            self.report(
                blk.line,
                f"unknown {what} '{tf_type}' for provider "
                f"{meta['provider_source']} {meta['provider_version']}",
            )
            return
        self.body(blk.body, schema, where, blk.line, META_ATTRS, META_BLOCKS)

    def provider(self, blk):
        if len(blk.labels) != 1 or blk.labels[0] is None:
            self.report(blk.line, "provider block needs one literal label")
            return
        provider = self.schemas.providers.get(blk.labels[0])
        if provider is None:
            self.report(
                blk.line, f"provider.{blk.labels[0]}: no schema loaded, not checked", "warning"
            )
            return
        self.body(
            blk.body,
            provider["provider"],
            f"provider.{blk.labels[0]}",
            blk.line,
            PROVIDER_META_ATTRS,
            set(),
        )

    def body(self, items, schema, where, line, meta_attrs=frozenset(), meta_blocks=frozenset()):
        attrs, blocks = schema.get("attributes", {}), schema.get("blocks", {})
        seen_attrs, seen_blocks, dynamic_blocks = set(), {}, set()
        for item in items:
            if isinstance(item, Attr):
                seen_attrs.add(item.name)
                if item.name in meta_attrs:
                    continue
                if item.name in attrs:
                    self.attribute(item, attrs[item.name], where)
                elif item.name in blocks:
                    self.report(
                        item.line, f"{where}: '{item.name}' is a block, write {item.name} {{ ... }}"
                    )
                else:
                    self.report(item.line, f"{where}: unsupported argument '{item.name}'")
            elif item.type in meta_blocks:
                continue
            elif item.type == "dynamic":
                target = self.dynamic(item, attrs, blocks, where)
                if target:
                    dynamic_blocks.add(target)
            elif item.type in blocks:
                spec = blocks[item.type]
                seen_blocks.setdefault(item.type, []).append(item.line)
                if item.labels:
                    self.report(item.line, f"{where}: block '{item.type}' takes no labels")
                self.body(item.body, spec, f"{where}.{item.type}", item.line)
            elif item.type in attrs:
                self.report(
                    item.line, f"{where}: '{item.type}' is an argument, write {item.type} = ..."
                )
            else:
                self.report(item.line, f"{where}: unsupported block type '{item.type}'")
        for bname, lines in seen_blocks.items():
            limit = blocks[bname].get("max")
            if limit is not None and len(lines) > limit:
                self.report(
                    lines[limit], f"{where}: block '{bname}' may appear at most {limit} time(s)"
                )
        for aname, spec in sorted(attrs.items()):
            if spec.get("required") and aname not in seen_attrs:
                self.report(line, f"{where}: missing required argument '{aname}'")
        for bname, spec in sorted(blocks.items()):
            have = len(seen_blocks.get(bname, ())) or (bname in dynamic_blocks)
            if spec.get("min", 0) >= 1 and not have:
                self.report(line, f"{where}: missing required block '{bname}'")

    def dynamic(self, blk, attrs, blocks, where):
        """Check `dynamic "x" { for_each, iterator, labels, content {...} }`; return x if valid."""
        label = blk.labels[0] if len(blk.labels) == 1 else None
        if label is None:
            self.report(blk.line, f"{where}: dynamic block needs exactly one literal label")
            return None
        if label not in blocks:
            hint = f" ('{label}' is an argument, not a block)" if label in attrs else ""
            self.report(blk.line, f"{where}: dynamic block for unknown block type '{label}'{hint}")
            return None
        contents = []
        for item in blk.body:
            if isinstance(item, Attr):
                if item.name not in ("for_each", "iterator", "labels"):
                    self.report(
                        item.line,
                        f"{where}: dynamic \"{label}\": unsupported argument '{item.name}'",
                    )
            elif item.type == "content":
                contents.append(item)
            else:
                self.report(
                    item.line, f"{where}: dynamic \"{label}\": unexpected block '{item.type}'"
                )
        if not any(isinstance(i, Attr) and i.name == "for_each" for i in blk.body):
            self.report(
                blk.line, f"{where}: dynamic \"{label}\": missing required argument 'for_each'"
            )
        if len(contents) != 1:
            self.report(blk.line, f'{where}: dynamic "{label}" needs exactly one content block')
        for content in contents:
            self.body(content.body, blocks[label], f"{where}.{label}", content.line)
        return label

    def attribute(self, attr, spec, where):
        if spec.get("computed") and not (spec.get("optional") or spec.get("required")):
            self.report(attr.line, f"{where}: '{attr.name}' is computed-only and cannot be set")
            return
        value = _literal(attr.value)
        if not isinstance(value, Tree):
            return
        if spec.get("type") in PRIMITIVES and value.data in ("object", "tuple"):
            self.report(
                attr.line,
                f"{where}: '{attr.name}' expects a {spec['type']}, got a literal {value.data}",
            )
        elif "nested" in spec:
            self.nested_value(value, spec, f"{where}.{attr.name}", attr.line)

    def nested_value(self, value, spec, where, line):
        """Literal values given to framework nested attributes: check object keys recursively."""
        nesting = spec.get("nesting", "single")
        if nesting == "single" and value.data == "object":
            self.nested_object(value, spec["nested"], where, line)
        elif nesting == "list" and value.data == "tuple":
            for el in value.children:
                el = _literal(el)
                if isinstance(el, Tree) and el.data == "object":
                    self.nested_object(el, spec["nested"], where, el.meta.line)
        elif nesting == "map" and value.data == "object":
            for elem in self._elems(value):
                el = _literal(elem.children[-1])
                if isinstance(el, Tree) and el.data == "object":
                    self.nested_object(el, spec["nested"], where, elem.meta.line)

    @staticmethod
    def _elems(obj):
        return [c for c in obj.children if isinstance(c, Tree) and c.data == "object_elem"]

    def nested_object(self, obj, schema, where, line):
        keys = set()
        for elem in self._elems(obj):
            key = _text(elem.children[0].children[0])
            if key is None:
                return  # a computed key: cannot judge the object statically
            keys.add(key)
            if key in schema["attributes"]:
                self.attribute(
                    Attr(key, elem.meta.line, elem.children[-1]), schema["attributes"][key], where
                )
            else:
                self.report(elem.meta.line, f"{where}: unsupported attribute '{key}'")
        for aname, spec in sorted(schema["attributes"].items()):
            if spec.get("required") and aname not in keys:
                self.report(line, f"{where}: missing required attribute '{aname}'")


def check_text(text, filename, schemas):
    try:
        tree = hcl2.parses_to_tree(text)
    except Exception as exc:  # lark raises several exception types; all mean a syntax error
        return [
            Finding(
                filename, getattr(exc, "line", 0) or 0, f"syntax error: {str(exc).splitlines()[0]}"
            )
        ]
    checker = _Checker(filename, schemas)
    checker.top(_body(tree.children[0]))
    return sorted(checker.findings, key=lambda f: (f.line, f.message))


def _tf_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                yield from (os.path.join(root, f) for f in sorted(files) if f.endswith(".tf"))
        else:
            yield path


def check_paths(paths, schemas):
    findings = []
    for path in _tf_files(paths):
        with open(path, encoding="utf-8") as f:
            findings.extend(check_text(f.read(), path, schemas))
    return findings


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--schemas", required=True, help="directory with *.schema.json.gz")
    ap.add_argument("paths", nargs="+", help=".tf files or directories")
    args = ap.parse_args(argv)
    findings = check_paths(args.paths, load_schemas(args.schemas))
    for f in findings:
        print(f)
    return 1 if any(f.severity == "error" for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
