"""The diagnostic code table: the single source of truth for codes, severities and help."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a diagnostic is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    summary: str
    detail: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

# Ranges: IT0xx input/output, IT1xx syntax, IT2xx semantics of the source,
# IT3xx mapping to the target, IT9xx internal.  Codes are never reused.
CODES: dict[str, Code] = {c.code: c for c in (
    Code("IT001", _E, "input not found", "A path given on the command line does not exist."),
    Code("IT002", _E, "input not readable", "The file could not be read or is not UTF-8 text."),
    Code("IT003", _W, "no translatable input", "A directory contained no .tf or .tf.json file."),
    Code("IT004", _E, "output conflict", "An output file would be written twice, or over an input file."),
    Code("IT005", _E, "bad mapping override", "A --mapping file is not valid JSON or does not match the mapping schema."),
    Code("IT006", _E, "bad project configuration", "iac-translate.yaml (or [tool.iac-translate] in pyproject.toml) is missing, unreadable or does not match its schema."),
    Code("IT007", _E, "stale translation", "`check` found an output directory that differs from a fresh translation of its inputs."),
    Code("IT008", _E, "unsafe output path", "An output file would be written outside the output directory or through a symbolic link inside it; nothing is written."),
    Code("IT009", _E, "cannot write output", "The output directory or a file in it cannot be created or replaced (permissions, a file where a directory must be, ...); it is left unchanged."),
    Code("IT010", _E, "output overlaps the input", "The output directory is, or is inside, an input directory, or holds a file that was read as input; outputs are never written among inputs nor read back as inputs."),
    Code("IT011", _W, "symbolic link not followed", "A symbolic link in the input points outside the input tree (the repository holding the inputs, or their common directory when there is no repository); it is not read."),
    Code("IT012", _I, "input read once or skipped", "A directory reached a second time (through a symbolic link or a module loop), or an AI input file reached twice, is read only once; a file this tool wrote is never read back as input."),
    Code("IT013", _E, "output directory busy", "Another iac-translate run held the lock on the output directory for too long."),
    Code("IT014", _I, "binary file skipped", "A file found in an input directory is not UTF-8 text (binary, or encrypted with git-crypt or sops); it is not read. A file named on the command line must be text (IT002)."),
    Code("IT015", _E, "wrong kind of input for the target", "Terraform was given to a Kubernetes target (k8s, helm), or an OVHcloud AI workload (API body, `ovhai` command line) to a Terraform target (gke); it is not translated there, and the message names the command that translates it."),
    Code("IT016", _E, "nothing to translate", "The inputs hold no .tf or .tf.json file (Terraform targets) or no AI app, job, notebook or exported manifest (Kubernetes targets); nothing is written."),
    Code("IT017", _W, "module manifest unreadable", "`.terraform/modules/modules.json` of a root is not the manifest `terraform init` writes (not JSON, or no `Modules` list): the remote modules it would list are not read, and their calls are kept as written (IT204)."),
    Code("IT101", _E, "syntax error", "The file is not valid HCL native syntax; no output is produced."),
    Code("IT102", _E, "invalid JSON configuration", "A .tf.json file is not valid JSON or not shaped like Terraform JSON."),
    Code("IT103", _E, "unterminated string or heredoc", "A string, template or heredoc is not closed."),
    Code("IT104", _E, "invalid block", "A block has the wrong number of labels or is malformed."),
    Code("IT105", _E, "wrong value type", "A field of an AI spec or manifest has the wrong JSON/YAML type or an invalid value."),
    Code("IT106", _E, "invalid ovhai command line", "An `ovhai` command line has an unknown flag, a missing value or unbalanced quotes."),
    Code("IT107", _E, "malformed volume spec", "A --volume value does not follow container@alias[/prefix]:mount_path[:permission][:cache]."),
    Code("IT108", _E, "unreadable YAML/JSON", "The file is not valid YAML or JSON (for example truncated); no output is produced."),
    Code("IT109", _E, "nesting too deep", "Blocks, brackets or operators are nested more than 64 levels deep (HCL, JSON or YAML); the reader stops there instead of exhausting the stack."),
    Code("IT110", _E, "invalid character escape", "A \\u/\\U escape is out of the Unicode range or names a lone UTF-16 surrogate (HCL, JSON, YAML), or the text holds such a character; it could never be written out."),
    Code("IT111", _E, "number out of range", "An integer literal has more than 4,300 digits, or a number literal overflows a 64-bit float (HCL, JSON, YAML or an `ovhai` flag); no real value needs it."),
    Code("IT112", _E, "unsupported YAML feature", "A YAML tag other than the core ones (str, int, float, bool, null, timestamp), a recursive alias, or aliases expanding to too many values."),
    Code("IT113", _E, "input too large", "The input could not be processed within the available memory."),
    Code("IT114", _E, "missing or blank image", "An `ovhai app|job run` command has no image (or a blank one, as a line continuation broken by a trailing space gives), or `ovhai notebook run` lacks FRAMEWORK_ID EDITOR_ID; that workload is not translated."),
    Code("IT115", _E, "input over the size limit", "An input file is larger than the `file_bytes` limit (16 MiB by default), or all inputs together exceed `total_bytes` (256 MiB); the file is not read. Raise a limit with `--limit NAME=VALUE` or `limits:` in iac-translate.yaml."),
    Code("IT116", _E, "too many values in one collection", "A list, object, function call or block holds more values than the `items` limit (1,000,000 by default); raise it with `--limit items=N` or `limits:` in iac-translate.yaml."),
    Code("IT201", _W, "unknown OVH resource type", "The ovh_* type is not in the provider schema we know; it is kept as an opaque TODO."),
    Code("IT202", _W, "unknown argument", "The argument does not exist on this OVH resource type; it is not translated."),
    Code("IT203", _W, "removed or deprecated OVH type", "This type was removed or renamed in the OVH provider; it is translated under its current meaning."),
    Code("IT204", _W, "remote module source", "Only local modules (./ or ../) are read; a remote module is kept as is and not translated."),
    Code("IT205", _I, "meta block kept", "moved/import/check/removed blocks are kept; addresses of OVH resources in them are rewritten where possible."),
    Code("IT206", _W, "unresolved reference", "A reference to an OVH resource or attribute could not be mapped to the target."),
    Code("IT207", _E, "duplicate definition", "Two blocks define the same address."),
    Code("IT208", _W, "missing required argument", "A required argument of the OVH type is absent; the translation is incomplete."),
    Code("IT209", _W, "unknown spec field", "The field is not part of the OVHcloud AI API for this kind of workload; it is not translated."),
    Code("IT210", _W, "workload kind guessed", "Nothing says whether the body is an app, a job or a notebook; the kind was guessed from its fields."),
    Code("IT211", _I, "downloaded module translated", "A remote module (registry, git, URL) is read from the copy `terraform init` downloaded into `.terraform/modules` of its root, translated like a local module and written under `remote_modules/`; its call's `source` points there and `version` is dropped (a local module has no version). Re-run `terraform init` after changing a module's version, then translate again."),
    Code("IT212", _E, "OVH module not read", "A remote module whose source names the OVH provider (registry `<namespace>/<name>/ovh`, a repository `terraform-ovh-<name>`) is kept as written: the output would still create OVHcloud resources through it. Run `terraform init` (or `terraform get`) in the root so its copy is in `.terraform/modules`, which iac-translate reads, or copy the module into the repository as a local module."),
    Code("IT213", _W, "this repository's module called by its address", "A module call names the repository being translated by its Git address (`github.com/acme/infra//modules/net?ref=v1.2.0`, one of the remotes in its `.git/config`) or by the public registry address published from it (`acme/platform/ovh` from `github.com/acme/terraform-ovh-platform`, as a module repository's examples call it): the module is read from the checkout, translated like a local module, and called by its relative path in the output. The `ref` or `version` the call pinned is not followed: the checkout's version is what is translated, and the output's call no longer pins one (a local call takes no version); check out that version to translate it."),
    Code("IT230", _W, "documentation placeholder", "A value is a documentation placeholder (`<image>`, `--gpu <nb-gpus>`, `$(GPU)`); a documented default is used (1 GPU, 1 CPU, the placeholder's name in the image), or the option is left out; Helm makes the image a chart parameter."),
    Code("IT231", _I, "not an AI workload", "A file or command line mentions AI but defines no workload (`ovhai app run --help`, a prose mention, a YAML file that is not an app/job/notebook spec: CI workflow, Kubernetes manifest, compose file, Helm chart); it is skipped."),
    Code("IT232", _I, "workload name derived", "The workload has no name (or one another workload already uses); a stable name is derived from its file and image."),
    Code("IT235", _W, "reference undefined in the source", "The input reads a variable, local, resource or module output that it does not define itself; the translation keeps the reference, which stays undefined."),
    Code("IT220", _I, "OVH-specific resource", "The resource exists only on OVHcloud; it must be translated (see `iac-translate --target ...`) before leaving."),
    Code("IT221", _W, "hard-coded OVH endpoint", "A literal points at an OVHcloud endpoint (object storage, AI, API); it breaks silently after a migration."),
    Code("IT222", _W, "plaintext secret", "A credential is written as a literal in the source; move it to a sensitive variable or a secret store."),
    Code("IT223", _I, "OVH region literal", "An OVHcloud region code is written as a literal; a variable keeps the configuration portable."),
    Code("IT224", _W, "flavor without an equivalent", "The OVH flavor is not in the flavor table, so no target can map it to a machine type; translations will carry a TODO."),
    Code("IT301", _W, "approximated mapping", "The target has a near equivalent that behaves differently; see the detail."),
    Code("IT302", _W, "argument dropped", "The argument has no equivalent on the target and is not translated."),
    Code("IT303", _W, "unknown flavor", "The OVH flavor is not in the mapping table; a placeholder machine type is used."),
    Code("IT304", _W, "unknown region", "The OVH region is not in the mapping table; a placeholder region is used."),
    Code("IT305", _E, "no target equivalent", "The resource has no counterpart on the target; a placeholder is emitted and a human must decide."),
    Code("IT306", _I, "value mapped", "A literal OVH value (region, flavor, engine version) was mapped to the target vocabulary."),
    Code("IT307", _I, "scaffolding added", "The target needs a resource that the OVH configuration does not declare; it was added."),
    Code("IT308", _W, "needs a human decision", "Several target choices are reasonable; a default was taken."),
    Code("IT309", _W, "expression value not mapped", "A value that must be mapped (region, flavor) is computed; it is kept and marked TODO."),
    Code("IT310", _I, "resource not applicable", "The OVH resource has no meaning on the target (e.g. a capability lookup) and is omitted."),
    Code("IT311", _W, "GPU substituted", "The OVH GPU model is not offered on the target; the nearest model was chosen."),
    Code("IT312", _W, "credential moved to a Secret", "A credential (an environment variable that looks like one, or object-storage keys) is read from a Secret you create (IT343, IT344); its value is never written."),
    Code("IT313", _W, "published without authentication", "The OVH app required a token (unsecureHttp false); the route is published without an auth layer until one is added."),
    Code("IT314", _W, "credential taken out of arguments", "A container argument or a git volume URL carried a credential; it is read from a Secret instead ($(VAR) in arguments, a git credential helper for clones) and never written."),
    Code("IT315", _W, "Terraform secret literal removed", "A literal credential (a sensitive variable's default, a secret-named or secret-shaped argument, local or output) is replaced by a sensitive variable with no default; pass it with TF_VAR_<name> or a tfvars file kept out of git."),
    Code("IT316", _W, "exported Secret values not written", "The values of an exported Secret (data/stringData) or of a credential-looking env var are not copied; the Secret is not written, its keys are listed for you to fill (IT343, IT344)."),
    Code("IT317", _W, "secret-shaped value masked", "A value that looks like a credential (in an annotation, a ConfigMap or another field) is masked with asterisks in the output; put the real value in a Secret."),
    Code("IT318", _W, "Kueue prerequisites", "Jobs are submitted to a Kueue LocalQueue (created suspended, admitted by Kueue): Kueue must be installed and the LocalQueue must exist in the namespace, or the Jobs never start."),
    Code("IT319", _W, "GPU model needs node labels", "The pod selects a GPU model by the `nvidia.com/gpu.product` label, which only GPU Feature Discovery sets, and the model may not exist on the cluster; with --cluster gke the GKE accelerator label is used instead."),
    Code("IT324", _W, "self-check: name changed to fit the target", "A literal name (network, subnet range, cluster, bucket, service account...) breaks the target's naming rules (characters, length, first letter); it is written normalised: lowercase, invalid characters as '-', a prefix or suffix, a stable hash when too long."),
    Code("IT325", _W, "self-check: name from an expression normalised", "A name built from variables or expressions may break the target's naming rules; it is wrapped in lower/replace/substr so any value becomes an accepted name."),
    Code("IT326", _E, "self-check: reference to nothing", "An emitted expression reads a resource, data source, variable, local, module or module output the output does not define (or an OVH/OpenStack object that is gone); `terraform validate` would fail."),
    Code("IT327", _E, "required argument missing", "An emitted resource lacks an argument or block the target provider requires (its schema, as `required.json`) and no OVH argument gives it: a string argument is asked for as a required variable (IT383), so `terraform plan` stops until it is set; any other argument or a block must be written: `terraform validate` fails until it is."),
    Code("IT328", _E, "self-check: placeholder breaks the plan", "A TODO placeholder stands where Terraform needs a real value (passed to a function, indexed, or the whole value of an output), or a placeholder has no diagnostic beside it."),
    Code("IT329", _E, "self-check: Kubernetes object points at nothing", "A selector matches no pod labels, a Service selects no workload or targets an undeclared port, a route points at a missing Service or port, an autoscaler at a missing workload, or a Secret/ConfigMap/PVC is referenced but neither written nor reported."),
    Code("IT330", _I, "module provider re-pointed", "A module call passed the ovh provider (`providers = { ovh = ovh.x }`); provider ovh became the target's provider (google, aws), so the entry passes that one instead."),
    Code("IT331", _W, "module provider dropped", "A module call passed a provider that the translation removes (harbor, openstack of OVH Public Cloud, aws on OVH Object Storage for gke), or one already passed under the same name (eks: `aws = aws.x` beside the ovh provider that became aws); the entry is dropped and the module's resources of that provider are translated or reported."),
    Code("IT332", _E, "Kubernetes version no longer offered, raised", "The OVH cluster asks for a Kubernetes minor the target no longer creates clusters at (the oldest offered is in the target's platform table); the cluster is written at the oldest offered version, which is a human decision: check the workloads for the APIs removed between the versions (pluto, kubectl convert) and upgrade the OVH cluster first, or accept it."),
    Code("IT333", _E, "Kubernetes version default no longer offered", "The OVH cluster's version is an expression whose default (a variable default, a local) is a Kubernetes minor the target no longer creates clusters at; a precondition stops the plan with the reason until a newer version is passed: raise the default after checking the workloads for removed APIs (pluto, kubectl convert)."),
    Code("IT334", _W, "IAM user names are account-wide", "IAM user names are unique in the whole AWS account, not per module or configuration: a child module's IAM users are named after its variable `iam_name_prefix` (default: its directory), which each module block calling it sets from its own name and instance key, so two uses of one module do not collide; a counted or for_each user carries its instance key. What can still collide is said where it is: a root module's users have fixed names (a second apply of the same configuration in one account, another workspace or environment, fails at CreateUser), and a module whose source already has a variable `iam_name_prefix` gets the prefix as `aws_iam_name_prefix` (the author's keeps its meaning)."),
    Code("IT336", _W, "Kubernetes version no longer offered", "The OVH cluster asks for a Kubernetes minor the target no longer offers (the oldest offered is in the target's platform table); the version floor is left out and the release channel chooses."),
    Code("IT337", _I, "hardening default applied", "The target's hardening guide is followed by default: deletion protection on stateful resources, nodes running as a dedicated least-privilege service account, Workload Identity; translate options (--no-harden, --no-deletion-protection, --node-service-account default) or configuration decisions turn each off."),
    Code("IT338", _E, "OVH resource not translated", "The OVH resource becomes no target object: the target builds it differently (backups, log forwarding, SSH keys, registry OIDC, database add-ons), or what it attaches to is not translated or not declared in this module; its function is lost until a human adds what the hint names."),
    Code("IT339", _E, "names collide after normalising", "Two objects whose source names differ only in characters the target does not accept (`my_net`, `my-net`, `My.Net`) get the same target name; the second would fail at apply. Rename one at its source."),
    Code("IT340", _I, "variable description written for OVHcloud", "A variable's description names OVHcloud, an OVH region code (GRA7) or flavor (b2-7): callers of the translated module would read it as advice for the target. It is kept, prefixed with \"(OVH source)\"; rewrite it for the target."),
    Code("IT341", _W, "local file the configuration reads is not written", "An emitted block reads a file or directory beside the configuration (templatefile(\"${path.module}/x.tftpl\"), file(), a helm_release chart path): only the translated .tf files are written, so terraform plan in the output directory fails until it is copied there. It is never copied for you, since such files may hold credentials."),
    Code("IT343", _W, "Secret to create from an env file", "The manifests read a Secret that is not among them, so applying them again never blanks its values: kustomization.yaml generates it from secrets/<name>.env, which you copy from secrets/<name>.env.example and fill before `kubectl apply -k`."),
    Code("IT344", _W, "chart reads an existing Secret", "The chart never creates Secrets: each one the workloads read is named by a `secrets.<name>.existingSecret` value (default: the name the manifests use); create it with kubectl before `helm install`."),
    Code("IT345", _E, "no translated node pool can host the workload", "In an estate run, a workload asks for a GPU model, a GPU count, CPUs or memory that no node pool of the translated Terraform offers on one node; the message names the workload and the pools. Add a pool (or change the flavor) so that the pods can be scheduled."),
    Code("IT346", _I, "estate made consistent", "In an estate run, the Terraform and the workloads were adjusted to each other: the cluster enables what the workloads need (the object-storage CSI driver, Workload Identity), pods tolerate the taints of the pool they run on, requests are sized to fit one node of that pool, or an image moves to the new registry. The message says what changed."),
    Code("IT347", _W, "workload uses something the Terraform does not create", "In an estate run, a workload mounts a bucket, or pulls an image from an OVH registry, that the translated Terraform does not create (or names with an expression this tool cannot evaluate): create it, or check the name."),
    Code("IT348", _E, "module translated two ways", "In an estate run, two Terraform roots call the same local module and its translation differs between them (the callers map its variables differently); the first translation is written. Give each root its own copy, or translate the roots one at a time."),
    Code("IT349", _E, "self-check: location is not a place of the target", "A location, region or zone argument evaluates (from literals, locals and variable defaults) to a string the target has no place for: typically an expression written for OVH region names (`upper(replace(var.region, \"/[0-9]+$/\", \"\"))`) applied to the mapped region. Write the location it needs on the target."),
    Code("IT350", _E, "verify: output not found", "`verify` was given an OUT that is not a directory, or one that holds no file the target writes (.tf for gke, manifests for k8s, a chart for helm); nothing is compared."),
    Code("IT351", _E, "verify: output file unreadable", "A file of OUT cannot be read (not UTF-8, too large) or is not valid HCL / YAML / a chart: `verify` re-reads what was written with the same parsers as the inputs and cannot compare what it cannot read."),
    Code("IT352", _E, "verify: source not translatable", "SRC could not be read or translated (a syntax error, a missing path, nothing to translate): without its intent and the translation's diagnostics there is nothing to compare OUT with."),
    Code("IT353", _W, "verify: intent lost", "A fact of a source object (a size, a count, a region, an image, a mount...) is absent or different in OUT, and no diagnostic of the translation explains it: the output does not do what the source did. The row of `verify` names the object and the fact."),
    Code("IT354", _E, "verify: chart template not renderable", "A template of the chart uses a Go template construct or function that verify's renderer does not implement (it renders the subset iac-translate writes, without the helm binary); that file is not compared."),
    Code("IT355", _W, "value known only after apply", "In an estate run, a manifest needs a value that exists only once the translated Terraform is applied (on AKS, the client id of the managed identity a PersistentVolume of the Blob CSI driver mounts with): it holds a placeholder naming the Terraform output, and the message gives the command that sets it before the manifests are applied."),
    Code("IT364", _E, "region the target does not have", "The OVH region is on a continent or in a country where the target has no region (its region table marks the region family unavailable and says why, and which of its regions are nearest): a TODO placeholder stands for the region, because moving the data elsewhere changes its residency and latency and only its owner may decide it (with --mapping)."),
    Code("IT365", _W, "S3 endpoint replaced by a variable", "The target has no S3-compatible endpoint (Azure Blob Storage speaks its own API): a hard-coded OVH S3 endpoint is replaced by the variable `s3_gateway_endpoint`, with no default, so that no OVH host or resource is left; set it to the endpoint of an S3 gateway in front of the target's storage, or move the clients to the storage's own API."),
    Code("IT378", _W, "variable validation dropped", "A variable whose values are mapped to the target's vocabulary (a region, a flavor) had a validation that tests OVH values (a regex, a prefix, a code the mapping does not know); it would reject the target values the variable now holds, its mapped default included, so it is dropped. A validation that only lists OVH codes the mapping knows is mapped element-wise and kept. Write a validation for the target's values if one is needed."),
    Code("IT379", _W, "target address taken, resource renamed", "A resource of another OVH type already becomes the same target address (ovh_cloud_project_instance.web and openstack_compute_instance_v2.web both become one VM; Terraform rejects a duplicate resource): all but one are translated under a free name (`web_2`), every reference to them in their module following: a resource already written in the target's own type keeps its address (it may be in a state), then OVH's own types, then by type name. Rename one at the source to choose the names."),
    Code("IT380", _E, "duplicate declaration in the output", "Found by the output self-check: two blocks of one output module declare the same variable, output, local value, module call or resource address (a variable the translation adds, such as `resource_group_name` or `<database>_delegated_subnet_id`, that the source already declares): Terraform rejects the module (Duplicate variable declaration, Duplicate resource). Rename the source's declaration and its references, then translate again."),
    Code("IT381", _E, "instance key missing or out of context", "Found by the output self-check (or already in the source, read at its reference): a reference Terraform refuses in its block: an attribute of an object written with count or for_each read with no instance key (Missing resource instance key), or count.index / each.* in a block that does not repeat by count / for_each. `terraform validate` fails there; index the reference or give the block the repetition of what it was made for."),
    Code("IT382", _E, "argument set twice", "Found by the output self-check: one block of the output sets the same argument twice (Attribute redefined): Terraform refuses the file. This is a bug of iac-translate: please report it with the input."),
    Code("IT383", _W, "value left to the user", "A value iac-translate could not give (a region the target does not have, a subnet or an image it cannot choose, a credential the source does not hold: the TODO(ITxxx) placeholder of another diagnostic) stands for a whole argument, list element, map value or local value: it reads a new variable of its module instead, with no default and a description saying what to set, so that `terraform plan` asks for it rather than sending the placeholder text to the cloud. A placeholder naming its value (a region, a flavor, an OVH attribute) is one variable per module; one saying only what kind of value is missing (an SSH public key, a size) is one per block. A child module's variable is passed by its calls from variables of the root module. A variable whose default was a placeholder loses the default. Set it with TF_VAR_<name> or a tfvars file."),
    Code("IT384", _W, "output without a value on the target", "An output's whole value is an OVH attribute the target has no equivalent for (a TODO(ITxxx) placeholder of another diagnostic, such as the nodes URL of an OVH cluster): it is written as null with a TODO comment, so that module callers and terraform_remote_state readers do not take the placeholder's text as data. Give them the value another way, or remove the output. So is an output computed from such a value (iterated, indexed, given to a function that needs a collection). An output with a placeholder inside a larger value (an object, a URL) reads a variable there instead (IT383)."),
    Code("IT385", _W, "variable file sets an OVH value", "A variable file beside a root (`terraform.tfvars`, `*.auto.tfvars`, a file given with -var-file) sets a variable whose values the translation maps (a region, a zone, a flavor, a database flavor or version) to an OVH value: at plan time it overrides the mapped default, and the cloud gets the OVH value. The file is the user's input to plan and is not written to the output (it may hold credentials): edit it with the mapped value the help gives. A variable file HCL cannot read is said with this code too."),
    Code("IT901", _E, "internal error", "iac-translate failed unexpectedly; please report it with the input that caused it."),
)}


def lookup(code: str) -> Code:
    """Return the table entry for `code`; unknown codes are an internal bug."""
    return CODES[code]
