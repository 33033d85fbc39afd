#!/usr/bin/env bash
# Regenerates the committed plan fixtures with the real Terraform CLI and the local AWS
# provider mirror (offline): tests/plans/<name>.plan.json for the showcase and for every
# folder under tests/plans/cases. Usage: tests/plans/generate.sh [OUT [NAME...]]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$here}"
mirror="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
command -v terraform >/dev/null || { echo "terraform not on PATH" >&2; exit 2; }

plan() {
  local name="$1" src="$2" work
  work="$(mktemp -d)"
  cp -r "$src"/. "$work"/
  # An override file merges fake credentials into an existing provider block, or adds one.
  if grep -qs 'provider "aws"' "$work"/*.tf; then
    sed -e '/^#/d' "$repo/tests/conformance/provider.tf.txt" >"$work/zz_provider_override.tf"
  else
    cp "$repo/tests/conformance/provider.tf.txt" "$work/zz_provider.tf"
  fi
  (
    cd "$work"
    export TF_IN_AUTOMATION=1 TF_CLI_CONFIG_FILE=/dev/null
    terraform init -backend=false -input=false -plugin-dir="$mirror" >init.log 2>&1 || { cat init.log >&2; exit 1; }
    terraform plan -refresh=false -input=false -lock=false -out=tfplan >plan.log 2>&1 || { cat plan.log >&2; exit 1; }
    terraform show -json tfplan | python3 -m json.tool --indent 1 >"$out/$name.plan.json"
  )
  rm -rf "$work"
  echo "planned $name"
}

if [ $# -gt 1 ]; then
  shift
  for name in "$@"; do
    if [ "$name" = showcase ]; then plan showcase "$repo/terraform-samples/showcase"; else plan "$name" "$here/cases/$name"; fi
  done
  exit 0
fi
plan showcase "$repo/terraform-samples/showcase"
for d in "$here"/cases/*/; do
  plan "$(basename "$d")" "$d"
done
