"""What the analyst is looking at, as one frozen value that round-trips through URL query params.

Every view follows one :class:`View`: the valid-time window, the record-time
"as of" date, the filters, the language of names and the selection. It is kept
in ``st.session_state`` (it survives reruns) and mirrored in the URL's query
parameters so a view can be shared.

>>> v = View.from_params({"start": "2018-03-01", "end": "2018-03-31", "actors": "isis,sdf",
...                       "lang": "en", "sel": "isis"})
>>> v.start, v.actors, v.selected
(datetime.date(2018, 3, 1), ('isis', 'sdf'), 'isis')
>>> View.from_params(v.to_params()) == v
True
>>> View.from_params({"start": "not a date", "min_sources": "x"}).start is None
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["LANGS", "View"]

LANGS = ("ar", "en")
_LISTS = ("types", "actors", "places", "modalities")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(x for x in (value or "").split(",") if x)


@dataclass(frozen=True)
class View:
    """The window, filters and selection every view of the explorer follows."""

    start: dt.date | None = None
    end: dt.date | None = None
    as_of: dt.date | None = None
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    min_sources: int = 1
    lang: str = "ar"
    selected: str | None = None
    expanded: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> View:
        """A view from URL query parameters; malformed values fall back to the defaults."""
        try:
            min_sources = max(1, int(params.get("min_sources", "1")))
        except ValueError:
            min_sources = 1
        lang = params.get("lang", "ar")
        return cls(start=_date(params.get("start")), end=_date(params.get("end")),
                   as_of=_date(params.get("as_of")),
                   **{k: _list(params.get(k)) for k in _LISTS},
                   min_sources=min_sources, lang=lang if lang in LANGS else "ar",
                   selected=params.get("sel") or None, expanded=_list(params.get("exp")))

    def to_params(self) -> dict[str, str]:
        """The view as URL query parameters (defaults left out).

        >>> View(min_sources=2, types=("Battles",)).to_params()
        {'types': 'Battles', 'min_sources': '2', 'lang': 'ar'}
        """
        out: dict[str, str] = {}
        for key in ("start", "end", "as_of"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value.isoformat()
        for key in _LISTS:
            if getattr(self, key):
                out[key] = ",".join(getattr(self, key))
        if self.min_sources != 1:
            out["min_sources"] = str(self.min_sources)
        out["lang"] = self.lang
        if self.selected:
            out["sel"] = self.selected
        if self.expanded:
            out["exp"] = ",".join(self.expanded)
        return out

    def replace(self, **changes: object) -> View:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
