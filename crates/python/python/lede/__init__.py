"""lede in Python: news articles in, the tables `lede run` writes out, as Arrow.

    import lede
    p = lede.Pipeline()                       # loads the models once (built into the wheel)
    tables = p.extract(df, text="body", id="path")
    tables["entities"]                        # a pyarrow.Table, schema lede.schema("entities")

`extract` takes any Arrow data (pyarrow Table or RecordBatch, polars DataFrame, DuckDB
relation: anything with ``__arrow_c_stream__`` or ``__arrow_c_array__``). Each row is one item,
as a file is for `lede run`: ``text`` holds what the file would (plain text, HTML, JSON, JSON
Lines), ``id`` its path. The rows are those `lede run` writes for the same files (same code),
but ``ingested_at`` (the call's time) and ``batch_id`` (0). ``failures`` holds the rows that gave
no article (an empty text, say), as `lede run`'s failures table does.

Spark: :mod:`lede.spark`; Ray: :mod:`lede.ray`; the corpus tables (entity_catalog,
event_clusters) are a group-by over these: see the README.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Optional

from . import _lede

__all__ = ["Pipeline", "schema", "LICENSES_DIR", "TABLES", "SCHEMA_VERSION"]

#: The licences and attributions of the data the built-in models were trained on (the models
#: themselves are compiled into the extension, as into the `lede` binary: not a second copy here).
LICENSES_DIR = Path(__file__).resolve().parent / "data" / "licenses"
#: The tables :meth:`Pipeline.extract` returns (``tokens`` too with ``Pipeline(tokens=True)``).
TABLES = tuple(_lede.TABLES)
SCHEMA_VERSION = _lede.SCHEMA_VERSION


def schema(table: str):
    """The pyarrow schema of a lede table, the one its Parquet files have."""
    return _lede.schema(table)


def default_data_dir() -> Optional[Path]:
    """``$LEDE_DATA`` when set (a folder with ``models/``), else None: the built-in models."""
    env = os.environ.get("LEDE_DATA")
    return Path(env) if env else None


class Pipeline:
    """The models, loaded once; :meth:`extract` runs them over tables of texts on every core."""

    def __init__(self, data_dir: Optional[os.PathLike] = None, tokens: bool = False):
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.tokens = tokens
        self._x = _lede.Extractor(None if self.data_dir is None else str(self.data_dir), tokens)

    def extract(
        self,
        batch,
        text: str = "text",
        id: Optional[str] = None,
        published: Optional[str] = None,
        title: Optional[str] = None,
    ) -> Dict[str, "pyarrow.Table"]:  # noqa: F821
        """Cleans and extracts every row of ``batch``; returns ``{table: pyarrow.Table}``.

        ``text``: the column of the items (string or binary); ``id``: the column of their paths
        (``source_path``); ``published`` (date, timestamp or ``YYYY-MM-DD``) and ``title``:
        columns whose non-null values replace what cleaning finds. The GIL is released while the
        rows are processed.
        """
        return self._x.extract(batch, text, id, published, title)

    def table_names(self):
        return tuple(self._x.table_names())
