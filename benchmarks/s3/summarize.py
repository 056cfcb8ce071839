#!/usr/bin/env python3
"""Turns a run's results.tsv, machine.txt and counts/ into the Markdown summary results.md:
medians per test and tool, gatewayfs against the best of rclone and s3fs with the targets of
issue 4, the load seen, and the S3 requests each tool sent per test."""
import collections
import json
import os
import re
import statistics
import sys

REMOTE = ["gatewayfs", "rclone", "s3fs"]
LOCAL = ["disk", "tmpfs"]
OTHERS = ["rclone", "s3fs"]

# key: (label, how to show, higher is better, target factor against the best other or None)
# "rate" turns seconds into MB/s of the test's size; "per_s" into items per second.
TESTS = {
    "seqwrite_close_s": ("sequential write, to close", "rate:seq", True, 1.0),
    "seqwrite_bucket_s": ("sequential write, until in the bucket", "rate:seq", True, None),
    "cold_read_s": ("cold sequential read", "rate:seq", True, 1.5),
    "warm_read_s": ("warm re-read (page cache dropped)", "rate:seq", True, 1.0),
    "rand_warm_iops": ("4 KiB random reads, tool cache warm", "iops", True, 2.0),
    "rand_cold_iops": ("4 KiB random reads, fresh mount", "iops", True, 2.0),
    "creates_close_s": ("4 KiB file creates, to close", "per_s:creates", True, 5.0),
    "creates_bucket_s": ("4 KiB file creates, until in the bucket", "per_s:creates", True, None),
    "ls_s": ("`ls -l`, fresh mount", "seconds", False, 3.0),
    "rename_s": ("rename of a file", "seconds", False, None),
    "rename_bucket_s": ("rename, until done in the bucket", "seconds", False, None),
    "fsync_open_s": ("open of the file for the overwrites", "seconds", False, None),
    "fsync_ms": ("4 KiB overwrite: fsync latency p50", "ms", False, None),
    "fsync_p90_ms": ("4 KiB overwrite: fsync latency p90", "ms", False, None),
    "overwrite_bucket_s": ("overwritten file, close until in the bucket", "seconds", False, None),
}
FSYNC_LIMIT_MS = 10.0


def read_settings(machine):
    settings = {}
    for line in machine:
        if line.startswith("settings "):
            for item in line.split()[1:]:
                name, _, value = item.partition("=")
                settings[name] = value
    return settings


def load_samples(path):
    samples = collections.defaultdict(list)
    loads = collections.defaultdict(list)
    with open(path) as f:
        next(f)
        for line in f:
            latency, tool, test, _, value, load = line.rstrip("\n").split("\t")
            loads[(latency, tool)].append(float(load))
            if value in ("timeout", "error", "", "null"):
                continue
            samples[(latency, tool, test)].append(float(value))
    for (latency, tool, test), values in list(samples.items()):
        if test == "fsync_ms" and len(values) >= 2:
            samples[(latency, tool, "fsync_p90_ms")] = [statistics.quantiles(values, n=10)[-1]]
    return samples, loads


def median(values):
    return statistics.median(values) if values else None


def shown(test, value, settings):
    """The value in its display unit (higher-is-better units for rates)."""
    kind = TESTS[test][1]
    if value is None:
        return None
    if kind.startswith("rate:"):
        mib = float(re.sub(r"MiB$", "", settings.get(kind[5:], "1024")))
        return mib * (1 << 20) / 1e6 / value if value > 0 else None
    if kind.startswith("per_s:"):
        return float(settings.get(kind[6:], "1000")) / value if value > 0 else None
    return value


def unit(test):
    kind = TESTS[test][1]
    return {"rate": "MB/s", "per_s": "files/s", "iops": "IOPS", "seconds": "s", "ms": "ms"}[kind.split(":")[0]]


def fmt(value):
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def ratio_cell(test, values):
    """gatewayfs as a multiple of the best of rclone and s3fs (>1 = gatewayfs better)."""
    _, _, higher, target = TESTS[test]
    gw = values.get("gatewayfs")
    others = [values[t] for t in OTHERS if values.get(t) is not None]
    if test == "fsync_ms":
        if gw is None:
            return "", f"≤ {FSYNC_LIMIT_MS:g} ms", ""
        return "", f"≤ {FSYNC_LIMIT_MS:g} ms", "yes" if gw <= FSYNC_LIMIT_MS else "**no**"
    if gw is None or not others:
        return "", "", ""
    best = max(others) if higher else min(others)
    factor = gw / best if higher else (best / gw if gw > 0 else float("inf"))
    if target is None:
        return f"{factor:.2f}×", "", ""
    return f"{factor:.2f}×", f"≥ {target:g}×", "yes" if factor >= target else "**no**"


