"""A KServe custom predictor that returns churn probabilities with SHAP explanations."""

import argparse
import pickle
from pathlib import Path

import shap
from kserve import Model, ModelServer, model_server


class ChurnModel(Model):
    def __init__(self, name: str, model_dir: str) -> None:
        super().__init__(name)
        self.model_dir = Path(model_dir)
        self.load()

    def load(self) -> bool:
        with open(self.model_dir / "model.pkl", "rb") as handle:
            self.classifier = pickle.load(handle)
        self.explainer = shap.TreeExplainer(self.classifier)
        self.ready = True
        return self.ready

    def predict(self, payload: dict, headers: dict | None = None) -> dict:
        rows = payload["instances"]
        probabilities = self.classifier.predict_proba(rows)[:, 1]
        contributions = self.explainer.shap_values(rows)
        return {
            "predictions": probabilities.tolist(),
            "explanations": [list(map(float, row)) for row in contributions],
        }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(parents=[model_server.parser])
    parser.add_argument("--model_dir", default="/mnt/models")
    args, _ = parser.parse_known_args()
    ModelServer().start([ChurnModel(args.model_name, args.model_dir)])
