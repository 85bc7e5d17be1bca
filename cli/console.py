"""Shared output helpers for the ``kg`` commands: one Rich console, clear errors."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

console = Console(stderr=False, highlight=False)
errors = Console(stderr=True, highlight=False)


def fail(message: str, *, code: int = 2) -> NoReturn:
    """Print ``error: message`` to stderr and exit with ``code`` (no traceback)."""
    errors.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)
