#!/usr/bin/env python3
"""`just golden`: a snapshot of everything lede outputs, to prove a change leaves outputs alone.

Writes to DIR:
  rows/<table>.jsonl        every row of every table of `lede run data/sample` (a fresh OUT), as
                            JSON with sorted keys, lines sorted; the columns that record when
                            (`ingested_at`, `batch_id`, `failures.at`) are left out
  quotes_polnear_<split>.tsv every quote the pipeline finds on PolNeAR train and dev
                            (`lede eval quotes --dump`)
  eval.txt                  the report of `just eval` (test splits), unless --no-eval

With --against OLD it then compares DIR with OLD file by file (row content, not Parquet bytes) and
exits 1 on any difference, naming the file and the first differing line.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
VOLATILE = {"ingested_at", "batch_id", "at"}
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "data"


def dump_tables(lede: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lede_out = Path(tmp) / "out"
        subprocess.run([lede, "run", str(ROOT / "data" / "sample"), "--out", str(lede_out)],
                       check=True, stdout=subprocess.DEVNULL)
        rows_dir = out / "rows"
        rows_dir.mkdir(parents=True, exist_ok=True)
        for link in sorted(lede_out.iterdir()):
            if link.name.startswith(".") or link.name == "current" or not link.is_dir():
                continue
            files = sorted(Path(os.path.realpath(link)).glob("*.parquet"))
            lines = []
            for f in files:
                for row in pq.read_table(f).to_pylist():
                    row = {k: v for k, v in row.items() if k not in VOLATILE}
                    lines.append(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False))
            lines.sort()
            (rows_dir / f"{link.name}.jsonl").write_text("".join(l + "\n" for l in lines))
            print(f"  {link.name}: {len(lines)} rows")


def dump_quotes(lede: str, out: Path) -> None:
    for split in ["train", "dev"]:
        dump = out / f"quotes_polnear_{split}.tsv"
        report = subprocess.run(
            [lede, "eval", "quotes", "--split", str(POLNEAR / split), "--dump", str(dump)],
            check=True, capture_output=True, text=True).stdout
        (out / f"eval_quotes_polnear_{split}.txt").write_text(report)
        print(f"  PolNeAR {split}: {sum(1 for _ in dump.open())} quotes")


def compare(new: Path, old: Path) -> int:
    names = sorted({p.relative_to(d) for d in (new, old) for p in d.rglob("*") if p.is_file()})
    bad = 0
    for name in names:
        a, b = new / name, old / name
        if not a.exists() or not b.exists():
            print(f"DIFFERENT {name}: only in {'the old' if b.exists() else 'the new'} snapshot")
            bad += 1
            continue
        la, lb = a.read_text().splitlines(), b.read_text().splitlines()
        if la == lb:
            continue
        bad += 1
        first = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
        print(f"DIFFERENT {name}: {len(lb)} -> {len(la)} lines, first at line {first + 1}")
        print(f"  old: {lb[first][:300] if first < len(lb) else '<end>'}")
        print(f"  new: {la[first][:300] if first < len(la) else '<end>'}")
    print(f"{len(names)} files compared: " + ("identical" if bad == 0 else f"{bad} differ"))
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lede", default=str(ROOT / "target" / "release" / "lede"))
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--against", type=Path)
    ap.add_argument("--no-eval", action="store_true")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"golden snapshot in {args.out}")
    dump_tables(args.lede, args.out)
    dump_quotes(args.lede, args.out)
    if not args.no_eval:
        report = subprocess.run(["just", "eval"], cwd=ROOT, check=True, capture_output=True,
                                text=True).stdout
        (args.out / "eval.txt").write_text(report)
        print(report)
    return compare(args.out, args.against) if args.against else 0


if __name__ == "__main__":
    sys.exit(main())
