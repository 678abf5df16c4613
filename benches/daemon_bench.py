"""Daemon benchmarks (not timed tests): a burst of N articles dropped at once into an idle
`lede watch`, and the latency of one file until its rows are visible in DuckDB.

Usage: python3 benches/daemon_bench.py [--burst 10000] [--latency 30] [--trickle 600]
                                       [--lede target/release/lede]
Prints: time until all burst articles are visible, the daemon's peak RSS, part files per table
before and after `lede compact`, p50/p99 of the single-file latency, and for a trickle (files
arriving steadily) the part files made with `--max-wait 0` and with the default.
"""
import argparse
import glob
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import duckdb

ROOT = pathlib.Path(__file__).resolve().parent.parent


def sample_texts():
    texts = []
    for p in sorted((ROOT / "data/sample").rglob("*")):
        if p.suffix == ".txt":
            texts.append(("txt", p.read_text()))
        elif p.suffix == ".json":
            texts.append(("json", p.read_text()))
    return texts


def variant(kind, text, i):
    """A distinct real article: the sample article with one more sentence."""
    line = f"Update {i}: officials in Brussels said talks would resume on Monday."
    if kind == "json":
        d = json.loads(text)
        d["text"] = d["text"] + "\n\n" + line
        return json.dumps(d)
    return text + "\n\n" + line + "\n"


def drop(inbox, name, content):
    tmp = inbox / (name + ".part")
    tmp.write_text(content)
    os.rename(tmp, inbox / name)


def count(out):
    try:
        return duckdb.execute(f"SELECT count(*) FROM read_parquet('{out}/articles/*.parquet')").fetchone()[0]
    except duckdb.Error:
        return 0


def peak_rss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def parts(out):
    return {t: len(glob.glob(f"{out}/{t}/*.parquet")) for t in ["articles", "entities", "mentions", "quotes", "events", "timexes"]}


def trickle(lede, env, n, rate, max_wait):
    """N files dropped at `rate` per second into an idle daemon: part files made, lag of the last."""
    texts = sample_texts()
    work = pathlib.Path(tempfile.mkdtemp(prefix="lede-trickle-"))
    inbox, out = work / "inbox", work / "out"
    inbox.mkdir()
    args = [lede, "--quiet", "watch", str(inbox), "--out", str(out), "--settle", "0.5",
            "--compact-parts", "1000000"]
    if max_wait is not None:
        args += ["--max-wait", str(max_wait)]
    daemon = subprocess.Popen(args, env=env)
    try:
        while not (out / "articles").exists():
            time.sleep(0.05)
        t0 = time.time()
        for i in range(n):
            kind, text = texts[i % len(texts)]
            drop(inbox, f"trickle_{i:06d}.{kind}", variant(kind, text, 2 * 10**7 + i))
            time.sleep(max(0.0, t0 + (i + 1) / rate - time.time()))
        t_last = time.time()
        while count(out) < n:
            time.sleep(0.05)
        lag = time.time() - t_last
        made = parts(out)["articles"]  # the output folder started empty
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=120)
        shutil.rmtree(work)
    label = "default --max-wait" if max_wait is None else f"--max-wait {max_wait}"
    print(f"trickle ({label}): {n} files at {rate}/s, {made} part files per table, "
          f"last file visible {lag:.2f}s after it was written")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--burst", type=int, default=10000)
    ap.add_argument("--latency", type=int, default=30)
    ap.add_argument("--max-batch", type=int, default=500)
    ap.add_argument("--trickle", type=int, default=600)
    ap.add_argument("--trickle-rate", type=int, default=100)
    ap.add_argument("--lede", default=str(ROOT / "target/release/lede"))
    a = ap.parse_args()
    texts = sample_texts()
    work = pathlib.Path(tempfile.mkdtemp(prefix="lede-bench-"))
    inbox, out = work / "inbox", work / "out"
    inbox.mkdir()
    env = dict(os.environ, LEDE_DATA=str(ROOT / "data"))
    daemon = subprocess.Popen(
        [a.lede, "--quiet", "watch", str(inbox), "--out", str(out), "--settle", "0.5",
         "--max-batch", str(a.max_batch), "--compact-parts", "1000000"],
        env=env,
    )
    try:
        while not (out / "articles").exists():
            time.sleep(0.05)
        # Burst: N files at once (written under temp names, renamed into place).
        t0 = time.time()
        for i in range(a.burst):
            kind, text = texts[i % len(texts)]
            drop(inbox, f"burst_{i:06d}.{kind}", variant(kind, text, i))
        t_written = time.time() - t0
        while count(out) < a.burst:
            time.sleep(0.5)
        t_visible = time.time() - t0
        rss = peak_rss_kb(daemon.pid)
        before = parts(out)
        print(f"burst: {a.burst} articles written in {t_written:.1f}s, all visible in DuckDB after {t_visible:.1f}s "
              f"({a.burst / t_visible:.0f} articles/s); daemon peak RSS {rss / 1024:.0f} MiB; part files per table {before}")
        # Latency: one file into the idle daemon until its row is visible.
        lat = []
        for k in range(a.latency):
            kind, text = texts[k % len(texts)]
            n0 = count(out)
            t0 = time.time()
            drop(inbox, f"latency_{k:04d}.{kind}", variant(kind, text, 10**7 + k))
            while count(out) <= n0:
                time.sleep(0.01)
            lat.append(time.time() - t0)
        lat.sort()
        p50 = lat[len(lat) // 2] if lat else float("nan")
        p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))] if lat else float("nan")
        print(f"latency: {a.latency} single files, drop to visible in DuckDB: p50 {p50:.2f}s p99 {p99:.2f}s "
              f"(settle 0.5s included)")
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=120)
    r = subprocess.run([a.lede, "compact", "--out", str(out)], env=env, capture_output=True, text=True)
    print(r.stdout.strip())
    print(f"part files per table after compaction {parts(out)}; articles {count(out)}")
    shutil.rmtree(work)
    if a.trickle:
        trickle(a.lede, env, a.trickle, a.trickle_rate, 0)
        trickle(a.lede, env, a.trickle, a.trickle_rate, None)


if __name__ == "__main__":
    sys.exit(main())
