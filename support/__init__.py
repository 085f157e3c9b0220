"""Helpers that tests/ and benchmarks/ share (neither imports the other): a private Virtuoso
server, synthetic architecture descriptions."""
