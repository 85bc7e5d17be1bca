"""``kg validate FILE``: check an RDF export against ``ontology/shapes.ttl`` (SHACL, pyshacl)."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.console import console, errors, fail

FILE = typer.Argument(..., exists=True, dir_okay=False, readable=True, show_default=False,
                      help="An RDF file: .trig, .nq, .ttl, .jsonld (as written by `kg export rdf`).")
FORMAT = typer.Option(None, "--format", "-f",
                      help="rdflib format name (trig, nquads, turtle, json-ld, nt, xml); "
                           "guessed from the extension when left out.")
LIMIT = typer.Option(50, "--limit", help="Show at most this many violations.")


def validate_command(file: Path = FILE, fmt: str | None = FORMAT, limit: int = LIMIT) -> None:
    """Validate an RDF export with the SHACL shapes (and the ontology for subclasses and schemes).

    The named graphs of a dataset are validated together. Prints a summary and one line per
    violation (focus node, property, message, value); exits with status 1 when the file does
    not conform, 2 when it cannot be read.
    """
    from loaders.rdf.validate import UnknownFormat, load_union, validate_graph

    try:
        data = load_union(file, fmt)
    except UnknownFormat as exc:
        fail(f"{exc}; give --format")
    except Exception as exc:  # rdflib raises many parser errors; name the file and the reason
        fail(f"cannot parse {file} as RDF: {type(exc).__name__}: {str(exc).strip()[:300]}")
    with console.status(f"validating {len(data):,} triples with SHACL …"):
        report = validate_graph(data)
    if report.conforms:
        console.print(f"[green]conforms[/]: {file} ({report.triples:,} triples) "
                      "satisfies ontology/shapes.ttl")
        return
    n = len(report.violations)
    errors.print(f"[bold red]does not conform[/]: {file} ({report.triples:,} triples), "
                 f"{n} violation{'s' if n != 1 else ''}", markup=True)
    for v in report.violations[:limit]:
        errors.print(f"  - {v.line()}", markup=False, soft_wrap=True)
    if n > limit:
        errors.print(f"  … and {n - limit} more (use --limit)")
    raise typer.Exit(1)
