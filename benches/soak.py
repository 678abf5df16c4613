"""Soak benchmark of issue 14, item 12 (not a timed test): the cost of a one-file batch as the
corpus grows. It builds OUTs of 10k, 100k and 1M small articles (JSONL files of --per-file
articles each, synthesised from the sentences of data/sample with varied names, places,
organisations and dates, so entities and events differ from article to article), then changes one
small file and times `lede run` (wall time and the child's peak RSS, from wait4).

Usage: python3 benches/soak.py [--sizes 10000,100000,1000000] [--lede target/release/lede]
                               [--work /tmp/lede-soak] [--repeat 3] [--per-file 10000]

The same --work folder is reused: the inbox grows from one size to the next (the bigger OUT is the
smaller one plus a backlog, which is what an incremental build of the bigger inbox is), and a second
run with another --lede (e.g. the previous release) and another --out-name builds its own OUT on the
same inbox. The inbox is a few large JSONL files plus the one small changed file: the directory walk
of a `run` is O(inbox files), and that is kept small here on purpose (it is not what is measured).
"""
import argparse
import json
import os
import pathlib
import random
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent

FIRST = ["Anna", "Boris", "Carlos", "Diana", "Emil", "Fatima", "Georg", "Hana", "Ivan", "Julia",
         "Karl", "Leila", "Marco", "Nina", "Omar", "Petra", "Rafael", "Sofia", "Tomas", "Ursula",
         "Viktor", "Wen", "Yusuf", "Zofia", "Lars", "Ingrid", "Pedro", "Maria", "Jonas", "Elena"]
LAST = ["Novak", "Schmidt", "Garcia", "Kowalski", "Rossi", "Haddad", "Lindqvist", "Okafor",
        "Petrov", "Moreau", "Tanaka", "Fischer", "Silva", "Jansen", "Horvat", "Nielsen", "Costa",
        "Weber", "Dubois", "Ivanova", "Kaplan", "Mendes", "Varga", "Berg", "Keller", "Lopez",
        "Marino", "Nowak", "Olsen", "Popescu", "Quinn", "Romero", "Sato", "Toth", "Urban", "Vogel"]
CITIES = ["Berlin", "Paris", "Madrid", "Warsaw", "Rome", "Vienna", "Prague", "Lisbon", "Athens",
          "Oslo", "Helsinki", "Dublin", "Brussels", "Budapest", "Bucharest", "Sofia", "Zagreb",
          "Riga", "Vilnius", "Tallinn", "Kyiv", "Ankara", "Cairo", "Nairobi", "Lagos", "Tokyo",
          "Seoul", "Jakarta", "Manila", "Lima", "Bogota", "Santiago", "Toronto", "Chicago"]
ORGS = ["the European Commission", "NATO", "the United Nations", "the World Bank", "Reuters",
        "the Red Cross", "the central bank", "the finance ministry", "Airbus", "Siemens",
        "the IMF", "the WHO", "the OECD", "Amnesty International", "the African Union"]
