#!/usr/bin/env python3
"""Renders every snippet of testdata/chat/engine-snippets.json with its vars in the environment chat-golden.py
builds (jinja2 3.1 as transformers sets it up, strftime_now on the fixed 2024-07-26 clock) into
testdata/golden/chat/engine-snippets.jsonl: {"meta"}, then {"snippet", "text"} or {"snippet", "error": {"type",
"message"}} per snippet, in file order.

constructs.json pins one construct per snippet; these snippets pin the Java engine (templates/) further:
hand-written cases, seeded random whitespace-control layouts and seeded random expressions, each kept in the
file only where the engine already agreed with jinja2 when it was written (the file is a regression net, not a
list of open gaps). Each render gets a fresh copy of vars: jinja2's indent filter appends to a list in place.

Usage: python3 chat-engine-golden.py   (through ./run)
"""
import copy
import datetime
import importlib.util
import json
import os
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)


def chat_golden():
    spec = importlib.util.spec_from_file_location("chat_golden", os.path.join(HERE, "chat-golden.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    # Python warns while jinja2 compiles a random expression such as (1)[::2]; the render decides, the warning is noise.
    warnings.simplefilter("ignore", SyntaxWarning)
    cg = chat_golden()
    clock = datetime.datetime.fromisoformat("2024-07-26T00:00:00")
    env = cg.environment(clock)
    with open(os.path.join(TESTDATA, "chat", "engine-snippets.json"), encoding="utf-8") as f:
        spec = json.load(f)
    records = [{"meta": {"generator": "testdata/generate/chat-engine-golden.py",
                         "renderer": f"jinja2 {cg.JINJA2_LINE} as transformers sets it up ({cg.TRANSFORMERS_REFERENCE})",
                         "strftime_now": clock.isoformat(), "vars": "the vars of testdata/chat/engine-snippets.json"}}]
    for snippet in spec["snippets"]:
        try:
            text = env.from_string(snippet["template"]).render(**copy.deepcopy(spec["vars"]))
            records.append({"snippet": snippet["name"], "text": text})
        except Exception as e:  # refusals are goldens too
            records.append({"snippet": snippet["name"], "error": {"type": type(e).__name__, "message": str(e)}})
    cg.write_jsonl(os.path.join(TESTDATA, "golden", "chat", "engine-snippets.jsonl"), records)
    print(f"chat-engine-golden: {len(records) - 1} snippets")


if __name__ == "__main__":
    main()
