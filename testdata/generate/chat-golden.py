#!/usr/bin/env python3
"""Renders every dialog of testdata/chat/dialogs.json with each shared model's own Jinja chat template,
as Python `transformers`' apply_chat_template renders it, into testdata/golden/chat/<model>.jsonl.

The reference is `transformers` itself, which is not installed here; this script rebuilds its template
environment from its source, followed at huggingface/transformers commit
5e43e2e892453b405ce6d2cb94387b3a3213f30a (src/transformers/utils/chat_template_utils.py,
_compile_jinja_template; the 4.4x line) and the 4.4x/4.5x apply_chat_template / render_jinja_template:

  - jinja2 (>= 3.1; Debian's python3-jinja2 3.1.2 here, PyPI's 3.1.6 alike) ImmutableSandboxedEnvironment with
    trim_blocks=True, lstrip_blocks=True and the extensions jinja2.ext.loopcontrols and transformers'
    AssistantTracker (the {% generation %} tag; with tracking off it renders its body unchanged);
    the other options are jinja2's defaults (keep_trailing_newline=False: one trailing newline of the
    template source is dropped; undefined is the lenient Undefined; no autoescape);
  - filter tojson replaced by json.dumps(x, ensure_ascii=False, indent=indent, separators=separators,
    sort_keys=sort_keys) with those keyword defaults (indent None, separators None, sort_keys False);
  - globals raise_exception(message) -> raises jinja2.exceptions.TemplateError(message), and
    strftime_now(format) -> now().strftime(format); here the clock is fixed (--date, default
    2024-07-26T00:00:00) so the goldens do not change from day to day;
  - variables: messages, tools (the list of tool dicts, or None), documents (None),
    add_generation_prompt, every special token of the tokenizer as special_tokens_map gives it (the
    truthy ones of bos/eos/unk/sep/pad/cls/mask_token, additional_special_tokens as a list, and the
    model-specific extra_special_tokens, each as its string content, a {"content": ...} entry
    reduced to the content), then the dialog's own variables (e.g. enable_thinking), which win.

An error raised while rendering (raise_exception's TemplateError, or Python's own, e.g. a TypeError
for str + None) is recorded as {"type", "message"} instead of the text.

Output, one JSON object a line (UTF-8, not ASCII-escaped): first {"meta": {...}}, then per dialog
{"dialog", "text"} or {"dialog", "error"}. chat-golden.mjs then adds the ids.

The held-out dialogs of testdata/chat/heldout-dialogs.json go the same way into
testdata/golden/chat-heldout/<model>.jsonl (their meta names the dialogs file).

It also renders every snippet of testdata/chat/constructs.json (one Jinja construct each) with that
file's variables in the same environment into testdata/golden/chat/constructs.jsonl: {"meta"}, then
{"construct", "text"} or {"construct", "error"}; no model and no ids.

Usage: python3 chat-golden.py [--date YYYY-MM-DD[THH:MM:SS]] [model ...]   (through ./run)
"""
import argparse
import datetime
import hashlib
import json
import os
import sys

import jinja2
import jinja2.ext
import jinja2.nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

# The goldens record jinja2's minor line, not its patch release: Debian's 3.1.2 and PyPI's 3.1.6 render every
# dialog and construct here alike (checked), so the check passes with either.
JINJA2_LINE = ".".join(jinja2.__version__.split(".")[:2])

MODELS = ["llama3", "qwen3", "deepseek_v3", "gemma3"]
TRANSFORMERS_REFERENCE = ("huggingface/transformers chat_template_utils.py at "
                          "5e43e2e892453b405ce6d2cb94387b3a3213f30a (4.4x line)")
SPECIAL_TOKEN_KEYS = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"]

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)
SHARED = os.environ.get("TOKENLAB_SHARED") or os.path.join(TESTDATA, "..", "..", "shared")


class GenerationTag(jinja2.ext.Extension):
    """transformers' {% generation %}...{% endgeneration %}: with tracking off, the body as is."""
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_body"), [], [], body).set_lineno(lineno)

    def _body(self, caller):
        return caller()


