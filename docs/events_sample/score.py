"""Precision of each judgement of the hand-checked event samples (see README.md, RUBRIC.md).

usage: python score.py before.tsv after.tsv
"""

import csv
import sys


def score(path: str) -> dict:
    rows = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"))
    out = {"events": len(rows)}
    for col in ["code_ok", "source_ok", "target_ok", "happened_ok"]:
        judged = [r[col] for r in rows if r[col] in ("y", "n")]
        out[col] = (judged.count("y"), len(judged))
    out["all_four"] = (
        sum(all(r[c] == "y" for c in ["code_ok", "source_ok", "target_ok", "happened_ok"]) for r in rows),
        len(rows),
    )
    return out


def main() -> None:
    runs = {p: score(p) for p in sys.argv[1:]}
    cols = ["code_ok", "source_ok", "target_ok", "happened_ok", "all_four"]
    print("| judgement | " + " | ".join(runs) + " |")
    print("|---|" + "---|" * len(runs))
    for c in cols:
        cells = []
        for s in runs.values():
            y, n = s[c]
            cells.append(f"{100 * y / n:.0f}% ({y}/{n})" if n else "-")
        print(f"| {c} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
