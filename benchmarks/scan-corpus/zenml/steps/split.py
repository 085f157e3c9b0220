from typing import Annotated

import pandas as pd
from sklearn.model_selection import train_test_split
from zenml import step


@step
def split_reviews(
    reviews: pd.DataFrame, test_size: float = 0.2
) -> tuple[Annotated[pd.DataFrame, "train_set"], Annotated[pd.DataFrame, "test_set"]]:
    train, test = train_test_split(reviews, test_size=test_size, random_state=11)
    return train, test
