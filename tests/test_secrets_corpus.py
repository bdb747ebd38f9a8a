"""A corpus of planted secrets in every input kind never reaches any output, message or report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler.cli import main

# Every planted value carries a unique marker `Q7zX<nn>`; none may appear anywhere we write.
MARK = re.compile(r"q7zx\d\d", re.I)
# Values that hide their marker (base64 of a Secret's data) are searched for as written.
HIDDEN = ["UTdaWDY4LXNlY3JldA==", "aGlkZGVuLXZhbHVlLTIx"]
PEM = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEQ7zX14pemBODYpemBODY\\n-----END RSA PRIVATE KEY-----"
B64 = "Q7zX15aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJRN3pYNTMifQ.Q7zX13sigSIGsig0123abcd"

MAIN_TF = f'''
terraform {{
  required_providers {{
    ovh = {{
      source  = "ovh/ovh"
      version = "~> 2.19"
    }}
  }}
}}

provider "ovh" {{
  endpoint           = "ovh-eu"
  application_key    = "Plain-Q7zX01"
  application_secret = "Plain-Q7zX02"
  consumer_key       = "Plain-Q7zX03"
}}

provider "kubernetes" {{
  host        = "https://k8s.example.net"
  token       = "Plain-Q7zX04"
  client_key  = "{PEM}"
  password    = "Plain-Q7zX05"
}}

variable "service_name" {{
  type = string
}}

variable "db_password" {{
  description = "The database password"
  type        = string
  sensitive   = true
  default     = "Plain-Q7zX06"
}}

variable "api_token" {{
  type    = string
  default = "Plain-Q7zX07"
}}

variable "dsn_default" {{
  type    = string
  default = "postgres://app:Pg-Pw-Q7zX08@db.example.net:5432/app"
}}

variable "password_length" {{
  type    = number
  default = 24
}}

locals {{
  admin_password = "Plain-Q7zX09"
  webhook        = "https://hooks.example.net/?key=sk-Q7zX10abcdefghijklmnop"
  github         = "ghp_Q7zX11abcdefghijklmnopqrstuvwx"
  settings       = {{ REDIS_URL = "redis://:Re-Pw-Q7zX12@cache:6379/0", mode = "fast" }}
}}

resource "ovh_cloud_project_kube" "demo" {{
  service_name = var.service_name
  name         = "demo"
  region       = "GRA11"
}}

resource "ovh_domain_zone_record" "www" {{
  zone      = "example.net"
  fieldtype = "TXT"
  target    = "{JWT}"
}}

resource "google_sql_user" "app" {{
  name     = "app"
  instance = "main"
  password = "Plain-Q7zX16"
}}

resource "google_secret_manager_secret_version" "k" {{
  secret      = "projects/p/secrets/k"
  secret_data = "{B64}"
}}

module "db" {{
  source         = "./modules/db"
  admin_password = "Plain-Q7zX17"
  url            = "mysql://root:My-Pw-Q7zX18@mysql.internal/x"
}}

output "conn" {{
  value = "mongodb+srv://u:Mo-Pw-Q7zX19@c0.mongodb.net/db"
}}

output "pw" {{
  value = local.admin_password
}}
'''

MODULE_TF = '''
variable "admin_password" {
  type      = string
  sensitive = true
  default   = "Plain-Q7zX20"
}

variable "url" {
  type = string
}

resource "google_sql_user" "admin" {
  name     = "admin"
  instance = "main"
  password = var.admin_password
}
'''

TF_JSON = {
    "variable": {"json_secret": {"type": "string", "sensitive": True,
                                 "default": "Plain-Q7zX21"},
                 "json_key": {"type": "string", "default": "AKIAQ7ZX22EXAMPLE0AB"}},
    "resource": {"google_sql_user": {"j": {"name": "j", "instance": "main",
                                           "password": "Plain-Q7zX23"}}},
}

APP_JSON = {"spec": {
    "name": "corpus-app", "image": "registry.example.org/ml/app:1.0",
    "resources": {"flavor": "l4-1-gpu", "gpu": 1},
    "envVars": [{"name": "DATABASE_URL", "value": "postgres://a:Ap-Pw-Q7zX24@h/d"},
                {"name": "HF_TOKEN", "value": "hf_Q7zX25abcdefghijklmnopqr"},
                {"name": "BLOB", "value": "Q7zX26aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z"},
                {"name": "MODEL_DIR", "value": "/workspace/model"}],
    "command": ["python", "serve.py", "--api-key", "Plain-Q7zX27", "--password=Plain-Q7zX28",
                "xoxb-Q7zX29-123456789012"],
    "volumes": [{"volumeSource": {"publicGit": {
        "url": "https://deploy:Gt-Tok-Q7zX30@github.com/acme/models.git"}},
        "mountPath": "/workspace/code", "permission": "RO"},
        {"volumeSource": {"publicGit": {
            "url": "https://gho_Q7zX31abcdefghijklmnopqrstu@github.com/acme/code.git"}},
         "mountPath": "/workspace/code2", "permission": "RO"}],
    "unsecureHttp": True}}

JOB_YAML = """spec:
  name: corpus-job
  image: registry.example.org/ml/train:1.0
  resources: {flavor: l4-1-gpu, gpu: 1}
  envVars:
    - name: AWS_SECRET_ACCESS_KEY
      value: wJalrXUtnFEMI/K7MDENG/bPxRfiQ7zX32EXAMPLE
    - name: AWS_ACCESS_KEY_ID
      value: AKIAQ7ZX33EXAMPLE0AB
    - name: WANDB_API_KEY
      value: Plain-Q7zX34
  command: ["sh", "-c", "python train.py --token Plain-Q7zX35 --amqp amqp://g:Aq-Q7zX36@mq/"]
