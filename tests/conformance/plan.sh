#!/usr/bin/env bash
# Plans every conformance case with the real Terraform CLI and the local AWS provider
# mirror (offline), writing reduced plans to OUT (default: tests/conformance/plans).
# Usage: tests/conformance/plan.sh [OUT [CASE...]]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/plans}"
shift || true
mirror="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
mkdir -p "$out"
command -v terraform >/dev/null || { echo "terraform not on PATH" >&2; exit 2; }
[ -d "$mirror" ] || { echo "no provider mirror at $mirror" >&2; exit 2; }

plan_case() {
  local case_dir="$1" name work args=()
  name="$(basename "$case_dir")"
  work="$(mktemp -d)"
  cp -r "$case_dir"/. "$work"/
  cp "$here/provider.tf.txt" "$work/zz_provider.tf"
  if [ -f "$work/case.json" ]; then
    while IFS= read -r a; do args+=("$a"); done < <(python3 -c '
import json,sys
c=json.load(open(sys.argv[1]))
for v in c.get("vars", []): print("-var=" + v)
for f in c.get("var_files", []): print("-var-file=" + f)
' "$work/case.json")
  fi
  local ws
  ws="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("workspace","default"))' "$work/case.json" 2>/dev/null || echo default)"
  (
    cd "$work"
    export TF_IN_AUTOMATION=1 TF_CLI_CONFIG_FILE=/dev/null
    terraform init -backend=false -input=false -plugin-dir="$mirror" >init.log 2>&1 || { echo "$name: init failed" >&2; cat init.log >&2; exit 1; }
    if [ "$ws" != default ]; then terraform workspace new "$ws" >/dev/null 2>&1 || terraform workspace select "$ws" >/dev/null; fi
    terraform plan -refresh=false -input=false -lock=false -out=tfplan "${args[@]}" >plan.log 2>&1 || { echo "$name: plan failed" >&2; cat plan.log >&2; exit 1; }
    terraform show -json tfplan | python3 "$here/reduce.py" >"$out/$name.json"
  ) || { rm -rf "$work"; return 1; }
  rm -rf "$work"
  echo "planned $name"
}
export -f plan_case
export here out mirror
if [ $# -gt 0 ]; then
  for c in "$@"; do echo "$here/cases/$c"; done
else
  ls -d "$here"/cases/*/
fi | xargs -P 2 -I{} bash -c 'plan_case "$@"' _ {}
