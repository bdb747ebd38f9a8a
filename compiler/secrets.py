"""The one secret detector (by name and by value shape) and the redaction every output uses."""

from __future__ import annotations

import math
import re
from collections import Counter

from .memo import short_memo as _memo
from .secret_names import _EXACT, _STRONG, pull_secret, secret_name, tokens

# Credentials recognisable by their shape alone.
_SHAPES = [
    r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b",
    r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_\-]{16,}",
    r"\b(?:sk|rk|pk)_live_[A-Za-z0-9]{16,}",
    r"\bhf_[A-Za-z0-9]{20,}",
    r"\bgh[pousr]_[A-Za-z0-9]{20,}",
    r"\bgithub_pat_[A-Za-z0-9_]{20,}",
    r"\bglpat-[A-Za-z0-9_\-]{20,}",
    r"\bxox[abprs]-[A-Za-z0-9\-]{10,}",
    r"\bAIza[0-9A-Za-z_\-]{35}",
    r"\bnpm_[A-Za-z0-9]{30,}",
    r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
    r"-----BEGIN[A-Z ]*PRIVATE KEY-----(?:.*?-----END[A-Z ]*PRIVATE KEY-----|.*)",
]
_SHAPE = re.compile("|".join(_SHAPES), re.S)
# scheme://user:password@host -> group "pw" is the password; userinfo-only tokens: "user".
_USERINFO = re.compile(r"\b[a-z][a-z0-9+.\-]*://(?P<user>[^\s:/@\"'`]*)(?::(?P<pw>[^\s/@\"'`]*))?@")
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{32,}={0,2}")
# Public material is base64 too: SSH public keys, certificates, public keys.
_PUBLIC = re.compile(r"(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com)"
                     r"\s+[A-Za-z0-9+/=]+|-----BEGIN (?:CERTIFICATE|PUBLIC KEY|[A-Z ]*CERTIFICATE "
                     r"REQUEST)-----.*?(?:-----END[A-Z ]+-----|$)", re.S)
_DIGEST = re.compile(r"(?:sha1|sha256|sha384|sha512|md5)[:=]$", re.I)
_UUID = re.compile(r"^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$", re.I)
# ... and cloud resource ids, which name a secret rather than hold it.
_PLACEHOLDER = re.compile(r"^(?:\$|var\.|local\.|data\.|module\.|\{\{|<.*>$|TODO\(|\*+$|\.\.\.$|"
                          r"x+$|%s$|%\(|projects/|organizations/|arn:|/subscriptions/)", re.I)


@_memo(1 << 16)
def placeholder(value: str) -> bool:
    """A reference or a placeholder ($VAR, $(VAR), var.x, {{ .Values }}, <password>, ***)."""
    return bool(_PLACEHOLDER.match(value.strip()))


def _entropy(s: str) -> float:
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def _random_like(tok: str, before: str = "") -> bool:
    """A long base64/hex string of high entropy (not a digest, UUID, git SHA or path)."""
    body = tok.rstrip("=")
    if _UUID.match(body) or _DIGEST.search(before) or body.startswith("/"):
        return False
    if before.endswith(":") and body.startswith("policy/"):  # an IAM policy ARN's resource
        return False
    if re.fullmatch(r"[0-9a-fA-F]+", body):
        # sha1 (git) and sha256 digests are ids, not secrets; other long hex is a key.
        return len(body) not in (40, 64) and len(body) >= 32 and _entropy(body) > 3.3
    if body.count("/") + body.count("-") + body.count("_") > len(body) // 8:
        return False  # paths and slugs: many separators between words
    classes = (re.search(r"[a-z]", body), re.search(r"[A-Z]", body), re.search(r"\d", body))
    return all(classes) and _entropy(body) >= 4.3


# Each alternative of _SHAPE starts with one of these literals: a text holding none of them
# cannot match, and substring tests are far cheaper than the alternation at every position.
_SHAPE_PREFIXES = ("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "sk-", "_live_", "hf_", "ghp_",
                   "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "AIza",
                   "npm_", "eyJ", "-----BEGIN")
# The same tests in three groups: those of a group are made only when its common part is in
# the text (`A`, `gh`: rare in messages), a third as many substring tests per text.
_PREFIXES_A = tuple(p for p in _SHAPE_PREFIXES if p.startswith("A"))
_PREFIXES_GH = tuple(p for p in _SHAPE_PREFIXES if p[:2] == "gh" and p[3:] == "_")
_PREFIXES = tuple(p for p in _SHAPE_PREFIXES if p not in _PREFIXES_A + _PREFIXES_GH)


