"""Print a load test's figures per endpoint from locust's CSV (bench/load/run.sh calls it).

usage: python bench/load/summary.py var/load/result_stats.csv
Standard library only: runs with any Python 3.
"""

import csv
import sys


def rows(path: str) -> list[dict]:
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def main(path: str) -> None:
    heading = ("requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms")
    print(f"{'endpoint':<34} " + " ".join(f"{h:>{max(len(h), 6)}}" for h in heading))
    for row in rows(path):
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"{(row['Type'] + ' ' + name).strip()[:34]:<34} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>6.2f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):>6.0f}"
        )


if __name__ == "__main__":
    main(sys.argv[1])
