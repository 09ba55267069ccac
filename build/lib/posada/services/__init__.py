"""Use cases: the only writers. Each one loads, locks, applies the domain rule and persists."""
