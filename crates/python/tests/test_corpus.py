"""The corpus tables as a group-by (lede.corpus, DuckDB) equal lede's own on the sample."""

from __future__ import annotations

import duckdb
import pytest

import lede.corpus
from conftest import assert_same_rows, read_table

SQL = {
    "entity_catalog": ("entities", lede.corpus.entity_catalog_sql),
    "event_clusters": ("events", lede.corpus.event_clusters_sql),
}


@pytest.mark.parametrize("table", sorted(SQL))
@pytest.mark.parametrize("source", ["lede run", "Pipeline.extract"])
def test_group_by_gives_ledes_corpus_table(sample_out, sample_extracted, table, source):
    rows_of, sql = SQL[table]
    rows = read_table(sample_out, rows_of) if source == "lede run" else sample_extracted[rows_of]
    con = duckdb.connect()
    lede.corpus.register_duckdb(con)
    con.register(rows_of, rows)
    want = read_table(sample_out, table)
    assert want.num_rows > 0
    got = con.sql(sql("duckdb")).arrow()
    if hasattr(got, "read_all"):
        got = got.read_all()
    assert got.column_names == want.column_names
    assert_same_rows(got, want, table)
    if table == "entity_catalog":
        assert any(v is not None for v in want["same_as"].to_pylist()), "same_as is tested"


def test_surname_key_is_ledes():
    assert lede.corpus.surname_key("PER", "Martin Luther King Jr.") == "king"
    assert lede.corpus.surname_key("ORG", "Apple Inc.") is None
