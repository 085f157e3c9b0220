"""Train the ticket router and save it to the local BentoML model store."""

import bentoml
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import make_pipeline


def main() -> None:
    tickets = pd.read_csv("data/labelled_tickets.csv")
    router = make_pipeline(TfidfVectorizer(sublinear_tf=True), SGDClassifier(loss="log_loss"))
    router.fit(tickets["subject"] + " " + tickets["body"], tickets["queue"])
    saved = bentoml.sklearn.save_model(
        "ticket_router", router, metadata={"queues": sorted(tickets["queue"].unique())}
    )
    print(f"saved {saved.tag}")


if __name__ == "__main__":
    main()
