"""Price prediction API with Prometheus metrics and a prediction log for drift checks."""

import csv
import time
from pathlib import Path

import joblib
from fastapi import FastAPI
from prometheus_client import Counter, Histogram, make_asgi_app
from pydantic import BaseModel

PREDICTION_LOG = Path("/var/log/predictions/predictions.csv")
FIELDS = ["surface_m2", "rooms", "distance_to_centre_km", "year_built", "prediction", "ts"]

app = FastAPI(title="price-model")
app.mount("/metrics", make_asgi_app())
model = joblib.load("model.joblib")

PREDICTIONS = Counter("price_predictions_total", "Predictions served")
LATENCY = Histogram("price_prediction_seconds", "Time to predict one listing")


class Listing(BaseModel):
    surface_m2: float
    rooms: int
    distance_to_centre_km: float
    year_built: int


@app.post("/predict")
def predict(listing: Listing) -> dict[str, float]:
    with LATENCY.time():
        row = [
            [listing.surface_m2, listing.rooms, listing.distance_to_centre_km, listing.year_built]
        ]
        price = float(model.predict(row)[0])
    PREDICTIONS.inc()
    new_file = not PREDICTION_LOG.exists()
    with PREDICTION_LOG.open("a", newline="") as handle:
        writer = csv.writer(handle)
        if new_file:
            writer.writerow(FIELDS)
        writer.writerow([*row[0], price, time.time()])
    return {"price": price}


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
