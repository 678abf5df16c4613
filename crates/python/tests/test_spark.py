"""lede.spark.extract in a real local Spark session (local[2]) gives `lede run`'s rows, and the
corpus group-by in Spark SQL gives lede's catalog."""

from __future__ import annotations

import os
import sys

import pytest

pyspark = pytest.importorskip("pyspark")

import lede.corpus  # noqa: E402
import lede.spark  # noqa: E402
from conftest import PER_ARTICLE, assert_same_rows, read_table  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("lede-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield s
    s.stop()


@pytest.fixture(scope="module")
def texts(spark, sample_texts):
    return spark.createDataFrame(sample_texts).repartition(2).cache()


def collect(df):
    """A Spark DataFrame as a pyarrow table."""
    return df.toArrow()


@pytest.fixture(scope="module")
def extracted(texts):
    return {t: collect(lede.spark.extract(texts, t, text="text", id="path")) for t in PER_ARTICLE}


@pytest.mark.parametrize("table", PER_ARTICLE)
def test_spark_rows_are_lede_runs(sample_out, extracted, table):
    got = extracted[table]
    assert got.column_names == lede.schema(table).names
    assert_same_rows(got, read_table(sample_out, table), table)


@pytest.mark.parametrize(
    "table,rows_of,sql",
    [
        ("entity_catalog", "entities", lede.corpus.entity_catalog_sql),
        ("event_clusters", "events", lede.corpus.event_clusters_sql),
    ],
)
def test_spark_sql_group_by_gives_ledes_corpus_table(
    spark, sample_out, extracted, table, rows_of, sql
):
    lede.corpus.register_spark(spark)
    spark.createDataFrame(extracted[rows_of]).createOrReplaceTempView(rows_of)
    got = collect(spark.sql(sql("spark")))
    assert_same_rows(got, read_table(sample_out, table), table)