def summary(out):
    with open(os.path.join(out, "machine.txt")) as f:
        machine = f.read().splitlines()
    settings = read_settings(machine)
    samples, loads = load_samples(os.path.join(out, "results.tsv"))
    latencies = sorted({k[0] for k in samples if k[1] in REMOTE}, key=float)
    lines = ["Machine, tool versions and settings of the run:", "", "```", *machine, "```", ""]
    for latency in latencies:
        lines += [f"#### {latency} ms injected per request", "",
                  "| test | unit | " + " | ".join(LOCAL + REMOTE) + " | gatewayfs ÷ best of rclone, s3fs | target | met |",
                  "|---|---|" + "---:|" * len(LOCAL + REMOTE) + "---:|---|---|"]
        for test in TESTS:
            values, cells = {}, []
            for tool in LOCAL + REMOTE:
                key = ("0" if tool in LOCAL else latency, tool)
                raw = samples.get((*key, test), [])
                values[tool] = shown(test, median(raw), settings)
                n = len(samples.get((*key, "fsync_ms"), [])) if test == "fsync_p90_ms" else len(raw)
                cells.append(fmt(values[tool]) + (f" ({n} ops)" if n and test.startswith("fsync_") and test.endswith("ms") else f" ({n})" if n else ""))
            if all(values[t] is None for t in REMOTE):
                continue
            lines.append(f"| {TESTS[test][0]} | {unit(test)} | " + " | ".join(cells) + " | " + " | ".join(ratio_cell(test, values)) + " |")
        lines.append("")
        lines.append("Load average (1 min) while measuring: " + ", ".join(
            f"{tool} {min(loads[(l, tool)]):.1f}–{max(loads[(l, tool)]):.1f}"
            for tool in LOCAL + REMOTE for l in [("0" if tool in LOCAL else latency)] if loads.get((l, tool))) + ".")
        lines.append("")
        lines += cpu_table(samples, latency)
        lines += request_table(out, latency)
    return "\n".join(lines)


CPU_TESTS = {
    "seqwrite": "sequential write, until in the bucket",
    "creates": "file creates, until in the bucket",
    "cold_read": "cold sequential read",
    "warm_read": "warm re-read",
    "rand_warm": "random reads, tool cache warm",
    "rand_cold": "random reads, fresh mount",
    "ls": "`ls -l`, fresh mount",
}


def cpu_table(samples, latency):
    """Median CPU seconds per repetition: the tool's process / s3rver."""
    rows = []
    for test, label in CPU_TESTS.items():
        cells = []
        for tool in REMOTE:
            own = median(samples.get((latency, tool, f"{test}_cpu"), []))
            server = median(samples.get((latency, tool, f"{test}_s3cpu"), []))
            cells.append("–" if own is None else f"{own:.2f} / {server:.2f}")
        if any(c != "–" for c in cells):
            rows.append(f"| {label} | " + " | ".join(cells) + " |")
    if not rows:
        return []
    return [f"CPU seconds per repetition at {latency} ms, the tool's process / s3rver (medians; less "
            "sensitive to the machine's load than the times above):", "",
            "| test | " + " | ".join(REMOTE) + " |", "|---|" + "---:|" * len(REMOTE), *rows, ""]


def request_table(out, latency):
    folder = os.path.join(out, "counts")
    phases = ["seqwrite", "creates", "rename", "fsync", "reads", "rand_cold", "ls"]
    rows = []
    for phase in phases:
        cells = []
        for tool in REMOTE:
            path = os.path.join(folder, f"{tool}-{latency}ms-{phase}.json")
            if not os.path.exists(path):
                cells.append("–")
                continue
            with open(path) as f:
                counts = json.load(f)
            top = sorted(counts.items(), key=lambda kv: -kv[1])[:3]
            cells.append(f"{sum(counts.values())}: " + ", ".join(f"{n} {kind}" for kind, n in top))
        if any(c != "–" for c in cells):
            rows.append(f"| {phase} | " + " | ".join(cells) + " |")
    if not rows:
        return []
    return [f"S3 requests per test phase at {latency} ms (all repetitions, remounts included):", "",
            "| phase | " + " | ".join(REMOTE) + " |", "|---|" + "---|" * len(REMOTE), *rows, ""]


BEGIN, END = "<!-- s3-bench:begin (written by benchmarks/s3/run.sh --write-doc; do not edit by hand) -->", "<!-- s3-bench:end -->"


def write_doc(doc, text):
    """Replaces the block between the markers in DOC (they must exist, once each)."""
    with open(doc) as f:
        content = f.read()
    start, end = content.find(BEGIN), content.find(END)
    if start < 0 or end < start:
        sys.exit(f"summarize.py: {doc} has no '{BEGIN}' … '{END}' block to replace")
    with open(doc, "w") as f:
        f.write(content[:start + len(BEGIN)] + "\n" + text + "\n" + content[end:])


if __name__ == "__main__":
    if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and sys.argv[2] != "--doc"):
        sys.exit("usage: summarize.py RESULTS_DIR [--doc DOC.md]")
    text = summary(sys.argv[1])
    if len(sys.argv) == 4:
        write_doc(sys.argv[3], text)
    print(text)
