#!/usr/bin/env bash
set -euo pipefail
region="${AWS_REGION:-eu-west-1}"
repository="$(terraform -chdir=infra output -raw ecr_repository_url)"
aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "${repository%%/*}"
docker build -t "$repository:latest" training
docker push "$repository:latest"
