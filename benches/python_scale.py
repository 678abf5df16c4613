"""One run, side by side, on the same PolNeAR texts and the same cores (issue 20): `lede run`, the
Python API (`lede.Pipeline.extract`), Spark `mapInArrow` (local[N], N partitions) and Ray
`map_batches`: words per second each, and whether each gives `lede run`'s rows (every
per-article table, sorted, but `ingested_at` and `batch_id`).

    .venv/bin/python benches/python_scale.py --texts 1000           # the release wheel installed
    .venv/bin/python benches/python_scale.py --memory-rows 100000   # + a Spark job of repeated texts

Texts: PolNeAR (`../shared/data/polnear/data/{train,dev,test}/text/*.txt`, in that order, sorted),
read as `crates/eval/src/polnear.rs` reads them (whole files, UTF-8). Words: whitespace-separated
words of the texts given (the same count for every engine). Timings are wall clock and exclude
nothing but the copy of the texts: model loading is inside Spark's and Ray's (their workers
load the models), and reported apart for the Python API. With --memory-rows, a Spark job over
that many rows (the texts repeated) writes to the `noop` sink while the peak RSS of the JVM and
of every Python worker is sampled from /proc.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "data"
TABLES = ("articles", "entities", "mentions", "quotes", "events", "timexes")
PER_RUN = {"ingested_at", "batch_id"}


def polnear_texts(n: int):
    """The first ``n`` distinct texts: `lede run` keeps one article per content (a copy of a file
    is the same article, whatever its path), while each row given to Python is an item of its own;
    PolNeAR has one text twice."""
    files, seen, out = [], set(), []
    for split in ("train", "dev", "test"):
        files += sorted((POLNEAR / split / "text").glob("*.txt"))
    for f in files:
        b = f.read_bytes()
        if b not in seen and len(out) < n:
            seen.add(b)
            out.append((f"{f.parent.parent.name}/{f.name}", b))
    return out


def freeze(v):
    if isinstance(v, dict):
        return tuple(sorted((k, freeze(x)) for k, x in v.items()))
    if isinstance(v, list):
        return tuple(freeze(x) for x in v)
    return v


def sorted_rows(t: pa.Table):
    keep = [c for c in t.column_names if c not in PER_RUN]
    return sorted((freeze(r) for r in t.select(keep).to_pylist()), key=repr)


def read_out(out: Path, table: str) -> pa.Table:
    files = sorted((out / table).resolve().glob("*.parquet"))
    return pa.concat_tables([pq.read_table(f) for f in files])


def same(got: dict, want: dict) -> str:
    names = [t for t in TABLES if t in got]
    bad = [t for t in names if sorted_rows(got[t]) != sorted_rows(want[t])]
    rows = sum(want[t].num_rows for t in names)
    return f"identical ({rows} rows of {', '.join(names)})" if not bad else f"DIFFERENT in {bad}"


class PeakRss:
    """Samples the RSS of processes whose command line matches, every 0.2 s; keeps each peak."""

    def __init__(self, match):
        self.match, self.peaks, self.stop = match, {}, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                    kind = self.match(cmd)
                    if not kind:
                        continue
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            kb = int(line.split()[1])
                            key = (kind, pid)
                            self.peaks[key] = max(self.peaks.get(key, 0), kb)
                except OSError:
                    continue
            time.sleep(0.2)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *a):
        self.stop.set()
        self.thread.join()


def spark_kind(cmd: str):
    if "pyspark.daemon" in cmd or "pyspark.worker" in cmd or "pyspark/daemon" in cmd:
        return "python worker"
    if "java" in cmd and "org.apache.spark" in cmd:
        return "jvm"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=1000)
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--memory-rows", type=int, default=0)
    ap.add_argument("--skip", default="", help="comma-separated: spark,ray")
    ap.add_argument("--all-tables", action="store_true", help="Spark and Ray: check all 5 tables (5 jobs)")
    ap.add_argument("--memory-chars", type=int, default=300, help="memory job: characters per text")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    import lede

    texts = polnear_texts(args.texts)
    words = sum(len(b.decode().split()) for _, b in texts)
    table = pa.table({"path": [p for p, _ in texts], "text": pa.array([b for _, b in texts], pa.binary())})
    print(f"{len(texts)} PolNeAR texts, {words} words, {args.cores} cores, lede {lede.__file__}")
    results = []
    work = Path(tempfile.mkdtemp(prefix="lede-scale-"))
    inbox, out = work / "inbox", work / "out"
    for p, b in texts:
        (inbox / p).parent.mkdir(parents=True, exist_ok=True)
        (inbox / p).write_bytes(b)

    lede_cmd = str(Path(sys.executable).parent / "lede")
    t = time.perf_counter()
    subprocess.run([lede_cmd, "--quiet", "run", str(inbox), "--out", str(out), "--settle", "0"], check=True)
    secs = time.perf_counter() - t
    want = {name: read_out(out, name) for name in TABLES}
    results.append(("lede run", secs, "reference"))

    t = time.perf_counter()
    p = lede.Pipeline()
    load = time.perf_counter() - t
    t = time.perf_counter()
    got = p.extract(table, text="text", id="path")
    secs = time.perf_counter() - t
    results.append((f"Python API (+{load:.1f} s model load, apart)", secs, same(got, want)))

    if "spark" not in skip:
        results += spark_runs(args, table, want)
    if "ray" not in skip:
        results += ray_runs(args, table, want)

    print(f"\n{'engine':48} {'seconds':>8} {'words/s':>9} {'of lede run':>11}  rows")
    base = words / results[0][1]
    for name, secs, rows in results:
        wps = words / secs
        print(f"{name:48} {secs:8.1f} {wps:9.0f} {wps / base:10.0%}  {rows}")
    if args.memory_rows:
        spark_memory(args, texts)
    shutil.rmtree(work, ignore_errors=True)


def spark_session(cores: int):
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def spark_runs(args, table, want):
    import lede.spark

    spark = spark_session(args.cores)
    df = spark.createDataFrame(table).repartition(args.cores).cache()
    df.count()
    got = {}
    t = time.perf_counter()
    got["entities"] = lede.spark.extract(df, "entities", text="text", id="path").toArrow()
    secs = time.perf_counter() - t
    for name in TABLES if args.all_tables else ():
        got[name] = lede.spark.extract(df, name, text="text", id="path").toArrow()
    spark.stop()
    name = f"Spark mapInArrow, {args.cores} partitions (models loaded per worker)"
    return [(name, secs, same(got, want))]


def ray_runs(args, table, want):
    import ray

    import lede.ray

    ray.init(num_cpus=args.cores, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    n = table.num_rows // (args.cores * 4) + 1
    ds = ray.data.from_arrow([table.slice(i, n) for i in range(0, table.num_rows, n)])
    got, secs = {}, 0.0
    for name in TABLES if args.all_tables else ("entities",):
        t = time.perf_counter()
        res = ds.map_batches(
            lede.ray.Extract,
            fn_constructor_kwargs={"table": name, "text": "text", "id": "path"},
            batch_format="pyarrow",
            batch_size=64,
            compute=ray.data.ActorPoolStrategy(size=args.cores),
        )
        parts = ray.get(res.to_arrow_refs())
        if name == "entities":
            secs = time.perf_counter() - t
        got[name] = pa.concat_tables([pa.Table.from_batches([], lede.schema(name))] + parts)
    ray.shutdown()
    name = f"Ray map_batches, {args.cores} actors (models loaded per actor)"
    return [(name, secs, same(got, want))]


def spark_memory(args, texts):
    import lede.spark

    spark = spark_session(args.cores)
    n = args.memory_rows
    # Short texts (the start of each, cut at a space), repeated to n rows: the job's size is rows.
    firsts = [b.decode()[: args.memory_chars].rsplit(" ", 1)[0].encode() for _, b in texts]
    rows = pa.table(
        {
            "path": [f"r{i}.txt" for i in range(n)],
            "text": pa.array([firsts[i % len(firsts)] for i in range(n)], pa.binary()),
        }
    )
    words = sum(len(firsts[i % len(firsts)].decode().split()) for i in range(n))
    spark_batch = spark.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch")
    df = spark.createDataFrame(rows).repartition(args.cores)
    with PeakRss(spark_kind) as rss:
        t = time.perf_counter()
        lede.spark.extract(df, "entities", text="text", id="path").write.format("noop").mode("overwrite").save()
        secs = time.perf_counter() - t
    spark.stop()
    py = sorted(((kb, pid) for (kind, pid), kb in rss.peaks.items() if kind == "python worker"), reverse=True)
    jvm = max((kb for (kind, _), kb in rss.peaks.items() if kind == "jvm"), default=0)
    print(f"\nSpark memory job, maxRecordsPerBatch {spark_batch}: {n} rows ({words} words), {secs:.1f} s, {words / secs:.0f} words/s")
    print(f"peak RSS: JVM {jvm / 1024:.0f} MiB; Python workers " + ", ".join(f"{kb / 1024:.0f} MiB" for kb, _ in py[:4]))


if __name__ == "__main__":
    main()
