"""The corpus tables, ``entity_catalog`` and ``event_clusters``, as a group-by over ``entities``
and ``events``: their ids are pure functions of content (the same entity or event cluster has
the same id in every article, on every machine), so no shared state is needed, only the SQL
below, in DuckDB or Spark SQL, over the tables however they were made (`lede run`,
:meth:`lede.Pipeline.extract`, :func:`lede.spark.extract`).

The rules are those of `lede run`'s catalog: the canonical name, label, cameo root, event label
and location are the most frequent (over mentions; ties go to the smallest string), aliases and
actors every distinct value sorted, the date the earliest; ``same_as`` links a person named by
surname only to the one full-name person with that surname (the surname key is lede's own,
:func:`surname_key`, registered as a SQL function).

    con = duckdb.connect()
    lede.corpus.register_duckdb(con)              # the surname_key function
    con.sql("CREATE VIEW entities AS SELECT * FROM read_parquet('out/entities/*.parquet')")
    catalog = con.sql(lede.corpus.entity_catalog_sql("duckdb"))

    lede.corpus.register_spark(spark)
    entities.createOrReplaceTempView("entities")
    catalog = spark.sql(lede.corpus.entity_catalog_sql("spark"))
"""

from __future__ import annotations

from typing import Optional

from . import _lede


def surname_key(label: Optional[str], canonical: Optional[str]) -> Optional[str]:
    """lede's surname key of a person's canonical name (None for other labels)."""
    if label is None or canonical is None:
        return None
    return _lede.surname_key(label, canonical)


# The one dialect difference: a sorted list of the distinct values of a column.
_DISTINCT_SORTED = {
    "duckdb": "list_sort(list(DISTINCT {0}))",
    "spark": "array_sort(collect_set({0}))",
}
_EMPTY_LIST = {"duckdb": "[]::VARCHAR[]", "spark": "array()"}


def _mode(key: str, col: str, table: str, where: str = "TRUE") -> str:
    """The most frequent value of ``col`` per ``key`` (ties: the smallest)."""
    return f"""
    SELECT {key}, {col} FROM (
        SELECT {key}, {col}, row_number() OVER (PARTITION BY {key} ORDER BY n DESC, {col}) AS r
        FROM (SELECT {key}, {col}, count(*) AS n FROM {table} WHERE {where} GROUP BY {key}, {col}) c
    ) m WHERE r = 1"""


def entity_catalog_sql(dialect: str = "duckdb", entities: str = "entities") -> str:
    """SQL giving ``entity_catalog`` from the table (or view) ``entities``; needs
    :func:`register_duckdb` / :func:`register_spark` first (``surname_key``)."""
    aliases = _DISTINCT_SORTED[dialect].format("text")
    return f"""
WITH canon AS ({_mode("entity_id", "canonical", entities)}),
lab AS ({_mode("entity_id", "label", entities)}),
agg AS (
    SELECT entity_id, {aliases} AS aliases, count(*) AS n_mentions,
           count(DISTINCT article_id) AS n_articles
    FROM {entities} GROUP BY entity_id
),
cat AS (
    SELECT agg.entity_id, canon.canonical, lab.label, agg.aliases, agg.n_mentions,
           agg.n_articles, surname_key(lab.label, canon.canonical) AS skey,
           instr(trim(canon.canonical), ' ') > 0 AS full_name
    FROM agg JOIN canon ON canon.entity_id = agg.entity_id
             JOIN lab ON lab.entity_id = agg.entity_id
),
fulls AS (
    SELECT skey, min(entity_id) AS id, count(*) AS n FROM cat
    WHERE skey IS NOT NULL AND full_name GROUP BY skey
)
SELECT cat.entity_id, cat.canonical, cat.label, cat.aliases,
       CAST(cat.n_mentions AS BIGINT) AS n_mentions, CAST(cat.n_articles AS BIGINT) AS n_articles,
       CASE WHEN NOT cat.full_name AND fulls.n = 1 THEN fulls.id END AS same_as
FROM cat LEFT JOIN fulls ON fulls.skey = cat.skey
"""


def event_clusters_sql(dialect: str = "duckdb", events: str = "events") -> str:
    """SQL giving ``event_clusters`` from the table (or view) ``events``."""
    actors = _DISTINCT_SORTED[dialect].format("actor")
    return f"""
WITH root AS ({_mode("cluster_id", "cameo_root", events)}),
lab AS ({_mode("cluster_id", "label", events)}),
loc AS ({_mode("cluster_id", "location", events, "location IS NOT NULL")}),
act AS (
    SELECT cluster_id, {actors} AS actors FROM (
        SELECT cluster_id, actor1 AS actor FROM {events}
        UNION ALL SELECT cluster_id, actor2 AS actor FROM {events}
    ) a WHERE actor IS NOT NULL AND actor <> '' GROUP BY cluster_id
),
agg AS (
    SELECT cluster_id, min(date) AS date, count(*) AS n_mentions,
           count(DISTINCT article_id) AS n_articles
    FROM {events} GROUP BY cluster_id
)
SELECT agg.cluster_id, root.cameo_root, lab.label, agg.date, loc.location,
       coalesce(act.actors, {_EMPTY_LIST[dialect]}) AS actors,
       CAST(agg.n_mentions AS BIGINT) AS n_mentions, CAST(agg.n_articles AS BIGINT) AS n_articles
FROM agg JOIN root ON root.cluster_id = agg.cluster_id
         JOIN lab ON lab.cluster_id = agg.cluster_id
         LEFT JOIN loc ON loc.cluster_id = agg.cluster_id
         LEFT JOIN act ON act.cluster_id = agg.cluster_id
"""


def register_duckdb(con) -> None:
    """Registers ``surname_key`` on a DuckDB connection."""
    con.create_function(
        "surname_key", surname_key, ["VARCHAR", "VARCHAR"], "VARCHAR", null_handling="special"
    )


def register_spark(spark) -> None:
    """Registers ``surname_key`` on a Spark session."""
    spark.udf.register("surname_key", surname_key, "string")