VERBS = ["met", "criticised", "praised", "accused", "visited", "called", "thanked", "warned"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sentence_pool():
    """Sentences of the sample articles (text files and the `text` of the JSON ones)."""
    texts = []
    for p in sorted((ROOT / "data/sample").rglob("*")):
        if p.suffix == ".txt":
            texts.append(p.read_text(errors="replace"))
        elif p.suffix == ".json":
            try:
                d = json.loads(p.read_text(errors="replace"))
            except ValueError:
                continue
            for k in ("text", "body", "maintext", "content"):
                if isinstance(d.get(k), str):
                    texts.append(d[k])
                    break
    pool = []
    for t in texts:
        for s in re.split(r"(?<=[.!?])\s+", t):
            s = " ".join(s.split())
            if 6 <= len(s.split()) <= 35:
                pool.append(s)
    return pool


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article(rng, pool, i):
    """A short distinct article: two sample sentences and two with random people, places, dates."""
    a, b = person(rng), person(rng)
    city, org, day = rng.choice(CITIES), rng.choice(ORGS), rng.choice(DAYS)
    lines = [
        f"{a} {rng.choice(VERBS)} {b} in {city} on {day}, officials said.",
        *rng.sample(pool, 2),
        f"\u201cWe will continue the talks,\u201d {a} of {org} told reporters in {city}. (ref {i})",
    ]
    return {
        "title": f"{a} and {b} in {city}",
        "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "text": "\n\n".join(lines),
    }


def ensure_inbox(inbox, n, per_file, pool):
    """Makes the inbox hold exactly the first n synthetic articles (files are deterministic)."""
    bulk = inbox / "bulk"
    bulk.mkdir(parents=True, exist_ok=True)
    n_files = (n + per_file - 1) // per_file
    for f in range(n_files):
        path = bulk / f"part-{f:05d}.jsonl"
        count = min(per_file, n - f * per_file)
        marker = bulk / f".part-{f:05d}.{count}"
        if path.exists() and marker.exists():
            continue
        rng = random.Random(f)
        tmp = bulk / f".part-{f:05d}.tmp"
        with open(tmp, "w") as out:
            for k in range(count):
                out.write(json.dumps(article(rng, pool, f * per_file + k)) + "\n")
        os.rename(tmp, path)
        for old in bulk.glob(f".part-{f:05d}.*"):
            if old != marker:
                old.unlink()
        marker.touch()
    for path in bulk.glob("part-*.jsonl"):
        if int(path.stem.split("-")[1]) >= n_files:
            path.unlink()
    small = inbox / "small"
    small.mkdir(exist_ok=True)
    if not (small / "one.txt").exists():
        write_small(inbox, random.Random(-1), pool, 0)


def write_small(inbox, rng, pool, k):
    a = article(rng, pool, 10**9 + k)
    tmp = inbox / "small" / ".one.txt.tmp"
    tmp.write_text(a["title"] + "\n\n" + a["text"] + "\n")
    os.rename(tmp, inbox / "small" / "one.txt")


def run(lede, inbox, out, env):
    """`lede run` (the build of a backlog); returns (seconds, stdout)."""
    start = time.monotonic()
    # Two 10k-article files per batch: a batch's extractions are held in memory until it commits.
    p = subprocess.run([lede, "run", str(inbox), "--out", str(out), "--settle", "0",
                        "--max-batch", "2"], capture_output=True, env=env)
    if p.returncode != 0:
        sys.exit(f"lede run failed: {p.stderr.decode(errors='replace')}")
    return time.monotonic() - start, p.stdout.decode()


def run_measured(lede, inbox, out, env):
    """A one-file `lede run`: (seconds, peak RSS in MB of that child, from wait4)."""
    args = [lede, "run", str(inbox), "--out", str(out), "--settle", "0"]
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execve(lede, args, env)
    _, status, usage = os.wait4(pid, 0)
    secs = time.monotonic() - start
    if status != 0:
        sys.exit(f"lede run failed with status {status}")
    return secs, usage.ru_maxrss / 1024


def files(out, table):
    try:
        return len([f for f in os.listdir(out / table) if f.endswith(".parquet")])
    except OSError:
        return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--lede", default=str(ROOT / "target/release/lede"))
    ap.add_argument("--work", default="/tmp/lede-soak")
    ap.add_argument("--out-name", default="out", help="OUT folder name under --work")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--per-file", type=int, default=10000)
    args = ap.parse_args()
    lede = str(pathlib.Path(args.lede).resolve())
    work = pathlib.Path(args.work)
    inbox, out = work / "inbox", work / args.out_name
    env = dict(os.environ, LEDE_DATA=str(ROOT / "data"))
    pool = sentence_pool()
    print(f"lede: {lede}\nsentence pool: {len(pool)} sentences from data/sample")
    print(f"{'articles':>9} {'build s':>8} {'art/s':>7} {'1-file s':>9} {'min s':>6} "
          f"{'peak MB':>8} {'parts':>6} {'catalog':>8} {'clusters':>8}")
    built = 0
    for n in [int(s) for s in args.sizes.split(",")]:
        ensure_inbox(inbox, n, args.per_file, pool)
        build_s, _ = run(lede, inbox, out, env)
        rate = (n - built) / build_s if build_s and n > built else 0
        built = n
        times, rss = [], []
        for k in range(args.repeat):
            write_small(inbox, random.Random(n * 100 + k), pool, k + 1)
            s, mb = run_measured(lede, inbox, out, env)
            times.append(s)
            rss.append(mb)
        times.sort()
        print(f"{n:>9} {build_s:>8.1f} {rate:>7.0f} "
              f"{times[len(times) // 2]:>9.3f} {times[0]:>6.3f} {max(rss):>8.0f} "
              f"{files(out, 'articles'):>6} {files(out, 'entity_catalog'):>8} "
              f"{files(out, 'event_clusters'):>8}", flush=True)


if __name__ == "__main__":
    main()
