"""lede.ray.Extract in a real local Ray runtime (map_batches, pyarrow batches, two actors) gives
`lede run`'s rows."""

from __future__ import annotations

import pyarrow as pa
import pytest

ray = pytest.importorskip("ray")

import lede.ray  # noqa: E402
from conftest import PER_ARTICLE, assert_same_rows, read_table  # noqa: E402


@pytest.fixture(scope="module")
def runtime():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


@pytest.mark.parametrize("table", PER_ARTICLE)
def test_ray_rows_are_lede_runs(runtime, sample_out, sample_texts, table):
    # Four blocks from the start: a repartition would wait for CPUs the two actors hold.
    n = sample_texts.num_rows
    ds = ray.data.from_arrow([sample_texts.slice(i, n // 4 + 1) for i in range(0, n, n // 4 + 1)])
    out = ds.map_batches(
        lede.ray.Extract,
        fn_constructor_kwargs={"table": table, "text": "text", "id": "path"},
        batch_format="pyarrow",
        batch_size=16,
        compute=ray.data.ActorPoolStrategy(size=2),
    )
    got = pa.concat_tables([pa.Table.from_batches([], lede.schema(table))] + [
        t for t in ray.get(out.to_arrow_refs())
    ])
    assert_same_rows(got, read_table(sample_out, table), table)
