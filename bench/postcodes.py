"""How long locating postcodes in the ONS Postcode Directory takes, and the memory it needs: the
cost behind L08 (distance from home) and the child's page's "Distance from home".

    .venv/bin/python bench/postcodes.py [--postcodes 2000]

Picks the given number of real postcodes spread over every letter of the directory (as a council
whose children are placed all over the country would have), then times grid_references() on them
cold (each letter's file read once) and warm (all remembered), and the peak memory of the cold
call (tracemalloc, so the timing of that run is reported separately, without it).
"""

import argparse
import os
import random
import string
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postcodes", type=int, default=2000)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    import django

    django.setup()
    from hearth.people import geography

    rng = random.Random(1)
    per_letter = max(1, options.postcodes // 22)
    sample = []
    for letter in string.ascii_uppercase:
        codes = [code for code, _ in geography.located_postcodes(letter)]
        sample += rng.sample(codes, min(per_letter, len(codes)))
    print(f"{len(sample)} postcodes across {len({c[0] for c in sample})} letters")

    geography._found.clear()
    started = time.perf_counter()
    located = geography.grid_references(sample)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    geography.grid_references(sample)
    warm = time.perf_counter() - started
    geography._found.clear()
    tracemalloc.start()
    geography.grid_references(sample)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"located {sum(1 for v in located.values() if v)} of {len(sample)}")
    print(f"cold (every letter read once): {cold:.2f} s")
    print(f"warm (remembered): {warm * 1000:.1f} ms")
    print(f"peak memory of a cold call: {peak / 1e6:.0f} MB; remembered afterwards: {len(geography._found)} postcodes")


if __name__ == "__main__":
    main()
