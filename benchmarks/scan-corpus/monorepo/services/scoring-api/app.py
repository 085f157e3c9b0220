"""Churn scoring API: loads the champion model from the MLflow Model Registry."""

import os

import mlflow.pyfunc
import pandas as pd
from flask import Flask, jsonify, request

MODEL_URI = os.environ.get("MODEL_URI", "models:/churn-classifier@champion")

app = Flask(__name__)
model = mlflow.pyfunc.load_model(MODEL_URI)


@app.post("/score")
def score():
    customers = pd.DataFrame(request.get_json()["customers"]).set_index("customer_id")
    probabilities = model.predict(customers)
    return jsonify(
        {"scores": dict(zip(customers.index.astype(str), map(float, probabilities), strict=True))}
    )


@app.get("/healthz")
def healthz():
    return {"model": MODEL_URI}
