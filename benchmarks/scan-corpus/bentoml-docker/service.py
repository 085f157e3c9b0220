"""The ticket triage HTTP service."""

import bentoml
from pydantic import BaseModel


class Ticket(BaseModel):
    subject: str
    body: str


@bentoml.service(resources={"cpu": "1"}, traffic={"timeout": 5, "max_concurrency": 32})
class TicketTriage:
    router_model = bentoml.models.get("ticket_router:latest")

    def __init__(self) -> None:
        self.router = bentoml.sklearn.load_model(self.router_model)

    @bentoml.api
    def route(self, tickets: list[Ticket]) -> list[dict]:
        texts = [f"{ticket.subject} {ticket.body}" for ticket in tickets]
        queues = self.router.predict(texts)
        confidence = self.router.predict_proba(texts).max(axis=1)
        return [
            {"queue": queue, "confidence": round(float(score), 3)}
            for queue, score in zip(queues, confidence, strict=True)
        ]
