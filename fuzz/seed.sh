#!/usr/bin/env bash
# Seeds the fuzz corpora from terraform-samples/ (run from the repository root):
# every sample .tf file for scan_bytes, every CIDR-looking string for cidr, every
# policy-looking JSON document for policy. The corpora are not committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
samples="$here/../terraform-samples"
mkdir -p "$here/corpus/scan_bytes" "$here/corpus/structured" "$here/corpus/cidr" "$here/corpus/policy" \
  "$here/corpus/config" "$here/corpus/tfvars" "$here/corpus/plan"
find "$samples" -name '*.tf' -print0 | while IFS= read -r -d '' f; do
  cp "$f" "$here/corpus/scan_bytes/$(sha1sum "$f" | cut -c1-16)"
done
{ grep -rhoE '"[0-9a-fA-F:.]+/[0-9]+"' "$samples" || true; } | tr -d '"' | sort -u | while read -r c; do
  printf '%s' "$c" > "$here/corpus/cidr/$(printf '%s' "$c" | sha1sum | cut -c1-16)"
done
# Heredoc and jsonencode policies are HCL, not JSON; the documents in the samples'
# JSON strings are enough to start from.
{ grep -rhoE '\{"Version"[^'"'"']*\}' "$samples" || true; } | sort -u | while read -r p; do
  printf '%s' "$p" > "$here/corpus/policy/$(printf '%s' "$p" | sha1sum | cut -c1-16)"
done
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' > "$here/corpus/policy/admin"

printf '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::b/*"],"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}]}' > "$here/corpus/policy/principal"
printf '{"Statement":{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:iam::*:role/x"}}' > "$here/corpus/policy/not"
printf '{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"},{"Effect":"Deny","Action":"iam:PassRole","Resource":"*"}]}' > "$here/corpus/policy/escalation"
# Configuration files: the template `tfscan init-config` writes, and a few settings.
printf 'fail-on = "high"\nexclude = ["examples/**"]\nvar-file = ["prod.tfvars"]\nmax-expression-depth = 50\n[severity-overrides]\naws-vpc-sg-no-description = "low"\n' > "$here/corpus/config/settings"
# tfvars: the first byte picks HCL (even) or JSON (odd).
printf '\0a = "x"\nb = 22\nc = ["0.0.0.0/0"]\n' > "$here/corpus/tfvars/hcl"
printf '\1{"a": "x", "b": 22, "c": ["0.0.0.0/0"]}' > "$here/corpus/tfvars/json"
for f in "$here"/../tests/plans/*.json; do
  cp "$f" "$here/corpus/plan/$(basename "$f")"
done
echo "seeded: $(ls "$here/corpus/scan_bytes" | wc -l) scan_bytes, $(ls "$here/corpus/cidr" | wc -l) cidr, $(ls "$here/corpus/policy" | wc -l) policy"
