"""lede inside Spark: a DataFrame of texts in, one of lede's tables out, through
``DataFrame.mapInArrow`` (Arrow batches, no row-by-row Python).

    import lede.spark
    entities = lede.spark.extract(df, "entities", text="body", id="path")

Each Python worker process loads the models once (a :class:`lede.Pipeline` cached per process;
Spark reuses its Python workers) and extracts each Arrow batch (``spark.sql.execution.arrow.
maxRecordsPerBatch`` rows, 10,000 by default) on its cores; memory per task is bounded by one
batch and its rows. Each call runs the extraction: to get several tables of the same texts,
cache the input or write each table from its own call.
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

import lede

_PIPELINES: Dict[Tuple[Optional[str], bool], "lede.Pipeline"] = {}


def pipeline(data_dir: Optional[str] = None, tokens: bool = False) -> "lede.Pipeline":
    """The :class:`lede.Pipeline` of this process (loaded on first use, then kept)."""
    key = (data_dir, tokens)
    if key not in _PIPELINES:
        _PIPELINES[key] = lede.Pipeline(data_dir, tokens=tokens)
    return _PIPELINES[key]


def spark_schema(table: str):
    """The Spark schema of a lede table (from its Arrow schema)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(lede.schema(table))


def extract(
    df,
    table: str,
    text: str = "text",
    id: Optional[str] = None,
    published: Optional[str] = None,
    title: Optional[str] = None,
    data_dir: Optional[str] = None,
    tokens: bool = False,
):
    """The rows of ``table`` (``articles``, ``entities``, ``mentions``, ``quotes``, ``events``,
    ``timexes``, ``failures``; ``tokens`` with ``tokens=True``) for the texts of ``df``: a Spark DataFrame with
    exactly the columns (and the Arrow schema) of lede's Parquet table. Arguments as
    :meth:`lede.Pipeline.extract`; ``data_dir`` must exist on the workers (default: the models
    built into the wheel installed there)."""
    if table not in lede.TABLES and not (tokens and table == "tokens"):
        raise ValueError(f"no table {table!r}: one of {', '.join(lede.TABLES)}")
    columns = [c for c in (text, id, published, title) if c is not None]
    data = str(data_dir) if data_dir is not None else None

    def run(batches):
        p = pipeline(data, tokens)
        for batch in batches:
            out = p.extract(batch, text=text, id=id, published=published, title=title)[table]
            yield from out.to_batches()

    return df.select(*dict.fromkeys(columns)).mapInArrow(run, spark_schema(table))
