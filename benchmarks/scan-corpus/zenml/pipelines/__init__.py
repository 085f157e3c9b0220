from .training import sentiment_training

__all__ = ["sentiment_training"]
