"""Neo4j: the local server, the connection, named Cypher queries and the batched loader.

Modules
-------
server      start, stop and inspect the project's own Neo4j Community server
connection  settings from the environment (``NEO4J_URI`` …) or the local server
queries     Cypher files in ``cypher/`` loaded by name
schema      constraints and indexes, applied idempotently
rows        Extractions turned into parameter rows (pure, no I/O)
loader      batched ``UNWIND $rows … MERGE`` writes in managed transactions, with
            cross-article event merging (kg.graph.merge) and relation periods
            (kg.graph.periods)
named       named read queries: headers parsed, parameters typed, read transactions
explore     the explorer's read-only queries
"""
