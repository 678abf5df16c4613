"""Fixtures of the package's tests: `lede run` (the wheel's own command line) on the sample, and
the sample's files as a table of texts, one row per file, as `lede run` reads them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import lede

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample"
#: Columns that differ by nature between two runs: when and in which batch a row was written.
PER_RUN = {"ingested_at", "batch_id"}
PER_ARTICLE = ("articles", "entities", "mentions", "quotes", "events", "timexes")


def lede_command() -> str:
    """The `lede` script the wheel installed beside this Python."""
    exe = Path(sys.executable).parent / "lede"
    found = str(exe) if exe.exists() else shutil.which("lede")
    assert found, "the wheel's `lede` command is not installed"
    return found


def run_lede(inbox: Path, out: Path) -> None:
    subprocess.run(
        [lede_command(), "--quiet", "run", str(inbox), "--out", str(out), "--settle", "0"],
        check=True,
    )


def read_table(out: Path, table: str) -> pa.Table:
    """A table `lede run` wrote, as its Parquet readers see it."""
    files = sorted((out / table).resolve().glob("*.parquet"))
    assert files, f"lede run wrote no {table}"
    return pa.concat_tables([pq.read_table(f) for f in files])


def freeze(v):
    if isinstance(v, dict):
        return tuple(sorted((k, freeze(x)) for k, x in v.items()))
    if isinstance(v, list):
        return tuple(freeze(x) for x in v)
    return v


def sorted_rows(table: pa.Table, drop=PER_RUN):
    """The rows of ``table`` but the per-run columns, sorted: what two runs must agree on."""
    keep = [c for c in table.column_names if c not in drop]
    rows = [freeze(r) for r in table.select(keep).to_pylist()]
    return sorted(rows, key=repr)


def sample_files(inbox: Path = SAMPLE):
    """(relative path, bytes) of every file of the inbox, as `lede run` sees it."""
    return [
        (p.relative_to(inbox).as_posix(), p.read_bytes())
        for p in sorted(inbox.rglob("*"))
        if p.is_file()
    ]


def texts_table(files) -> pa.Table:
    """One row per file: its bytes (``text``, binary) and its path (``path``)."""
    return pa.table(
        {
            "path": pa.array([p for p, _ in files], pa.string()),
            "text": pa.array([b for _, b in files], pa.binary()),
        }
    )


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lede") / "out"
    run_lede(SAMPLE, out)
    return out


@pytest.fixture(scope="session")
def sample_texts() -> pa.Table:
    return texts_table(sample_files())


@pytest.fixture(scope="session")
def pipeline() -> lede.Pipeline:
    return lede.Pipeline()


@pytest.fixture(scope="session")
def sample_extracted(pipeline, sample_texts):
    return pipeline.extract(sample_texts, text="text", id="path")


def assert_same_rows(got: pa.Table, want: pa.Table, table: str) -> None:
    g, w = sorted_rows(got), sorted_rows(want)
    assert len(g) == len(w), f"{table}: {len(g)} rows, lede run wrote {len(w)}"
    for a, b in zip(g, w):
        assert a == b, f"{table}: first differing row\n got  {a}\n want {b}"

