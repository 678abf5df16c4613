"""Reads lede's tables the way users do (DuckDB globs, pandas folders) and checks what they hold.

Usage: python3 tests/read_tables.py OUT   (exit status 0 when every check holds)

The tables are read through the `OUT/<table>` links (nothing commits while this runs) and through
the stable read path, `os.path.realpath(OUT/current)/<table>`, which must hold the same rows.
(tests/read_storm.py reads while a daemon commits.)
"""
import os
import sys

import duckdb
import pandas as pd

out = sys.argv[1]
snap = os.path.realpath(os.path.join(out, "current"))
assert os.path.basename(os.path.dirname(snap)) == "snap", f"OUT/current resolves to {snap}"
tables = ["articles", "entities", "mentions", "quotes", "events", "timexes", "entity_catalog", "event_clusters", "failures"]
con = duckdb.connect()
for t in tables:
    n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/{t}/*.parquet')").fetchone()[0]
    df = pd.read_parquet(f"{out}/{t}")
    assert len(df) == n, f"{t}: duckdb sees {n} rows, pandas {len(df)}"
    stable = con.execute(f"SELECT count(*) FROM read_parquet('{snap}/{t}/*.parquet')").fetchone()[0]
    assert stable == n, f"{t}: {n} rows through OUT/{t}, {stable} in {snap}/{t}"
    print(f"{t}: {n} rows")

# Dates are DATE, lists are lists.
kind = con.execute(f"SELECT typeof(published), typeof(credits) FROM read_parquet('{out}/articles/*.parquet') LIMIT 1").fetchone()
assert kind == ("DATE", "VARCHAR[]"), kind

# Offsets are code points: substr in DuckDB gives the mention as written, for every row.
bad = con.execute(f"""
    SELECT count(*) FROM read_parquet('{out}/entities/*.parquet') e
    JOIN read_parquet('{out}/articles/*.parquet') a USING (article_id)
    WHERE substr(a.text, e.start_char + 1, e.end_char - e.start_char) <> e.text
""").fetchone()[0]
assert bad == 0, f"{bad} entity offsets do not match the text"
bad = con.execute(f"""
    SELECT count(*) FROM read_parquet('{out}/quotes/*.parquet') q
    JOIN read_parquet('{out}/articles/*.parquet') a USING (article_id)
    WHERE substr(a.text, q.start_char + 1, q.end_char - q.start_char) <> q.text
""").fetchone()[0]
assert bad == 0, f"{bad} quote offsets do not match the text"
# Python slicing agrees.
art = pd.read_parquet(f"{out}/articles").set_index("article_id")
ent = pd.read_parquet(f"{out}/entities")
for r in ent.head(200).itertuples():
    assert art.loc[r.article_id, "text"][r.start_char:r.end_char] == r.text

# Integers are signed (issue 21): no column of any table is unsigned, and differences go below zero
# in DuckDB (an unsigned column fails with an overflow error) and in pandas (it wraps 0 - 100 to
# 4294967196).
for t in tables:
    for name, kind, *_ in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}/{t}/*.parquet')").fetchall():
        assert not kind.startswith("U"), f"{t}.{name} is {kind}"
        if kind in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT"):
            df = pd.read_parquet(f"{out}/{t}", columns=[name])
            assert df[name].dtype.kind in "if", f"{t}.{name} reads as {df[name].dtype} in pandas"
lowest = con.execute(f"""
    SELECT min(start_char - end_char), min(speaker_start_char - 100000), count(speaker_start_char - 80)
    FROM read_parquet('{out}/quotes/*.parquet')
""").fetchone()
assert lowest[0] < 0 and lowest[1] < 0 and lowest[2] > 0, f"quotes: differences {lowest}"
quotes = pd.read_parquet(f"{out}/quotes")
assert (0 - quotes.start_char).min() < 0 and (quotes.start_char - quotes.end_char).max() < 0
assert (0 - ent.end_char).max() < 0, "pandas: 0 - end_char"

# Every entity id of the mentions is in the catalog, with its counts.
missing = con.execute(f"""
    SELECT count(*) FROM (SELECT DISTINCT entity_id FROM read_parquet('{out}/entities/*.parquet'))
    WHERE entity_id NOT IN (SELECT entity_id FROM read_parquet('{out}/entity_catalog/*.parquet'))
""").fetchone()[0]
assert missing == 0, f"{missing} entity ids missing from entity_catalog"
same = con.execute(f"""
    SELECT count(*) FROM read_parquet('{out}/entity_catalog/*.parquet') c
    JOIN (SELECT entity_id, count(*) n FROM read_parquet('{out}/entities/*.parquet') GROUP BY 1) m USING (entity_id)
    WHERE c.n_mentions <> m.n
""").fetchone()[0]
assert same == 0, "n_mentions in the catalog disagrees with the entities table"
print("ok")
