"""Draw the hand-checked event sample of issue 18 (see README.md beside this file).

usage: python draw.py OUT_DIR RUN_NAME > RUN_NAME.tsv

OUT_DIR is the output folder of `lede run` over the PolNeAR test texts. The script draws 100 events
at random with a fixed seed (18) among all the events of the run, sorted by (article, event id)
first so that the draw depends only on the run's output, and writes one TSV row per event: the
sentence around the trigger (the trigger marked [[like this]]), what lede coded, and empty columns
for the four judgements of RUBRIC.md (code_ok, source_ok, target_ok, happened_ok: y, n or na) and a
note. Needs duckdb (the project's .venv has it).
"""

import csv
import glob
import random
import re
import sys

import duckdb

SEED = 18
N = 100


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end): from the last sentence end or line break before it to
    the next one after it, the trigger marked."""
    left = 0
    for m in re.finditer(r"[.!?][\"'”’)]*\s+|\n", text[:start]):
        left = m.end()
    m = re.search(r"[.!?][\"'”’)]*(\s|$)|\n", text[end:])
    right = end + m.end() if m else len(text)
    s = text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]
    return " ".join(s.split())


def main() -> None:
    out, name = sys.argv[1], sys.argv[2]
    ev = glob.glob(out + "/events/**/*.parquet", recursive=True)
    ar = glob.glob(out + "/articles/**/*.parquet", recursive=True)
    rows = duckdb.sql(
        f"""select e.article_id, e.event_id, a.source_path, a.text, e.trigger_start_char,
                   e.trigger_end_char, e.cameo_code, e.label, e.actor1, e.actor1_code, e.actor2,
                   e.actor2_code, e.negated, e.modality
            from read_parquet({ev!r}) e join read_parquet({ar!r}) a using (article_id)
            order by e.article_id, e.event_id"""
    ).fetchall()
    picked = random.Random(SEED).sample(range(len(rows)), min(N, len(rows)))
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    w.writerow(
        ["run", "n", "file", "event_id", "sentence", "cameo_code", "label", "actor1",
         "actor1_code", "actor2", "actor2_code", "negated", "modality",
         "code_ok", "source_ok", "target_ok", "happened_ok", "note"]
    )
    for n, i in enumerate(sorted(picked), 1):
        (_, eid, path, text, s, e, code, label, a1, c1, a2, c2, neg, mod) = rows[i]
        file = path.rsplit("/", 1)[-1]
        w.writerow(
            [name, n, file, eid, sentence_around(text, s, e), code, label, a1 or "", c1 or "",
             a2 or "", c2 or "", str(neg).lower(), mod, "", "", "", "", ""]
        )


if __name__ == "__main__":
    main()
