"""ACLED-layout CSV: one row per event, in ACLED's column names and codes, from paged reads.

Analysts merge our events with ACLED data, so the columns follow ACLED's export layout
(``event_id_cnty`` … ``fatalities``) with one column of ours at the end, ``rasd_event_id``,
leading back to the graph. Codes follow the ACLED codebook:

- ``time_precision``: 1 = day, 2 = a few days around the date (our ``approx``), 3 = month or longer;
- ``inter1``/``inter2``: 1 state forces, 2 rebel groups, 3 political militias, 7 civilians,
  8 external/other forces, 0 none; ``interaction`` = the two codes, smaller first
  (``10 × inter`` for a sole actor);
- ``geo_precision``: 1 the town or site itself, 2 a district around it, 3 a larger region.

``event_id_cnty`` is ACLED-style (country code + number): the ISO 3166 alpha-3 code of the
event's country when we know it (``XXX`` otherwise) and a number derived from the event id,
so the same event keeps its id from one export to the next.

Examples
--------
>>> row = acled_row({"id": "d1/e1", "event_type": "Battles", "sub_event_type": "Armed clash",
...     "date_start": "2018-03-17", "time_precision": "day", "fatalities": 3, "label": None,
...     "agents": [{"name": "ISIS", "type": "ArmedGroup", "id": "isis"}],
...     "targets": [{"name": "SDF", "type": "ArmedGroup", "id": "sdf"}],
...     "location": "Hajin", "place_type": "Town", "latitude": 34.7, "longitude": 40.8,
...     "containers": [{"id": "hajin", "name": "Hajin", "type": "Town"},
...                    {"id": "deir-ez-zor", "name": "Deir ez-Zor", "type": "Governorate"},
...                    {"id": "syria", "name": "Syria", "type": "Country"}],
...     "outlets": ["Enab Baladi"], "evidence": ["اشتباكات"]})
>>> row["event_id_cnty"][:3], row["actor1"], row["inter1"], row["interaction"], row["admin1"]
('SYR', 'ISIS', 2, 22, 'Deir ez-Zor')
>>> row["time_precision"], row["geo_precision"], row["year"], row["notes"]
(1, 1, 2018, 'اشتباكات')
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TextIO

from neo4j import Driver

from loaders.rdf.read import PAGE_SIZE, Window, pages

__all__ = ["COLUMNS", "AcledStats", "acled_row", "export_acled"]

#: ACLED's columns (the ones we can fill), then ours.
COLUMNS: Final = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                  "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
                  "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
                  "source", "source_scale", "notes", "fatalities", "rasd_event_id")

_INTER: Final = {"StateForce": 1, "State": 1, "ArmedGroup": 2, "Militia": 3, "Person": 7,
                 "Organization": 8, "MediaOutlet": 8}
_PRECISION: Final = {"day": 1, "approx": 2, "month": 3, "year": 3}
_GEO: Final = {"Facility": 1, "Village": 1, "Town": 1, "City": 1, "Area": 2, "Subdistrict": 2,
               "District": 2, "Governorate": 3, "Country": 3}
#: Country place ids of the gazetteer → ISO 3166 alpha-3.
_ISO3: Final = {"syria": "SYR", "iraq": "IRQ", "lebanon": "LBN", "turkey": "TUR", "jordan": "JOR",
                "israel": "ISR", "palestine": "PSE", "yemen": "YEM", "libya": "LBY", "egypt": "EGY",
                "iran": "IRN", "saudi-arabia": "SAU", "russia": "RUS", "usa": "USA",
                "united-arab-emirates": "ARE", "qatar": "QAT", "sudan": "SDN", "somalia": "SOM",
                "tunisia": "TUN", "algeria": "DZA", "morocco": "MAR", "afghanistan": "AFG",
                "kuwait": "KWT", "bahrain": "BHR", "oman": "OMN", "france": "FRA",
                "united-kingdom": "GBR", "germany": "DEU"}


@dataclass(frozen=True)
class AcledStats:
    """Rows written."""

    rows: int


def _inter(actors: list[dict[str, Any]]) -> int:
    return _INTER.get(str(actors[0].get("type")), 8) if actors else 0


def acled_row(ev: dict[str, Any]) -> dict[str, Any]:
    """One ``acled_events`` row as an ACLED row (a dict keyed by :data:`COLUMNS`)."""
    agents, targets = ev.get("agents") or [], ev.get("targets") or []
    containers = ev.get("containers") or []
    by_type: dict[str, str] = {}
    for c in containers:
        by_type.setdefault(str(c.get("type")), c.get("name") or c.get("id") or "")
    country_ids = [c["id"] for c in containers if c.get("type") == "Country"]
    cc = _ISO3.get(country_ids[0], "XXX") if country_ids else "XXX"
    number = int(hashlib.sha1(ev["id"].encode("utf-8")).hexdigest()[:12], 16) % 10**8
    i1, i2 = _inter(agents), _inter(targets)
    interaction = 10 * i1 if not i2 else 10 * min(i1, i2) + max(i1, i2) if i1 else 10 * i2
    date = ev.get("date_start") or ""
    lat, lon = ev.get("latitude"), ev.get("longitude")
    notes = ev.get("label") or next(iter(ev.get("evidence") or []), "")
    return {
        "event_id_cnty": f"{cc}{number}",
        "event_date": date,
        "year": int(date[:4]) if date else "",
        "time_precision": _PRECISION.get(ev.get("time_precision") or "", 3),
        "event_type": ev.get("event_type") or "",
        "sub_event_type": ev.get("sub_event_type") or "",
        "actor1": agents[0]["name"] if agents else "",
        "assoc_actor_1": "; ".join(a["name"] for a in agents[1:] if a.get("name")),
        "inter1": i1,
        "actor2": targets[0]["name"] if targets else "",
        "assoc_actor_2": "; ".join(a["name"] for a in targets[1:] if a.get("name")),
        "inter2": i2,
        "interaction": interaction,
        "country": by_type.get("Country", ""),
        "admin1": by_type.get("Governorate", ""),
        "admin2": by_type.get("District", ""),
        "location": ev.get("location") or "",
        "latitude": f"{lat:.4f}" if lat is not None else "",
        "longitude": f"{lon:.4f}" if lon is not None else "",
        "geo_precision": _GEO.get(str(ev.get("place_type")), 3) if lat is not None else "",
        "source": "; ".join(ev.get("outlets") or []),
        "source_scale": "",
        "notes": notes,
        "fatalities": ev.get("fatalities") or 0,
        "rasd_event_id": ev["id"],
    }


def export_acled(driver: Driver, database: str, out: TextIO, *, window: Window | None = None,
                 page_size: int = PAGE_SIZE, progress: Callable[[int], None] | None = None) -> AcledStats:
    """Write the events (in a valid-time window) as ACLED-layout CSV to ``out``."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for page in pages(driver, database, "acled_events", window=window, page_size=page_size):
        writer.writerows(acled_row(ev) for ev in page)
        n += len(page)
        if progress:
            progress(len(page))
    return AcledStats(n)