def _shaped(text: str) -> bool:
    """Some prefix of _SHAPE_PREFIXES is in `text`."""
    has = text.__contains__
    return any(map(has, _PREFIXES)) or ("A" in text and any(map(has, _PREFIXES_A))) or \
        ("gh" in text and any(map(has, _PREFIXES_GH)))


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every secret-shaped substring."""
    out = [m.span() for m in _SHAPE.finditer(text)] if _shaped(text) else []
    # `scheme://...@`: both literals are needed for a match.
    for m in _USERINFO.finditer(text) if "@" in text and "://" in text else ():
        pw, user = m.group("pw"), m.group("user")
        if pw and not placeholder(pw):
            out.append(m.span("pw"))
        elif pw is None and user and (len(user) >= 20 or _SHAPE.fullmatch(user)) \
                and not placeholder(user):
            out.append(m.span("user"))  # https://<token>@github.com/...
    public: list[tuple[int, int]] | None = None  # read only when a candidate needs it
    for m in _CANDIDATE.finditer(text):
        if _random_like(m.group(0), text[max(0, m.start() - 8):m.start()]):
            if public is None:
                public = [p.span() for p in _PUBLIC.finditer(text)]
            if not any(a <= m.start() < b for a, b in public):
                out.append(m.span())
    return out


# Names of identifiers: an OVH project id (`service_name`) is 32 hex digits, like a key.
# A Kubernetes object name (DNS-1123 subdomain): what names a Secret, never a credential's form.
_K8S_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")
_ID_WORDS = {"id", "ids", "name", "service", "project", "tenant", "account", "uuid", "region",
             "zone", "bucket", "container", "user", "username", "login"}


@_memo(1 << 16)  # every literal of every emitted block is asked about
def secret_value(value: str, name: str = "") -> bool:
    """Does this value look like a credential, whatever it is called?  Plain hex named as an
    identifier (`service_name = "b309c7..."`) is an id, not a key."""
    if not value or placeholder(value):
        return False
    if name and re.fullmatch(r"[0-9a-fA-F-]+", value) and not secret_name(name) and \
            set(tokens(name)) & _ID_WORDS:
        return False
    if name and ("redential" in name or "REDENTIAL" in name) and pull_secret(name):
        # The name of the pull Secret, else the registry credentials themselves.
        return _K8S_NAME.fullmatch(value) is None
    return bool(_spans(value))


# `name = "v"`, `name: v`, `"name": "v"`, `NAME=v`, `--name v`, `--name=v` for secret names.
# (`op` stays on the key's line: YAML's `secret:` ending its line opens a mapping, a volume's
# `secret: {secretName: ...}`, and the next line's key is no value of it)
_ASSIGNED = re.compile(
    r"(?P<key>--?[A-Za-z][\w\-]*|\b[A-Za-z_][\w\-]*\"?|\"[^\"]+\")(?P<op>[ \t]*[=:][ \t]*|[ \t]+)"
    r"(?P<val>\"[^\"]*\"|'[^']*'|[^\s\"',;)}\]]+)")

_OP_CHAR = re.compile(r"[\s=:]")  # every match of _ASSIGNED holds one, in its `op`

# `{"name": "DB_PASSWORD", "value": "x"}` / `name: X, value: x` on one line.
_NAME_VALUE = re.compile(r"(\bname[\"']?\s*[:=]\s*[\"']?(?P<n>[\w.\-]+)[\"']?\s*,?\s*[\"']?"
                         r"value[\"']?\s*[:=]\s*[\"']?)(?P<val>[^\"'\s,}]+)")


def _assigned(text: str, base: int = 0) -> list[tuple[int, int]]:
    out = []
    for m in _ASSIGNED.finditer(text):
        key, op, val = m.group("key", "op", "val")
        # `word word` (most matches, in prose) is decided without classifying the name.
        if (not op.strip() and not key.startswith("-")) or not secret_name(key.strip("\"-")):
            # A space only separates `--flag value`, not `word word`; the value may itself
            # be an assignment (`--env DB_PASSWORD=x`).
            if _OP_CHAR.search(val) is not None:  # (no `=`, `:` or space: no match inside)
                out.extend(_assigned(val, base + m.start("val")))
            continue
        inner = val[1:-1] if val[:1] in "\"'" and len(val) > 1 else val
        if not inner or placeholder(inner) or inner in ("true", "false", "null") or \
                re.fullmatch(r"\d+", inner):
            continue
        start = base + m.start("val") + (len(val) - len(inner)) // 2
        out.append((start, start + len(inner)))
    return out


_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")  # what tokens() splits names on
# The credential words none of the others contains: a secret name holds one of them once its
# separators are dropped (its words, and any two adjacent ones, are substrings of that).
_ROOTS = tuple(sorted({w for w in _STRONG + _EXACT
                       if not any(o != w and o in w for o in _STRONG + _EXACT)}))
# Half the roots end with `key`: they are looked for only in a text holding `key`.
_KEY_ROOTS = tuple(r for r in _ROOTS if r.endswith("key"))
_OTHER_ROOTS = tuple(r for r in _ROOTS if not r.endswith("key"))
# ASCII text (nearly all): str.translate drops the separators, twice as fast as the regex.
_DROP = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isalnum()))


def _may_name_secret(text: str) -> bool:
    """False only when no substring of `text` can be a secret name (secret_name is then False
    for every key _ASSIGNED or _NAME_VALUE may find): prose is told apart in one pass."""
    squeezed = text.lower().translate(_DROP) if text.isascii() else \
        _SEPARATORS.sub("", text).lower()
    has = squeezed.__contains__
    return any(map(has, _OTHER_ROOTS)) or ("key" in squeezed and any(map(has, _KEY_ROOTS)))


def find(text: str) -> list[tuple[int, int]]:
    """(start, end) of every credential in `text`, by shape or after a secret name; sorted and
    not overlapping."""
    named = _may_name_secret(text)  # else no name in it is a secret name: nothing assigned
    spans = _spans(text) + (_assigned(text) if named else []) + ([
        m.span("val") for m in _NAME_VALUE.finditer(text)
        if secret_name(m.group("n")) and not placeholder(m.group("val"))]
        if named and "name" in text and "value" in text else [])  # literals it needs
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@_memo(1 << 14)
def redact(text: str) -> str:
    """Mask every credential in `text` with `*`, keeping its length (carets stay aligned)."""
    # Cached: hints and many messages repeat across thousands of diagnostics.
    found = find(text)
    if not found:  # (nearly every text): the text itself, not a copy kept by the memo
        return text
    chars = list(text)
    for start, end in found:
        chars[start:end] = "*" * (end - start)
    return "".join(chars)


def strip_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """(url without `user:password@`, user, password); unchanged when it has none."""
    m = _USERINFO.search(url)
    if m is None or not (m.group("user") or m.group("pw")):
        return url, None, None
    return url[:m.start("user")] + url[m.end():], m.group("user") or None, m.group("pw")
