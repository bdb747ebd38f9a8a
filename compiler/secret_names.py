"""Names that hold a credential: the half of the secret detector that reads names only."""

from __future__ import annotations

import re

from .memo import short_memo

# Words that make a name a credential wherever they end a word ("PGPASSWORD", "HF_TOKEN").
_STRONG = ("password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey",
           "privatekey", "credential", "credentials", "clientkey", "clientsecret", "authkey",
           "signingkey", "encryptionkey", "masterkey", "sessionkey", "secretkey", "apitoken",
           "consumerkey", "applicationkey")
# Words that are credentials only as a whole word ("pass" would match "bypass").
_EXACT = ("pass", "pwd", "auth", "dsn", "psk", "bearer")
# A name whose credential word is followed by one of these names *about* a credential
# (password_reset, token_ttl, secret_name, private_key_path): it holds no credential.
_ABOUT = {"name", "names", "id", "ids", "ref", "refs", "arn", "path", "file", "files", "dir",
          "url", "uri", "endpoint", "length", "len", "ttl", "expiry", "expires", "expiration",
          "timeout", "lifetime", "duration", "age", "type", "kind", "mode", "policy",
          "enabled", "enable", "disabled", "required", "reset", "rotation", "rotate", "count",
          "version", "versions", "min", "max", "size", "format", "prefix", "suffix", "hint",
          "label", "labels", "description", "field", "header", "param", "env", "var",
          "provider", "manager", "store", "engine", "location", "mount", "volume", "algorithm",
          "bits", "strength", "parallelism", "limit", "budget", "usage", "auth", "method",
          "address", "addr", "repository", "repo"}
# ... or preceded by one of these (max_tokens, enable_auth, use_password).
_LEADING = {"max", "min", "num", "enable", "enabled", "use", "is", "has", "require",
            "disable", "no", "allow", "skip", "with", "without"}
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
# A qualified key `<dns-subdomain>/<name>` (a Kubernetes annotation or label key:
# vault.hashicorp.com/agent-inject-secret-db, nginx.ingress.kubernetes.io/auth-secret)
# configures a controller, which reads there the name of a Secret, a Vault path or a flag:
# annotations are readable by whoever reads the object, so the tools keep credentials out of
# them (ingress-nginx, the Vault injector, the ALB controller all take a Secret's name). Such
# a key names no credential; one pasted there anyway is still found by its shape.
_QUALIFIED = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/")
# Registry credentials reach Kubernetes as a dockerconfigjson Secret given by name
# (imagePullSecrets): `registry_credentials = "harbor-creds"` is that name. The credential
# itself is a user and password or a dockerconfigjson object, whose keys are judged apart.
# Not so an environment variable (REGISTRY_CREDENTIALS, upper case): the kubelet reads pull
# Secrets, a process given one reads the credentials themselves (`user:token`).
_PULL = {"registry", "pull", "image", "docker", "dockerconfig"}
_CREDENTIALS = {"credential", "credentials"}


def tokens(name: str) -> list[str]:
    return [w.lower() for part in re.split(r"[^A-Za-z0-9]+", name) for w in _WORD.findall(part)]


def _last_credential_word(words: list[str]) -> int:
    """The index of the last word of `words` that makes a name a credential, else -1."""
    last = -1
    for i, w in enumerate(words):
        pair = words[i - 1] + w if i else w
        if w in _EXACT and not (w == "pwd" and len(words) == 1) or \
                any(w.endswith(s) or pair.endswith(s) for s in _STRONG):
            last = i
    return last


def _pull_secret(name: str, words: list[str], last: int) -> bool:
    """`registry_credentials`, `imagePullCredentials`: the name of an image pull Secret."""
    return 0 < last == len(words) - 1 and words[last] in _CREDENTIALS and \
        words[last - 1] in _PULL and not name.isupper()


# Names repeat (every diagnostic's message is scanned for `key = value` pairs): each
# distinct name is classified once.  A pure function of its argument, so caching is exact.
@short_memo(1 << 16)
def secret_name(name: str) -> bool:
    """Does this argument / variable / env var name hold a credential?"""
    if "/" in name and _QUALIFIED.match(name):
        return False
    words = tokens(name)
    last = _last_credential_word(words)
    if last < 0 or (words[0] in _LEADING and last > 0):
        return False
    after = words[last + 1:]
    if after == ["id"] and words[last] == "key" and words[last - 1:last] == ["access"]:
        return True  # AWS_ACCESS_KEY_ID travels with its secret
    if _pull_secret(name, words, last):
        return False  # secret_value(value, name) judges what it holds
    return not any(w in _ABOUT for w in after) and words[last] != "tokens"


def pull_secret(name: str) -> bool:
    """Is `name` that of an image pull Secret (secret_name is False for it)?"""
    words = tokens(name)
    return _pull_secret(name, words, _last_credential_word(words))
