"""``mlopskg plan``: the smallest explained set of tools that fills an architecture's gaps.

>>> from mlopskg.plan import PlanConstraints
>>> PlanConstraints().severity
'violation'
"""

from mlopskg.plan.model import Candidate, ChosenTool, Exclusion, Gap, Plan, PlanConstraints
from mlopskg.plan.planner import make_plan

__all__ = [
    "Candidate",
    "ChosenTool",
    "Exclusion",
    "Gap",
    "Plan",
    "PlanConstraints",
    "make_plan",
]
