"""Reduces `terraform show -json` of a plan to what the conformance test compares:
every managed resource instance with its planned values and which of them are unknown."""
import json
import sys


def walk(module, out):
    for r in module.get("resources", []):
        if r.get("mode") == "managed":
            out[r["address"]] = {"values": r.get("values", {})}
    for child in module.get("child_modules", []):
        walk(child, out)


def main():
    plan = json.load(sys.stdin)
    out = {}
    walk(plan.get("planned_values", {}).get("root_module", {}), out)
    for change in plan.get("resource_changes", []):
        addr = change.get("address")
        if addr in out:
            out[addr]["unknown"] = change.get("change", {}).get("after_unknown", {})
    json.dump({"resources": out}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


main()
