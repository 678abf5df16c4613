"""`lede.Pipeline.extract` against `lede run`: same schemas, same rows, from every Arrow source."""

from __future__ import annotations

import datetime

import duckdb
import polars as pl
import pyarrow as pa
import pytest

import lede
from conftest import PER_ARTICLE, assert_same_rows, read_table, sorted_rows


@pytest.mark.parametrize("table", PER_ARTICLE + ("failures",))
def test_schema_is_the_parquet_schema(sample_out, sample_extracted, table):
    written = read_table(sample_out, table).schema
    assert lede.schema(table).equals(written, check_metadata=True)
    assert sample_extracted[table].schema.equals(written, check_metadata=True)


@pytest.mark.parametrize("table", PER_ARTICLE)
def test_rows_are_lede_runs(sample_out, sample_extracted, table):
    want = read_table(sample_out, table)
    assert want.num_rows > 0
    assert_same_rows(sample_extracted[table], want, table)


def test_a_changed_article_is_a_different_row(sample_out, pipeline, sample_texts):
    """The comparison can fail: one word changed in one file changes its rows."""
    paths = sample_texts["path"].to_pylist()
    texts = sample_texts["text"].to_pylist()
    i = paths.index("000_cb95377f110488cb.txt")
    texts[i] = texts[i].replace(b"the", b"a", 1)
    changed = pa.table({"path": paths, "text": pa.array(texts, pa.binary())})
    got = pipeline.extract(changed, id="path")["articles"]
    assert sorted_rows(got) != sorted_rows(read_table(sample_out, "articles"))


def test_every_arrow_source_gives_the_same_rows(pipeline, sample_texts, sample_extracted):
    want = sorted_rows(sample_extracted["entities"])
    strings = sample_texts.set_column(
        1, "text", pa.array([b.decode() for b in sample_texts["text"].to_pylist()])
    )
    sources = {
        "pyarrow stream": strings.to_reader(max_chunksize=7),
        "pyarrow batch": strings.to_batches()[0] if strings.num_rows else None,
        "polars": pl.from_arrow(strings),
        "duckdb": duckdb.from_arrow(strings),
    }
    for name, src in sources.items():
        got = pipeline.extract(src, text="text", id="path")["entities"]
        assert sorted_rows(got) == want, name


def test_title_and_published_columns_replace_cleanings():
    p = lede.Pipeline()
    t = pa.table(
        {
            "body": ["Angela Merkel spoke in Berlin on Tuesday.", "Olaf Scholz spoke."],
            "title": ["A title", None],
            "day": pa.array([datetime.date(2021, 5, 4), None], pa.date32()),
        }
    )
    a = p.extract(t, text="body", title="title", published="day")["articles"].to_pylist()
    assert (a[0]["title"], a[0]["published"], a[0]["published_from"]) == (
        "A title",
        datetime.date(2021, 5, 4),
        "metadata",
    )
    assert a[1]["title"] is None and a[1]["published"] is None
    assert a[0]["source_path"] == ""


def test_an_empty_text_is_a_failure_not_a_lost_row(pipeline):
    t = pa.table({"text": ["", None, "Joe Biden visited Paris."], "id": ["a", "b", "c"]})
    out = pipeline.extract(t, id="id")
    assert out["articles"]["source_path"].to_pylist() == ["c"]
    f = out["failures"].to_pylist()
    assert [(r["source_path"], r["stage"]) for r in f] == [("a", "clean"), ("b", "clean")]


def test_bad_input_is_a_clear_error(pipeline):
    with pytest.raises(ValueError, match="no column \"body\""):
        pipeline.extract(pa.table({"text": ["x"]}), text="body")
    with pytest.raises(TypeError, match="Arrow data"):
        pipeline.extract([{"text": "x"}])


def test_the_wheel_has_the_command_line(sample_out):
    import subprocess

    from conftest import lede_command

    out = subprocess.run([lede_command(), "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("lede ")
    status = subprocess.run(
        [lede_command(), "status", "--out", str(sample_out), "--json"],
        capture_output=True,
        text=True,
    )
    assert status.returncode == 0, status.stderr
    bad = subprocess.run([lede_command(), "status"], capture_output=True, text=True)
    assert bad.returncode == 2


def test_the_models_are_in_the_wheel_once(sample_texts):
    """The models are compiled into the extension (as into the binary): the installed package
    holds no second copy as data files, yet loads them with no folder given, and a folder given
    still overrides them."""
    import os
    from pathlib import Path

    package = Path(lede.__file__).parent
    copies = [p.name for p in package.rglob("*.bin")]
    assert copies == [], f"model files installed beside the extension: {copies}"
    assert (lede.LICENSES_DIR / "names_kantrowitz_README").exists()
    os.environ.pop("LEDE_DATA", None)
    rows = lede.Pipeline().extract(sample_texts.slice(0, 3))
    assert rows["articles"].num_rows > 0 and rows["entities"].num_rows > 0
    with pytest.raises(RuntimeError, match="nowhere"):
        lede.Pipeline(data_dir="/nowhere")
