#!/usr/bin/env python3
"""Benchmark (issue #3): read + normalise + validate one 100,000-row export.

Generates a fictitious 100,000-row XLSX (title row, standard headers) and a 100,000-row GBK
CSV (county-style synonym headers, amounts in 元, dates 2024年3月5日) with
benchmarks/fake_sources.py, then times gongshi's first three stages on each, in a fresh
process per file so that peak memory (ru_maxrss) is that file's alone.

    python benchmarks/bench_read.py                 # 100,000 rows each
    python benchmarks/bench_read.py --rows 20000    # smaller, quicker

Goal on a 2-core machine: under 15 s each, peak memory under 1.5 GB.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import fake_sources  # noqa: E402

MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from build_scripts import config
from build_scripts.pipeline import _load_penalty_file
pub = config.load(Path(sys.argv[2]))
imported = time.perf_counter()
frames, problems = _load_penalty_file(Path(sys.argv[1]), Path(sys.argv[1]).name, pub, 0)
done = time.perf_counter()
print(json.dumps({"rows": sum(len(f) for f in frames), "errors": sum(p.severity == "error" for p in problems),
                  "warnings": sum(p.severity == "warning" for p in problems),
                  "seconds": round(done - imported, 2), "import_seconds": round(imported - started, 2),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def make_inputs(rows: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    xlsx, csv = folder / f"{rows}-standard.xlsx", folder / f"{rows}-county-gbk.csv"
    if not (xlsx.exists() and csv.exists()):
        units = fake_sources.city_units()
        records = fake_sources.penalty_records(rows, 2025, seed=3, units=units)
        fake_sources.write_xlsx(records, xlsx, "示例市生态环境局行政处罚信息公示表", constant_memory=True)
        fake_sources.write_csv(records, csv, encoding="gbk")
    return [xlsx, csv]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    inputs = make_inputs(args.rows, args.out)
    print(f"inputs ready in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    print("| file | size | rows | errors | warnings | read + normalise + validate | peak memory |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for path in inputs:
        r = subprocess.run([sys.executable, "-c", MEASURE, str(path), str(HERE.parent / "datasets" / "publisher.yml")],
                           capture_output=True, text=True, cwd=HERE.parent)
        if r.returncode:
            print(r.stderr, file=sys.stderr)
            return 1
        m = json.loads(r.stdout)
        print(f"| {path.name} | {path.stat().st_size / 2**20:.1f} MB | {m['rows']:,} | {m['errors']} | {m['warnings']} "
              f"| {m['seconds']:.1f} s | {m['peak_mb']:,} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
