#!/usr/bin/env python3
"""Generate many OVHcloud AI workloads (ovhai command lines and API bodies) for benchmarks.

Usage: python bench/gen_ai.py N OUT_DIR

Writes exactly N workloads to OUT_DIR, deterministic for a given N, standard library only:
`ovhai app|job|notebook run` command lines in shell scripts (40 per script, some continued
over several lines), app bodies as `ovhai app get -o json` output, job bodies in YAML and
notebook bodies in JSON (one per file). Names are unique, so every workload is translated.
Prints the number of workloads written.
"""

import json
import os
import sys

PER_SCRIPT = 40
FLAVORS = ["l4-1-gpu", "l40s-1-gpu", "ai1-1-cpu", "h100-1-gpu", "ai1-le-1-gpu"]
IMAGES = ["vllm/vllm-openai:v0.6.4", "registry.example.org/ml/api:1.{i}.0",
          "ovhcom/ai-training-pytorch:2.4.0", "python:3.12-slim"]
REGIONS = ["GRA", "BHS"]


def _command(i):
    kind = ("app", "app", "job", "notebook")[i % 4]
    flavor = FLAVORS[i % len(FLAVORS)]
    image = IMAGES[i % len(IMAGES)].format(i=i % 10)
    name = f"w{i:06d}-{kind}"
    if kind == "notebook":
        return (f"ovhai notebook run pytorch jupyterlab --name {name} --flavor ai1-1-cpu "
                f"--cpu {1 + i % 4} --envvar EPOCHS={i % 7}\n")
    lines = [f"ovhai {kind} run \\", f"  --name {name} \\", f"  --flavor {flavor} \\"]
    if "gpu" in flavor:
        lines.append(f"  --gpu {1 + i % 2} \\")
    lines.append(f"  --env MODEL_ID=org/model-{i % 13} --label team=t{i % 5} \\")
    lines.append(f"  --volume data{i % 3}@{REGIONS[i % 2]}/prefix/:/workspace/data:ro \\")
    if kind == "app":
        lines.append(f"  --default-http-port {8000 + i % 3} \\")
        if i % 3 == 0:
            lines.append("  --auto-min-replicas 1 --auto-max-replicas 3 \\")
            lines.append("  --auto-resource-type CPU --auto-resource-usage-threshold 70 \\")
        lines.append(f"  {image} -- --port {8000 + i % 3}")
    else:
        lines.append(f"  {image} -- python train.py --epochs {1 + i % 5}")
    return "\n".join(lines) + "\n"


def _app(i):
    return json.dumps({"id": f"00000000-0000-4000-8000-{i:012d}", "spec": {
        "name": f"w{i:06d}-api", "image": IMAGES[1].format(i=i % 10), "region": REGIONS[i % 2],
        "resources": {"flavor": "l4-1-gpu", "gpu": 1, "cpu": 11},
        "defaultHttpPort": 8000, "envVars": [{"name": "MODEL_DIR", "value": "/workspace/m"}],
        "labels": {"team": f"t{i % 5}"}, "probe": {"path": "/health", "port": 8000},
        "scalingStrategy": {"fixed": {"replicas": 1 + i % 3}}, "unsecureHttp": i % 2 == 0,
        "volumes": [{"volumeSource": {"dataStore": {"alias": "GRA", "container": "models"}},
                     "mountPath": "/workspace/m", "permission": "RO", "cache": True}]},
        "status": {"state": "RUNNING"}}, indent=2) + "\n"


def _job(i):
    return (f"name: w{i:06d}-train\nregion: {REGIONS[i % 2]}\n"
            f"image: ovhcom/ai-training-pytorch:2.4.0\n"
            f"resources:\n  flavor: h100-1-gpu\n  gpu: {1 + i % 2}\n"
            f'command: ["bash", "-c", "python train.py --epochs {1 + i % 5}"]\n'
            "envVars:\n  - name: HF_HOME\n    value: /workspace/cache\n"
            "volumes:\n  - dataStore: { alias: GRA, container: checkpoints }\n"
            "    mountPath: /workspace/out\n    permission: RW\n"
            f"timeout: {3600 * (1 + i % 24)}\nunsecureHttp: false\n")


def _notebook(i):
    return json.dumps({"name": f"w{i:06d}-nb", "region": REGIONS[i % 2],
                       "resources": {"flavor": "ai1-1-cpu", "cpu": 1 + i % 4},
                       "env": {"frameworkId": "pytorch", "editorId": "jupyterlab"},
                       "envVars": [{"name": "A", "value": str(i)}]}) + "\n"


def main(argv):
    n, out = int(argv[1]), argv[2]
    os.makedirs(os.path.join(out, "scripts"), exist_ok=True)
    os.makedirs(os.path.join(out, "bodies"), exist_ok=True)
    script, scripts = [], 0
    for i in range(n):
        slot = i % 10  # 6 in 10 are command lines, then an app, a job and two notebooks
        if slot < 6:
            script.append(_command(i))
        else:
            ext, text = {6: ("json", _app), 7: ("yaml", _job), 8: ("json", _notebook),
                         9: ("json", _notebook)}[slot]
            write(os.path.join(out, "bodies", f"w{i:06d}.{ext}"), text(i))
        if len(script) == PER_SCRIPT or (i == n - 1 and script):
            write(os.path.join(out, "scripts", f"deploy_{scripts:04d}.sh"),
                  "#!/usr/bin/env bash\nset -eu\n\n" + "\n".join(script))
            script, scripts = [], scripts + 1
    print(n)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv)
