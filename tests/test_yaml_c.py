"""libyaml (C) and PyYAML's pure loader/emitter give identical values, spans, errors and text."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from iac_translate.compiler.frontends import positioned
from iac_translate.compiler.frontends.positioned import LoadError, PValue, load
from iac_translate.targets.yamlwrite import dump_all

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="libyaml is not installed")

INPUTS = {
    "plain": "name: app\nimage: nginx:1.27\nreplicas: 2\n",
    "non_ascii": "name: café\nlabels:\n  équipe: données-ω\n  emoji: \"😀 ok\"\nx: 日本語: no\n",
    "non_ascii_ok": "name: café\nlabels:\n  équipe: données-ω\n  emoji: \"😀 ok\"\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - \"y\\u00e9\"\r\nc: |\r\n  line1\r\n  line2\r\n",
    "bom": "\ufeffa: 1\nb: [1, 2]\n",
    "anchors": "base: &b {cpu: 1, mem: 2Gi}\napp:\n  <<: *b\n  x: *b\nlist: [*b, *b]\n",
    "recursive_alias": "a: &a [*a]\n",
    "alias_bomb": "a: &a [" + ",".join(["x"] * 120) + "]\n"
                  + "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 120) + "]\n"
                            for p, c in (("a", "b"), ("b", "c"))),
    "tags_core": "a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: !!null ''\ne: !!bool true\n",
    "tag_custom": "a: !custom x\n",
    "tag_python": "a: !!python/object:os.system x\n",
    "bad_int_tag": "a: !!int abc\n",
    "timestamp": "when: 2024-01-02T03:04:05Z\nday: 2024-01-02\n",
    "json": '{"name": "x", "env": [{"name": "A", "value": "\\ud83d\\ude00"}], "n": 1.5e3}',
    "json_plain": '{"name": "x", "env": [{"name": "A", "value": "\\u00e9"}], "n": 1.5e3}\n',
    "no_final_newline": "a: 1\r\nb:",
    "lone_surrogate": '{"a": "\\ud83d"}',
    "unicode_escape_out_of_range": 'a: "\\UFFFFFFFF"\n',
    "syntax_error": "a: [1, 2\nb: c\n",
    "tab_indent": "a:\n\tb: 1\n",
    "duplicate_key": "a: 1\na: 2\n",
    "non_string_key": "? [a, b]\n: 1\n",
    "deep_flow": "a: " + "[" * 70 + "]" * 70 + "\n",
    "deep_block": "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "v\n",
    "depth_64": "a: " + "[" * 62 + "1" + "]" * 62 + "\n",
    "many_docs": "---\na: 1\n---\n---\nb: [x, y]\n...\n",
    "control_char": "a: \"x\x07y\"\n",
    "nel": "a: x\x85b: y\n",
    "long_int": "a: " + "9" * 5000 + "\n",
    "empty": "",
    "comments_only": "# nothing\n",
}


def _shape(v: PValue) -> Any:
    """Everything a PValue holds, spans and key spans included."""
    if isinstance(v.value, dict):
        inner: Any = {k: _shape(x) for k, x in v.value.items()}
    elif isinstance(v.value, list):
        inner = [_shape(x) for x in v.value]
    else:
        inner = (type(v.value).__name__, v.value)
    return (inner, tuple(v.span), sorted((k, tuple(s)) for k, s in v.key_spans.items()))


def _outcome(text: str) -> Any:
    try:
        return [_shape(v) for v in load(text, "in.yaml")]
    except LoadError as e:
        return ("error", e.code, e.message, tuple(e.span))


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_c_and_pure_loaders_agree(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = INPUTS[name]
    fast = _outcome(text)
    monkeypatch.setattr(positioned, "_compose_c", lambda text, file: None)
    assert fast == _outcome(text)


def test_the_c_loader_is_used_for_ordinary_input() -> None:
    for name in ("plain", "non_ascii_ok", "crlf", "anchors", "json_plain", "many_docs",
                 "depth_64"):
        assert positioned._compose_c(INPUTS[name], "in.yaml") is not None, name
    # ... and not where libyaml would decide differently or could recurse too deep
    for name in ("bom", "deep_flow", "deep_block", "syntax_error", "tab_indent",
                 "no_final_newline"):
        assert positioned._compose_c(INPUTS[name], "in.yaml") is None, name


STRINGS = ["plain", "café ω 日本語 😀", "two\nlines", "trailing space \nnext", "  lead",
           "a: b", "# not a comment", "yes", "no", "null", "~", "1.5", "0x1F", "007", "",
           "x" * 150, "word " * 40, "tab\there", "cr\rhere", "quote ' and \"", "- dash",
           "{brace}", "[bracket]", "*star", "&amp", "!bang", "%percent", "@at", "`tick`",
           "line\n\nwith blank\n", "ends with newline\n", "\nstarts with newline",
           "bell\x07", "nel\x85x", "\ufeffbom", "emoji 👍\nsecond", "2024-01-02", "true",
           "-", "?", ":", "key:", " ", "a #b", "http://x.y/z?a=b&c=d#frag", "C:\\Users\\x"]


def test_c_and_pure_dumpers_write_the_same_text() -> None:
    docs: list[dict[str, Any]] = [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "n", "labels": {}},
         "data": {f"k{i}": s for i, s in enumerate(STRINGS)}},
        {"list": STRINGS, "nested": [{"a": [1, 2.5, None, True, False, -0.0, 10**20]}],
         "empty": [], "obj": {}},
        {s or "empty-key": i for i, s in enumerate(STRINGS)},
    ]
    shared = {"x": 1}
    docs.append({"a": shared, "b": shared})  # never an alias
    assert dump_all(docs) == dump_all(docs, pure=True)
    assert "&" not in dump_all([{"a": shared, "b": shared}])
    for s in STRINGS:  # each string alone too: one document per emitter decision
        assert dump_all([{"k": s}]) == dump_all([{"k": s}], pure=True), s


def test_random_strings_dump_alike() -> None:
    # Seeded, so a failure reproduces: characters that steer quoting, folding and escapes.
    import random
    rng = random.Random(11)
    pool = list(" \t\n\r:#-?&*!|>'\"%@`{}[],.\\~=") + list("abcXYZ019") + \
        ["é", "ω", "日", "😀", "\x85", "\u2028", "\ufeff", "\x07", "\x00", "\ud7ff", "\ue000"]
    for _ in range(600):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        doc = {"k": s, s or "e": [s, {"x": s}]}
        assert dump_all([doc]) == dump_all([doc], pure=True), repr(s)


def test_random_texts_load_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    import random
    rng = random.Random(7)
    pieces = ["a: ", "b:", "\n", "\r\n", "  ", "- ", "[", "]", "{", "}", ", ", "x", "1", "é",
              "😀", "&a ", "*a", "!!str ", "!t ", "'q'", '"d\\u00e9"', "#c", "? ", "---\n",
              "|\n", ">\n", "\t", "~", "null", "0x1F", "2024-01-02", ": ", "\ufeff", "\x85"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
             for _ in range(400)]
    fast = [_outcome(t) for t in texts]
    monkeypatch.setattr(positioned, "_compose_c", lambda text, file: None)
    for t, f in zip(texts, fast):
        assert f == _outcome(t), repr(t)