def environment(clock):
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return clock.strftime(format)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[GenerationTag, jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def token_text(value):
    return value["content"] if isinstance(value, dict) else value


def special_tokens(config):
    tokens = {}
    for key in SPECIAL_TOKEN_KEYS:
        value = config.get(key)
        if value:
            tokens[key] = token_text(value)
    extra = config.get("additional_special_tokens")
    if extra:
        tokens["additional_special_tokens"] = [token_text(t) for t in extra]
    for key, value in (config.get("extra_special_tokens") or {}).items():
        tokens[key] = token_text(value)
    return tokens


def render(template, tokens, dialog):
    variables = dict(tokens)
    variables.update(dialog.get("vars", {}))
    try:
        text = template.render(messages=dialog["messages"], tools=dialog.get("tools"), documents=None,
                               add_generation_prompt=dialog["add_generation_prompt"], **variables)
        return {"dialog": dialog["name"], "text": text}
    except Exception as e:  # the template's own refusals and Python's errors alike are goldens
        return {"dialog": dialog["name"], "error": {"type": type(e).__name__, "message": str(e)}}


def render_constructs(env, clock, out_dir):
    with open(os.path.join(TESTDATA, "chat", "constructs.json"), encoding="utf-8") as f:
        spec = json.load(f)
    meta = {"generator": "testdata/generate/chat-golden.py",
            "renderer": f"jinja2 {JINJA2_LINE} as transformers sets it up ({TRANSFORMERS_REFERENCE})",
            "strftime_now": clock.isoformat(), "vars": "the vars of testdata/chat/constructs.json"}
    records = [{"meta": meta}]
    for construct in spec["constructs"]:
        try:
            records.append({"construct": construct["name"], "text": env.from_string(construct["template"]).render(**spec["vars"])})
        except Exception as e:  # a construct the environment refuses is a golden too
            records.append({"construct": construct["name"], "error": {"type": type(e).__name__, "message": str(e)}})
    write_jsonl(os.path.join(out_dir, "constructs.jsonl"), records)
    print(f"chat-golden: constructs: {len(records) - 1} snippets")


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def render_dialogs(env, clock, models_dir, models, dialogs_file, out_dir):
    """Every dialog of dialogs_file rendered with each model's template into out_dir/<model>.jsonl."""
    with open(os.path.join(TESTDATA, "chat", dialogs_file), encoding="utf-8") as f:
        dialogs = json.load(f)["dialogs"]
    os.makedirs(out_dir, exist_ok=True)
    for model in models:
        path = os.path.join(models_dir, model, "tokenizer_config.json")
        with open(path, "rb") as f:
            raw = f.read()
        config = json.loads(raw)
        template = env.from_string(config["chat_template"])
        tokens = special_tokens(config)
        meta = {
            "generator": "testdata/generate/chat-golden.py",
            "renderer": f"jinja2 {JINJA2_LINE} as transformers sets it up ({TRANSFORMERS_REFERENCE})",
            "model": model,
            "dialogs": f"testdata/chat/{dialogs_file}",
            "tokenizer_config": f"../shared/models/hf/{model}/tokenizer_config.json",
            "tokenizer_config_sha256": hashlib.sha256(raw).hexdigest(),
            "strftime_now": clock.isoformat(),
            "special_tokens": tokens,
        }
        if dialogs_file == "dialogs.json":
            del meta["dialogs"]  # the first goldens' meta records, unchanged
        records = [{"meta": meta}] + [render(template, tokens, d) for d in dialogs]
        write_jsonl(os.path.join(out_dir, f"{model}.jsonl"), records)
        errors = sum(1 for r in records if "error" in r)
        print(f"chat-golden: {dialogs_file}: {model}: {len(dialogs)} dialogs, {errors} refused")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--date", default="2024-07-26T00:00:00", help="the fixed clock of strftime_now")
    parser.add_argument("models", nargs="*", default=MODELS)
    args = parser.parse_args()
    clock = datetime.datetime.fromisoformat(args.date)
    models_dir = os.path.join(SHARED, "models", "hf")
    if not os.path.isdir(models_dir):
        if os.environ.get("CI") == "true":
            sys.exit(f"chat-golden: {models_dir} is missing (CI needs ../shared)")
        print("chat-golden: ../shared/models/hf not found; chat golden files not regenerated")
        return
    env = environment(clock)
    out_dir = os.path.join(TESTDATA, "golden", "chat")
    render_dialogs(env, clock, models_dir, args.models, "dialogs.json", out_dir)
    # The held-out dialogs (written after the engine, never used to develop it): tokenlab chat's acceptance check.
    render_dialogs(env, clock, models_dir, args.models, "heldout-dialogs.json", os.path.join(TESTDATA, "golden", "chat-heldout"))
    if args.models == MODELS:
        render_constructs(env, clock, out_dir)


if __name__ == "__main__":
    main()
