#!/usr/bin/env python3
"""Cuts an OpenAPI description down to the paths the contract tests use and the components they reference.

    python3 trim.py SOURCE.json OUTPUT.json PATH [PATH ...]

Everything kept is as in the source; only paths not named, components no kept part references, and tags
no kept operation uses are left out.
"""
import json
import sys


def refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                found.add(tuple(value[len("#/components/"):].split("/", 1)))
            else:
                refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def trim(spec, keep_paths):
    missing = [p for p in keep_paths if p not in spec["paths"]]
    if missing:
        sys.exit("not in the source: " + ", ".join(missing))
    out = {k: v for k, v in spec.items() if k not in ("paths", "components", "tags")}
    out["paths"] = {p: spec["paths"][p] for p in keep_paths}
    components = spec.get("components", {})
    kept = set()
    todo = set()
    refs(out["paths"], todo)
    refs(out.get("security", []), todo)
    for scheme in components.get("securitySchemes", {}):
        todo.add(("securitySchemes", scheme))
    while todo:
        item = todo.pop()
        if item in kept:
            continue
        kept.add(item)
        refs(components[item[0]][item[1]], todo)
    out["components"] = {}
    for kind, entries in components.items():
        chosen = {name: value for name, value in entries.items() if (kind, name) in kept}
        if chosen:
            out["components"][kind] = chosen
    if "tags" in spec:
        used = {t for item in out["paths"].values() for op in item.values() if isinstance(op, dict) for t in op.get("tags", [])}
        out["tags"] = [t for t in spec["tags"] if t.get("name") in used]
    return out


if __name__ == "__main__":
    source, output, *paths = sys.argv[1:]
    with open(source) as f:
        spec = json.load(f)
    with open(output, "w") as f:
        json.dump(trim(spec, paths), f, indent=1, ensure_ascii=False)
        f.write("\n")
