#!/usr/bin/env bash
# Clone the public repositories that measure-real-code.py, checkov-suite.py and
# sadcloud.sh read, into CORPUS (default ./corpus, which .gitignore does not cover: pick a
# directory outside this repository, e.g. ../tfscan-corpus).
#
#   scripts/fetch-corpus.sh [CORPUS]
#
# Each is a shallow clone of the default branch, so the numbers move as the repositories
# do; scripts/README.md records the commits the committed baselines were measured on.
# The clones keep their .git directory: tfscan reads a module source such as `../../`
# only inside the git repository that holds the scanned directory, which is how the
# terraform-aws-modules examples call the module they demonstrate.
set -euo pipefail

corpus=${1:-${CORPUS:-corpus}}
mkdir -p "$corpus"

repos=(
  terraform-aws-modules/terraform-aws-vpc
  terraform-aws-modules/terraform-aws-security-group
  terraform-aws-modules/terraform-aws-s3-bucket
  terraform-aws-modules/terraform-aws-rds
  terraform-aws-modules/terraform-aws-eks
  terraform-aws-modules/terraform-aws-iam
  terraform-aws-modules/terraform-aws-lambda
  bridgecrewio/terragoat
  nccgroup/sadcloud
  bridgecrewio/checkov
)

for repo in "${repos[@]}"; do
  dir="$corpus/${repo#*/}"
  if [ -d "$dir/.git" ]; then
    echo "have $dir ($(git -C "$dir" rev-parse --short HEAD))"
    continue
  fi
  git clone --quiet --depth 1 "https://github.com/$repo.git" "$dir"
  echo "cloned $dir ($(git -C "$dir" rev-parse --short HEAD))"
done
