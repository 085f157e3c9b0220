#!/usr/bin/env bash
set -euo pipefail
zenml integration install mlflow sklearn -y
zenml experiment-tracker register mlflow_tracker --flavor=mlflow \
  --tracking_uri="${MLFLOW_TRACKING_URI:-http://mlflow.internal:5000}" \
  --tracking_username="${MLFLOW_TRACKING_USERNAME}" --tracking_password="${MLFLOW_TRACKING_PASSWORD}"
zenml stack register sentiment_stack -o default -a default -e mlflow_tracker --set
