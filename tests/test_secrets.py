"""The secret detector: names and value shapes it flags, false friends it leaves, redaction."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import lint, translate
from iac_translate.compiler.secrets import redact, secret_name, secret_value, strip_userinfo

SECRET_NAMES = ["DB_PASSWORD", "PGPASSWORD", "passwd", "HF_TOKEN", "api_key", "apiKey",
                "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "client_key",
                "client_secret", "private_key", "token", "auth", "basic_auth", "SENTRY_DSN",
                "db_pwd", "application_secret", "consumer_key", "credentials", "secret_key",
                "passphrase", "GITHUB_TOKEN", "authToken"]
NOT_SECRET_NAMES = ["password_reset", "token_ttl", "secret_name", "secretKeyRef", "max_tokens",
                    "TOKENIZERS_PARALLELISM", "description", "PWD", "private_key_path",
                    "password_min_length", "enable_auth", "auth_enabled", "BYPASS_PROXY",
                    "oauth_url", "token_url", "name", "key", "MODEL_NAME", "secret_id",
                    "password_length", "ssh_public_key", "client_certificate", "secret_version",
                    "token_endpoint", "password_file"]


@pytest.mark.parametrize("name", SECRET_NAMES)
def test_credential_names(name: str) -> None:
    assert secret_name(name)


@pytest.mark.parametrize("name", NOT_SECRET_NAMES)
def test_names_about_credentials_are_not_credentials(name: str) -> None:
    assert not secret_name(name)


SECRET_VALUES = [
    "postgres://user:s3cr3tpw@db:5432/x", "mysql://root:pw@mysql/x",
    "mongodb+srv://u:p4ss@c.mongodb.net", "redis://:pw123456@r:6379", "amqp://g:pw@mq:5672/",
    "https://user:tok@github.com/x/y.git", "https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o",
    "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "sk-abcdefghijklmnop1234",
    "sk-proj-abcdefghijklmnop1234", "hf_abcdefghijklmnopqrstuv",
    "ghp_abcdefghijklmnopqrstuvwxyz0123", "gho_abcdefghijklmnopqrstuvwxyz0123",
    "github_pat_11ABCDEFG0123456789_abcdefghij", "glpat-abcdefghijklmnopqrst",
    "xoxb-1234567890-abcdefghij",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
    "-----END OPENSSH PRIVATE KEY-----",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1234", "Zm9vYmFyYmF6cXV4UXVYMTIzNDU2Nzg5MEFCQ0RFRg==",
    "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0",
    "e3b1c2d4a5f60718293a4b5c6d7e8f90",  # 32 hex: an S3 secret key
]
NOT_SECRET_VALUES = [
    "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "3f2a9c1e0b7d4a6f8e2c5b1a9d0e7f3c4b6a8d2e",  # a git SHA
    "registry.io/team/model:3f2a9c1e0b7d4a6f8e2c5b1a9d0e7f3c4b6a8d2e",
    "repo/img@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "123e4567-e89b-12d3-a456-426614174000", "averyveryveryverylongidentifiernameforthings",
    "/usr/local/lib/python3.11/site-packages/Torch", "https://github.com/ovh/examples.git",
    "postgres://db:5432/x", "https://user@github.com/x", "The database password",
    "s3://bucket/Model-Llama3-8B-Instruct-v2/weights", "${DB_PASSWORD}", "$(TOKEN)",
    "postgres://u:${PW}@h/db", "nvcr.io/nvidia/pytorch:24.01-py3",
    "meta-llama/Meta-Llama-3-8B-Instruct-GPTQ-4bit-128g", "projects/p/secrets/db-password",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl a@b",
    "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ"
    "\n-----END CERTIFICATE-----", "var.db_password", "", "sk-short",
]


@pytest.mark.parametrize("value", SECRET_VALUES)
def test_credential_shapes(value: str) -> None:
    assert secret_value(value)


@pytest.mark.parametrize("value", NOT_SECRET_VALUES)
def test_ids_digests_and_words_are_not_credentials(value: str) -> None:
    assert not secret_value(value)


@pytest.mark.parametrize("text,masked", [
    ('password = "hunter2"', 'password = "*******"'),
    ("--api-key abcxyz123 --port 8080", "--api-key ********* --port 8080"),
    ("--env DB_PASSWORD=xyz123 --env A=b", "--env DB_PASSWORD=****** --env A=b"),
    ('{"name": "DB_PASSWORD", "value": "pl41n"}', '{"name": "DB_PASSWORD", "value": "*****"}'),
    ("endpoint `https://u:pw1234@s3.gra.io.cloud.ovh.net`",
     "endpoint `https://u:******@s3.gra.io.cloud.ovh.net`"),
    ("token: abc", "token: ***"),
    ("client_key = 'k3y'", "client_key = '***'"),
])
def test_redact_masks_values_and_keeps_length(text: str, masked: str) -> None:
    assert redact(text) == masked
    assert redact(masked) == masked  # idempotent: messages are redacted more than once


@pytest.mark.parametrize("text", [
    "token = var.token", "--from-literal=DB_PASSWORD=...", "password_length = 24",
    "token_ttl: 3600", "secret_name: db-creds", "MODEL_NAME=mistral --port 8080",
    "image: repo/x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "`DB_PASSWORD` looks like a credential", "password: ${DB_PASSWORD}",
])
def test_redact_leaves_references_and_false_friends(text: str) -> None:
    assert redact(text) == text


def test_strip_userinfo() -> None:
    assert strip_userinfo("https://u:p@github.com/a.git") == ("https://github.com/a.git", "u", "p")
    assert strip_userinfo("https://github.com/a.git") == ("https://github.com/a.git", None, None)


def test_diagnostics_are_redacted_where_they_are_built() -> None:
    from iac_translate.compiler.codes import lookup
    from iac_translate.compiler.diagnostics import Diagnostic
    d = Diagnostic(None, "IT221", "at `redis://:hunter2pw@cache`", lookup("IT221").severity,
                   "try --password=hunter2pw")
    assert "hunter2pw" not in d.message + d.hint


TF = '''
variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2-literal"
}

provider "kubernetes" {
  token = "k8s-token-literal"
}

output "url" {
  value = "postgres://a:pw-literal@h/d"
}
'''


def test_terraform_literal_becomes_a_sensitive_variable_without_default() -> None:
    files = translate({"main.tf": TF}, "gke").files
    main, scaffold = files["main.tf"], files["gke_scaffold.tf"]
    assert "token = var.kubernetes_token" in main
    assert 'variable "db_password" {\n  type      = string\n  sensitive = true\n}' in main
    assert "value     = var.output_url\n  sensitive = true" in main
    assert 'variable "kubernetes_token" {' in scaffold and "sensitive   = true" in scaffold
    block = scaffold.split('variable "kubernetes_token" {')[1].split("}")[0]
    assert "default" not in block
    assert not any(s in text for text in files.values()
                   for s in ("hunter2-literal", "k8s-token-literal", "pw-literal"))


def test_ai_env_value_and_argument_become_secret_references() -> None:
    body = ('{"spec": {"name": "a", "image": "i:1", "resources": {"flavor": "ai1-1-cpu", '
            '"cpu": 1}, "envVars": [{"name": "DSN_URL", "value": "mysql://r:pw-lit@h/x"}], '
            '"command": ["serve", "--token", "tok-literal"]}}')
    result = translate({"app.json": body}, "k8s")
    text = result.files["a.yaml"]
    assert "pw-lit" not in text and "tok-literal" not in text
    assert "- $(TOKEN)" in text
    assert "secretKeyRef:\n              name: a-env\n              key: DSN_URL" in text
    # The Secret is not in the applied manifests: an env template the user fills.
    assert "kind: Secret" not in text
    assert result.files["secrets/a-env.env.example"].endswith("\nDSN_URL=\nTOKEN=\n")
    assert not any("pw-lit" in t or "tok-literal" in t for t in result.files.values())
    assert {d.code for d in result.diagnostics} >= {"IT312", "IT314", "IT343"}


def test_lint_flags_by_name_and_shape_and_not_false_friends() -> None:
    tf = ('locals {\n  password_length = "24"\n  api_token = "abc-literal"\n'
          '  url = "postgres://a:b-literal@h/d"\n  secret_name = "db-creds"\n}\n')
    lines = sorted(d.span.line for d in lint({"main.tf": tf}) if d.code == "IT222" and d.span)
    assert lines == [3, 4]


def test_hex_named_as_an_identifier_is_not_a_key() -> None:
    # An OVH project id is 32 hex digits, like an OVH S3 key: the name decides.
    project = "b309c78177f1458187add722e8db8dc2"
    assert not secret_value(project, "service_name")
    assert not secret_value(project, "OVH_PROJECT_ID")
    assert secret_name("s3_secret")
    assert secret_value(project)  # unnamed: still treated as a key
    result = translate({"main.tf": f'locals {{\n  service_name = "{project}"\n}}\n'}, "gke")
    assert "IT315" not in {d.code for d in result.diagnostics}
