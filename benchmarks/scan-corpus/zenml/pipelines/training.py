from steps import evaluate_model, load_reviews, split_reviews, train_model
from zenml import pipeline


@pipeline(enable_cache=True)
def sentiment_training(data_path: str = "data/reviews.csv", c: float = 1.0) -> None:
    reviews = load_reviews(path=data_path)
    train_set, test_set = split_reviews(reviews)
    model = train_model(train_set, c=c)
    evaluate_model(model, test_set)
