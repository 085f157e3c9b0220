"""The peer for benchmarks/endpoint.py: rdflib-endpoint (FastAPI + rdflib) serving the same
N-Quads, with the union of the named graphs as the default graph, as mlopskg does.

    python benchmarks/peer_rdflib_endpoint.py graph.nq 8001

rdflib-endpoint evaluates each query inside its async handler, so queries run one at a
time on the event loop: rdflib is never queried from several threads at once.
"""

from __future__ import annotations

import sys

import rdflib
import uvicorn
from rdflib_endpoint import SparqlEndpoint

if __name__ == "__main__":
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(sys.argv[1], format="nquads")
    app = SparqlEndpoint(graph=dataset, cors_enabled=True)
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
