import pandas as pd
from zenml import step


@step
def load_reviews(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path)
    return frame.dropna(subset=["text", "stars"]).assign(positive=lambda f: f["stars"] >= 4)
