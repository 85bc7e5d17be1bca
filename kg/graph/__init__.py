"""Merging extractions across articles into one temporal graph (pure functions, no I/O).

Modules
-------
merge    cross-article event merging: reports → clusters → Event ids
periods  time-scoped relations (CONTROLS, SUPPORTED_BY, …) as periods derived from dated claims
network  networkx views: monthly snapshots, centrality over time, GraphML/GEXF text
"""