"""

DEPLOY_SH = """#!/bin/sh
ovhai app run \\
  --name corpus-cli \\
  --flavor l4-1-gpu --gpu 1 \\
  --env OPENAI_API_KEY=sk-Q7zX37abcdefghijklmnop \\
  --env DB_URL=postgres://u:Sh-Pw-Q7zX38@h/d \\
  --env SECRET=Plain-Q7zX39 \\
  --volume https://github.com/a/b.git:/workspace/code:ro \\
  --env GH=ghp_Q7zX40abcdefghijklmnopqrstuvwx \\
  registry.example.org/ml/app:1.0 -- python serve.py --token Plain-Q7zX41
"""

README_MD = """# Training

```sh
ovhai job run --name corpus-md --flavor l4-1-gpu --gpu 1 \\
  --env GITLAB_TOKEN=glpat-Q7zX42abcdefghijklmn \\
  --env PGPASSWORD=Plain-Q7zX43 \\
  registry.example.org/ml/train:1.0 -- python train.py --password=Plain-Q7zX44
```
"""

MKS_DUMP = """apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata:
    name: db
    namespace: shop
  type: Opaque
  data:
    password: UTdaWDY4LXNlY3JldA==
    other: aGlkZGVuLXZhbHVlLTIx
  stringData:
    url: postgres://s:Ms-Pw-Q7zX45@db/x
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
    annotations:
      team: web
      notify: https://hooks.example.net/sk-Q7zX46abcdefghijklmnop
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
        - name: web
          image: registry.example.org/shop/web:2.3.1
          args: ["--db-password", "Plain-Q7zX47", "--port", "8080"]
          env:
          - name: DB_PASSWORD
            value: Plain-Q7zX48
          - name: CACHE
            value: redis://:Mk-Pw-Q7zX49@cache:6379
          - name: LOG_LEVEL
            value: info
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings
    namespace: shop
  data:
    mongo: mongodb://x:Cm-Pw-Q7zX50@m/db
    app.ini: |
      [db]
      password = Plain-Q7zX51
      host = db
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpus")
    tf, aid = root / "tf", root / "ai"
    (tf / "modules" / "db").mkdir(parents=True)
    (tf / "main.tf").write_text(MAIN_TF)
    (tf / "modules" / "db" / "main.tf").write_text(MODULE_TF)
    (tf / "extra.tf.json").write_text(json.dumps(TF_JSON, indent=2))
    aid.mkdir()
    (aid / "app.json").write_text(json.dumps(APP_JSON, indent=2))
    (aid / "job.yaml").write_text(JOB_YAML)
    (aid / "deploy.sh").write_text(DEPLOY_SH)
    (aid / "README.md").write_text(README_MD)
    (aid / "cluster-dump.yaml").write_text(MKS_DUMP)
    # A git volume with `user:password@` but no mount path is rejected (IT107): that message
    # must not echo it; one with a mount path is accepted, its credential moved to a Secret.
    (root / "bad").mkdir()
    (root / "bad" / "run.sh").write_text("ovhai app run --volume https://u:Vol-Q7zX52@github.com"
                                         "/a/b.git img:1\n"
                                         "ovhai job run --volume https://ghp_Q7zX53abcdefghijklmnop"
                                         "qrstuvwx@github.com/a/b.git:/w:ro img:1\n")
    return {"tf": tf, "ai": aid, "root": root, "bad": root / "bad"}


