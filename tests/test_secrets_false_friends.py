"""Names the corpus showed are not credentials (annotation keys, a pull Secret's name,
`_address`, `_repository`), and the true positives beside them that must still hold."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import lint, translate
from iac_translate.compiler.secrets import redact, secret_name, secret_value
from test_secrets import SECRET_NAMES

# Keys of maps and names of locals / variables seen in public repositories (howling-trader's
# modules among them), each holding a name, a path, a flag or an address.
NOT_SECRET_NAMES = [
    "vault.hashicorp.com/agent-inject-secret-db",  # value: a Vault path
    "vault.hashicorp.com/agent-inject-token",  # value: "true"
    "vault.hashicorp.com/agent-cache-use-auto-auth-token",  # value: "force"
    "nginx.ingress.kubernetes.io/auth-secret",  # value: a Secret's name
    "nginx.ingress.kubernetes.io/auth-tls-secret",  # value: namespace/name of a Secret
    "alb.ingress.kubernetes.io/auth-idp-oidc",  # value: JSON naming a secretName
    "secret.reloader.stakater.com/reload",  # value: Secret names
    "registry_credentials", "imagePullCredentials", "docker-registry-credentials",
    "auth_service_address", "vault_token_addr", "secret_manager_address",
    "token_repository", "auth_refresh_repository", "password_repo",
]
# What must stay a credential name: plain names, `/` paths that are not qualified keys,
# credentials not named after a registry, registry secrets other than the Secret's name, an
# environment variable (a process reads the credentials, the kubelet reads pull Secrets).
STILL_SECRET_NAMES = [
    "credentials", "db_credentials", "GOOGLE_CREDENTIALS", "registry_password",
    "REGISTRY_CREDENTIALS",  # an environment variable: the credentials themselves
    "REGISTRY_TOKEN", "registry_auth", "prod/db/password", "secret/data/app",
    "vault_token", "Example/password",
]


@pytest.mark.parametrize("name", NOT_SECRET_NAMES)
def test_names_of_secrets_are_not_secrets(name: str) -> None:
    assert not secret_name(name)


@pytest.mark.parametrize("name", STILL_SECRET_NAMES + SECRET_NAMES)
def test_credential_names_still_hold(name: str) -> None:
    assert secret_name(name)


@pytest.mark.parametrize("value,is_secret", [
    ("harbor-registry-creds", False), ("pull.shop", False), ("${var.pull}", False),
    ("robot$ci:Xy12pw", True), ('{"auths":{"r.example":{"auth":"dXNlcjpwdw=="}}}', True),
    ("Pull_Secret", True),  # no Kubernetes name: the credential itself
])
def test_a_pull_secret_name_is_told_from_the_credentials(value: str, is_secret: bool) -> None:
    assert secret_value(value, "registry_credentials") is is_secret
    assert not secret_value(value, "registry_host")  # the rule is the name's alone
    assert secret_name("REGISTRY_CREDENTIALS")  # (upper case: any value is the credential)


def test_annotation_values_are_not_masked_in_messages() -> None:
    text = '"vault.hashicorp.com/agent-inject-secret-db": "kv/data/shop/db"'
    assert redact(text) == text
    assert redact('registry_password = "hunter2"') == 'registry_password = "*******"'


TF = '''
locals {
  registry_credentials  = "shop-registry-pull"
  token_service_address = "tokens.shop.svc:7070"
  annotations = {
    "vault.hashicorp.com/agent-inject-secret-db" = "kv/data/shop/db"
    "nginx.ingress.kubernetes.io/auth-secret"    = "worker-basic-auth"
    "example.com/leaked"                          = "ghp_abcdefghijklmnopqrstuvwxyz0123"
  }
}

variable "token_repository" {
  type    = string
  default = "shop/tokens"
}
'''


def test_translate_keeps_names_and_still_removes_a_shaped_credential() -> None:
    result = translate({"main.tf": TF}, "gke")
    main = result.files["main.tf"]
    for kept in ("shop-registry-pull", "tokens.shop.svc:7070", "kv/data/shop/db",
                 "worker-basic-auth", 'default = "shop/tokens"'):
        assert kept in main
    assert "ghp_" not in "".join(result.files.values())  # found by its shape in an annotation
    said = [d.message for d in result.diagnostics if d.code == "IT315"]
    assert len(said) == 1 and "example_com_leaked" in said[0], said


def test_translate_removes_registry_credentials_that_are_credentials() -> None:
    tf = 'locals {\n  registry_credentials = "ci:Pw-Lit3ral"\n}\n'
    result = translate({"main.tf": tf}, "gke")
    assert "Pw-Lit3ral" not in "".join(result.files.values())
    assert "IT315" in {d.code for d in result.diagnostics}


def test_lint_judges_a_value_by_its_name() -> None:
    tf = ('locals {\n  registry_credentials = "shop-registry-pull"\n'
          '  image_pull_credentials = "ci:Pw-Lit3ral"\n'
          '  service_name = "b309c78177f1458187add722e8db8dc2"\n'
          '  s3_key = "e3b1c2d4a5f60718293a4b5c6d7e8f90"\n}\n')
    lines = sorted(d.span.line for d in lint({"main.tf": tf}) if d.code == "IT222" and d.span)
    assert lines == [3, 5]  # the pull Secret's name and the OVH project id are no credential


def test_ai_env_registry_credentials_still_move_to_a_secret() -> None:
    body = ('{"spec": {"name": "a", "image": "i:1", "resources": {"flavor": "ai1-1-cpu", '
            '"cpu": 1}, "envVars": [{"name": "REGISTRY_CREDENTIALS", "value": "ci:Pw-Lit3ral"},'
            ' {"name": "PULL_SECRET_NAME", "value": "shop-pull"}]}}')
    result = translate({"app.json": body}, "k8s")
    text = "".join(result.files.values())
    assert "Pw-Lit3ral" not in text and "shop-pull" in text


def test_exported_env_registry_credentials_still_move_to_a_secret() -> None:
    dump = ("apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n"
            "  metadata: {name: web, namespace: shop}\n  spec:\n"
            "    selector: {matchLabels: {app: web}}\n    template:\n"
            "      metadata: {labels: {app: web}}\n      spec:\n        containers:\n"
            "        - name: web\n          image: registry.example.org/shop/web:2.3.1\n"
            "          env:\n          - {name: REGISTRY_CREDENTIALS, value: 'ci:Pw-Lit3ral'}\n")
    result = translate({"cluster-dump.yaml": dump}, "k8s")
    assert result.files and "Pw-Lit3ral" not in "".join(result.files.values())
    assert "IT316" in {d.code for d in result.diagnostics}


_MANIFEST = '''resource "kubectl_manifest" "dashboard" {
  yaml_body = <<YAML
kind: Deployment
apiVersion: apps/v1
metadata:
  name: dashboard
spec:
  template:
    spec:
      containers:
        - name: dashboard
          image: kubernetesui/dashboard:v2.7.0
      volumes:
        - name: certs
          secret:
            secretName: dashboard-certs
YAML
}
'''


def test_a_yaml_key_ending_its_line_takes_no_value_from_the_next() -> None:
    """`secret:` alone on its line opens a mapping (a volume's secret source), so the next
    line's `secretName:` is no value of it (corpus MJUi/ovh_platform_sources: a whole
    Deployment became a sensitive variable with no default, and plan asked for it)."""
    from iac_translate.compiler.secrets import find
    assert find("    secret:\n      secretName: dashboard-certs\n") == []
    r = translate({"main.tf": _MANIFEST}, "gke")
    assert not [d for d in r.diagnostics if d.code == "IT315"]
    assert "secretName: dashboard-certs" in "\n".join(r.files.values())
    # a value on the key's own line is still one
    assert find("password: hunter2-but-longer\n") != []
