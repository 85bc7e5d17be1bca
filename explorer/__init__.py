"""The Rasd explorer's views: small modules that draw, each over plain rows.

``app.py`` wires them together; data comes from :mod:`loaders.neo4j.explore`
(named Cypher in ``cypher/explore_*.cypher``), never from Cypher text here.
Article text is untrusted: :mod:`explorer.text` escapes everything shown.
"""
