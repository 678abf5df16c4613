"""lede inside Ray Data: a callable class for ``Dataset.map_batches`` with pyarrow batches; each
actor loads the models once.

    import lede.ray
    entities = ds.map_batches(
        lede.ray.Extract,
        fn_constructor_kwargs={"table": "entities", "text": "body", "id": "path"},
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=2),
    )
"""

from __future__ import annotations

from typing import Optional

import lede


class Extract:
    """Turns a pyarrow batch of texts into the rows of one lede table (see
    :meth:`lede.Pipeline.extract` for the arguments)."""

    def __init__(
        self,
        table: str = "entities",
        text: str = "text",
        id: Optional[str] = None,
        published: Optional[str] = None,
        title: Optional[str] = None,
        data_dir: Optional[str] = None,
        tokens: bool = False,
    ):
        self.pipeline = lede.Pipeline(data_dir, tokens=tokens)
        if table not in self.pipeline.table_names():
            raise ValueError(f"no table {table!r}: one of {', '.join(self.pipeline.table_names())}")
        self.table = table
        self.columns = dict(text=text, id=id, published=published, title=title)

    def __call__(self, batch):
        return self.pipeline.extract(batch, **self.columns)[self.table]
