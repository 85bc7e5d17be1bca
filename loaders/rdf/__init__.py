"""RDF for partners: the vocabularies of ``ontology/rasd.ttl`` and, later, the exports.

:mod:`loaders.rdf.vocab` holds every namespace in one place: SEM (not shipped with
rdflib), the Rasd ontology as a closed :class:`rdflib.namespace.DefinedNamespace`,
the ACLED and relation-type concept schemes, and :func:`~loaders.rdf.vocab.bind_prefixes`.
The ontology and its SHACL shapes live in ``ontology/`` at the repository root.
"""