def _leaks(text: str) -> list[str]:
    return sorted(set(MARK.findall(text)) | {h for h in HIDDEN if h in text})


def _run(*args: str) -> str:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert r.exit_code in (0, 1), r.output
    stderr = getattr(r, "stderr", "") if r.stderr_bytes is not None else ""
    return r.output + stderr


def _tree(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file()}


def test_planted_inputs_are_read(corpus: dict[str, Path]) -> None:
    """Guard against a corpus that silently stops being read: its markers are in the inputs."""
    seen = set()
    for p in corpus["root"].rglob("*"):
        if p.is_file():
            seen.update(MARK.findall(p.read_text()))
    assert len(seen) == 53


@pytest.mark.parametrize("target,src", [("gke", "tf"), ("k8s", "ai"), ("helm", "ai")])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_translate_writes_no_planted_secret(corpus: dict[str, Path], target: str, src: str,
                                            fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    printed = _run(str(corpus[src]), "--target", target, "--out", str(out), "--format", fmt,
                   "-v")
    files = _tree(out)
    assert files, printed
    assert _leaks(printed) == [], printed
    for rel, text in files.items():
        assert _leaks(text) == [], f"{rel}:\n{text}"
    stdout = _run(str(corpus[src]), "--target", target, "--stdout", "--format", fmt)
    assert _leaks(stdout) == []


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_rejected_input_is_not_echoed(corpus: dict[str, Path], fmt: str) -> None:
    printed = _run(str(corpus["bad"]), "--target", "k8s", "--stdout", "--format", fmt)
    assert "IT107" in printed
    assert _leaks(printed) == [], printed


@pytest.mark.parametrize("src", ["tf", "ai", "bad"])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_lint_reports_no_planted_secret(corpus: dict[str, Path], src: str, fmt: str) -> None:
    printed = _run("lint", str(corpus[src]), "--format", fmt)
    assert "IT222" in printed or src == "bad"
    assert _leaks(printed) == [], printed


@pytest.mark.parametrize("target,src", [("gke", "tf"), ("k8s", "ai"), ("helm", "ai")])
@pytest.mark.parametrize("fmt", ["md", "json", "sarif"])
def test_report_shows_no_planted_secret(corpus: dict[str, Path], target: str, src: str,
                                        fmt: str) -> None:
    printed = _run("report", str(corpus[src]), "--target", target, "--format", fmt)
    assert len(printed) > 200
    assert _leaks(printed) == [], printed
