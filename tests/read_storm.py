"""Readers polling lede's tables while `lede watch` commits a storm of edits, renames, deletes,
copies and compactions: every read must be exactly one committed snapshot (issue 14, item 4).

    python3 tests/read_storm.py --lede BIN --work DIR [--via stable|link|table-realpath]
                                [--polls N] [--daemon-arg=--keep-snapshots=600 ...]

--via stable          the documented read path: resolve OUT/current once per query
                      (os.path.realpath), then list and open <snapshot>/<table>/*.parquet
--via link            glob through the moving OUT/<table> link (resolved again at every open)
--via table-realpath  resolve OUT/<table> once per query (what users did before OUT/current)
--hold SECS           a slow query: wait up to SECS between resolving and reading

The poll count defaults to $LEDE_STORM_POLLS, else 300. The committed states are read from the
snapshot folders: a watcher thread reads each one as soon as it is renamed into place, and every
folder left at the end is read again. A read is a tear when it fails (an error) or when its rows
(count + checksum of article_id|source_path, and entity rows whose article is missing) are no
committed snapshot's (a mismatch); with --via stable it must also be the very snapshot it resolved.

Prints one JSON line of figures; exit status 0 when there was no tear (or with --expect-tears, when
there was one).
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time

import duckdb
import pyarrow.parquet as pq

ap = argparse.ArgumentParser()
ap.add_argument("--lede", required=True)
ap.add_argument("--work", required=True, help="an empty folder for the inbox and the output")
ap.add_argument("--seeds", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "sample"))
ap.add_argument("--via", choices=["stable", "link", "table-realpath"], default="stable")
ap.add_argument("--polls", type=int, default=int(os.environ.get("LEDE_STORM_POLLS", "300")))
ap.add_argument("--commits", type=int, default=int(os.environ.get("LEDE_STORM_COMMITS", "20")),
                help="and poll until the daemon committed at least this many snapshots")
ap.add_argument("--hold", type=float, default=0.0,
                help="a slow query: each reader waits up to SECS between resolving the path and reading")
ap.add_argument("--daemon-arg", action="append", default=[])
ap.add_argument("--expect-tears", action="store_true")
ap.add_argument("--seed", type=int, default=14)
args = ap.parse_args()

rng = random.Random(args.seed)
inbox = os.path.join(args.work, "inbox")
out = os.path.join(args.work, "out")
snapdir = os.path.join(out, ".lede", "snap")
os.makedirs(inbox, exist_ok=True)

seeds = []
for root, _, names in os.walk(args.seeds):
    for n in sorted(names):
        if n.endswith((".txt", ".json")):
            seeds.append(os.path.join(root, n))
seeds.sort()
assert len(seeds) >= 40, f"the sample corpus: {len(seeds)} files"


def put(name, text):
    """Writes a file the careful way (temp name, rename), as producers do."""
    tmp = os.path.join(inbox, f".{name}.tmp")
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, os.path.join(inbox, name))


def as_text(path):
    """The article as plain text (JSON articles too), so that edits can append a paragraph."""
    raw = open(path, encoding="utf-8", errors="replace").read()
    if path.endswith(".json"):
        d = json.loads(raw)
        return f"{d.get('title', '')}\n\n{d.get('text', '')}\n"
    return raw


texts = [as_text(p) for p in seeds]
for i in range(24):
    put(f"a{i:03}.txt", texts[i])

log = open(os.path.join(args.work, "daemon.log"), "w")
daemon = subprocess.Popen(
    [args.lede, "watch", inbox, "--out", out, "--settle", "0", "--poll", "0.05", "--max-batch", "3",
     "--max-wait", "0", "--compact-parts", "3"] + args.daemon_arg,
    stdout=subprocess.DEVNULL, stderr=log)


def state_of(folder):
    """(rows, checksum of the sorted article_id|source_path, orphan entity rows) of a snapshot folder."""
    a = pq.read_table(os.path.join(folder, "articles"), columns=["article_id", "source_path"])
    e = pq.read_table(os.path.join(folder, "entities"), columns=["article_id"])
    return summarize(a.column("article_id").to_pylist(), a.column("source_path").to_pylist(),
                     e.column("article_id").to_pylist())


def summarize(ids, paths, entity_ids):
    rows = sorted(f"{i}|{p}" for i, p in zip(ids, paths))
    live = set(ids)
    orphans = sum(1 for x in entity_ids if x not in live)
    return (len(rows), hashlib.sha1("\n".join(rows).encode()).hexdigest()[:16], orphans)


states = {}  # version -> state
stop = threading.Event()


def watch_snapshots():
    while not stop.is_set():
        try:
            names = os.listdir(snapdir)
        except FileNotFoundError:
            names = []
        for n in names:
            if n.isdigit() and int(n) not in states:
                try:
                    states[int(n)] = state_of(os.path.join(snapdir, n))
                except Exception:
                    pass  # collected before it could be read (old lede): see `missed`
        time.sleep(0.002)


deadline = time.time() + 120
while not (os.path.exists(os.path.join(out, "articles")) and len([n for n in os.listdir(snapdir) if n.isdigit()]) >= 2):
    assert daemon.poll() is None, open(os.path.join(args.work, "daemon.log")).read()
    assert time.time() < deadline, "the daemon published nothing"
    time.sleep(0.05)

ops = {"edit": 0, "rename": 0, "delete": 0, "copy": 0, "add": 0}


def storm():
    k = 0
    spare = list(range(24, len(texts)))
    while not stop.is_set():
        k += 1
        names = sorted(n for n in os.listdir(inbox) if not n.startswith("."))
        op = rng.choice(["edit", "edit", "rename", "delete", "copy", "add"])
        try:
            if op == "edit" and names:
                n = rng.choice(names)
                put(n, open(os.path.join(inbox, n)).read() + f"\n\nUpdate {k}: the talks went on.\n")
            elif op == "rename" and names:
                n = rng.choice(names)
                os.replace(os.path.join(inbox, n), os.path.join(inbox, f"r{k:05}.txt"))
            elif op == "delete" and len(names) > 8:
                os.remove(os.path.join(inbox, rng.choice(names)))
            elif op == "copy" and names:
                n = rng.choice(names)
                shutil.copyfile(os.path.join(inbox, n), os.path.join(inbox, f".c{k:05}.tmp"))
                os.replace(os.path.join(inbox, f".c{k:05}.tmp"), os.path.join(inbox, f"c{k:05}.txt"))
            elif spare:
                op = "add"
                put(f"n{k:05}.txt", texts[spare.pop()])
            else:
                continue
            ops[op] += 1
        except FileNotFoundError:
            pass
        time.sleep(rng.uniform(0.005, 0.04))


def resolve():
    """The folder holding the tables for one query, and the snapshot version if it is known."""
    if args.via == "stable":
        snap = os.path.realpath(os.path.join(out, "current"))
        return snap, int(os.path.basename(snap))
    if args.via == "table-realpath":
        a = os.path.realpath(os.path.join(out, "articles"))
        return os.path.dirname(a), int(os.path.basename(os.path.dirname(a)))
    return out, None


polls = {"duckdb": 0, "pyarrow": 0}
observations = []  # (reader, version or None, state or None, error or None)
lock = threading.Lock()


first_version = max(int(n) for n in os.listdir(snapdir) if n.isdigit())


def reader(kind):
    con = duckdb.connect() if kind == "duckdb" else None
    while True:
        with lock:
            commits = max(states, default=first_version) - first_version
            if sum(polls.values()) >= args.polls and commits >= args.commits:
                return
            polls[kind] += 1
        folder, version = resolve()
        if args.hold:
            time.sleep(rng.uniform(0, args.hold))
        try:
            if kind == "duckdb":
                rows = con.execute(f"SELECT article_id, source_path FROM read_parquet('{folder}/articles/*.parquet')").fetchall()
                ent = con.execute(f"SELECT article_id FROM read_parquet('{folder}/entities/*.parquet')").fetchall()
                st = summarize([r[0] for r in rows], [r[1] for r in rows], [r[0] for r in ent])
            else:
                a = pq.read_table(os.path.join(folder, "articles"), columns=["article_id", "source_path"])
                e = pq.read_table(os.path.join(folder, "entities"), columns=["article_id"])
                st = summarize(a.column("article_id").to_pylist(), a.column("source_path").to_pylist(),
                               e.column("article_id").to_pylist())
            observations.append((kind, version, st, None))
        except Exception as ex:  # noqa: BLE001 - every failure of a read is a finding
            observations.append((kind, version, None, f"{type(ex).__name__}: {str(ex).splitlines()[0][:200]}"))


watcher = threading.Thread(target=watch_snapshots, daemon=True)
writer = threading.Thread(target=storm, daemon=True)
watcher.start()
writer.start()
started = time.time()
readers = [threading.Thread(target=reader, args=(k,)) for k in ("duckdb", "pyarrow")]
for r in readers:
    r.start()
for r in readers:
    r.join()
elapsed = time.time() - started
stop.set()
writer.join()
watcher.join()
daemon_alive = daemon.poll() is None
daemon.send_signal(signal.SIGTERM)
code = daemon.wait(timeout=120)
for n in os.listdir(snapdir):
    if n.isdigit():
        states[int(n)] = state_of(os.path.join(snapdir, n))

versions = sorted(states)
missed = (versions[-1] - versions[0] + 1 - len(versions)) if versions else 0
committed = set(states.values())
committed_articles = {st[:2] for st in committed}
errors = [o for o in observations if o[3] is not None]
mismatches = []  # the articles table is no committed snapshot's
cross = []  # entity rows of articles not in the articles read (two tables from two snapshots)
for kind, version, st, err in observations:
    if err is not None:
        continue
    if st[:2] not in committed_articles:
        mismatches.append((kind, version, st, "no committed snapshot has these articles"))
    elif args.via == "stable" and version in states and states[version] != st:
        mismatches.append((kind, version, st, f"not snapshot {version}'s rows {states[version]}"))
    if st[2] != 0:
        cross.append((kind, version, st))
seen = sorted({o[1] for o in observations if o[1] is not None})
report = {
    "via": args.via,
    "polls": len(observations),
    "polls_by_reader": polls,
    "errors": len(errors),
    "mismatches": len(mismatches),
    "cross_table_mixes": len(cross),
    "seconds": round(elapsed, 1),
    "snapshots_committed": len(versions) + missed,
    "snapshots_missed_by_the_watcher": missed,
    "distinct_snapshots_read": len(seen),
    "storm_ops": ops,
    "daemon_alive_at_end": daemon_alive,
    "daemon_exit": code,
    "sample_errors": sorted({e[3] for e in errors})[:4],
    "sample_mismatches": [str(m) for m in mismatches[:4]],
}
print(json.dumps(report))
torn = bool(errors or mismatches or cross)
ok = daemon_alive and code == 0 and ops["edit"] > 0 and ops["rename"] > 0 and len(versions) > 5
if not ok:
    print("the storm did not run as it should: see " + os.path.join(args.work, "daemon.log"), file=sys.stderr)
    sys.exit(2)
sys.exit(0 if torn == args.expect_tears else 1)
