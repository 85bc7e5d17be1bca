"""Rasd: a temporal knowledge graph of armed-conflict events from Arabic news.

``kg`` is the library: the domain model, text handling and extraction. It
knows nothing of Neo4j, rdflib or Streamlit (``loaders/`` and ``app.py`` do).
"""

__version__ = "0.1.0"
