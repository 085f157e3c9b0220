from .evaluate import evaluate_model
from .load import load_reviews
from .split import split_reviews
from .train import train_model

__all__ = ["evaluate_model", "load_reviews", "split_reviews", "train_model"]
