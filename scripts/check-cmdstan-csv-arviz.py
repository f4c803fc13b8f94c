#!/usr/bin/env python3
"""Would ArviZ's from_cmdstan read langevin's chain CSV files?

    python3 scripts/check-cmdstan-csv-arviz.py DIR

ArviZ cannot be installed here, so this re-implements the part of
arviz/data/io_cmdstan.py that touches the file format (ArviZ 0.1x:
_read_output_file, _process_configuration, _read_output, _unpack_ndarrays
and the sample_stats renaming), following its logic line by line, then
checks the result against DIR/summary.json: chains, draws, variable shapes,
every mean, the sample_stats names and the parsed configuration. Needs only
python3 and numpy (ArviZ itself parses the rows with numpy). Exit status 0
when every check passes, 1 otherwise.
"""
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np


# ---- ArviZ's parser, re-implemented (io_cmdstan.py) ----------------------

def read_output_file(path):
    """Comments (before and after the header), the header as {name: index}, rows as float64."""
    comments, rows, columns = [], [], None
    with open(path, "rb") as handle:
        for line in handle:
            if line.startswith(b"#"):
                comments.append(line.strip().decode("utf-8"))
                continue
            columns = {name: i for i, name in enumerate(line.strip().decode("utf-8").split(","))}
            break
        for line in handle:
            line = line.strip()
            if line.startswith(b"#"):
                comments.append(line.decode("utf-8"))
            elif line:
                # numpy turns b"nan", b"inf", b"-inf" into floats; anything else non-numeric raises.
                rows.append(np.array(line.split(b","), dtype=np.float64))
    return columns, np.array(rows, dtype=np.float64), comments


ELAPSED = re.compile(
    r"^Elapsed\s*Time:\s*|\s*seconds\s*\(Warm-up\)\s*|\s*seconds\s*\(Sampling\)\s*|\s*seconds\s*\(Total\)\s*"
)


def process_configuration(comments):
    """ArviZ's reading of the comment lines; every value ends up a string."""
    results = {"comments": "\n".join(comments), "stan_version": {}}
    lines = iter(comments)
    for comment in lines:
        comment = re.sub(r"^\s*#\s*|\s*\(Default\)\s*$", "", comment).strip()
        if comment.startswith("stan_version_"):
            key, value = re.sub(r"^\s*stan_version_", "", comment).split("=")
            results["stan_version"][key.strip()] = value.strip()
        elif comment.startswith("Step size"):
            _, value = comment.split("=")  # exactly one '=' or ValueError
            results["step_size"] = float(value.strip())
        elif "inverse mass matrix" in comment:
            following = re.sub(r"^\s*#\s*", "", next(lines)).strip()
            results["inverse_mass_matrix"] = [float(item) for item in following.split(",")]
        elif "seconds" in comment and any(tag in comment for tag in ("(Warm-up)", "(Sampling)", "(Total)")):
            value = ELAPSED.sub("", comment)
            if "(Warm-up)" in comment:
                key = "warmup_time_seconds"
            elif "(Sampling)" in comment:
                key = "sampling_time_seconds"
            else:
                key = "total_time_seconds"
            results[key] = float(value)
        elif "=" in comment:
            # Keys with a space ("data file") match none of these and are dropped, as in ArviZ.
            as_int = re.search(r"^(\S+)\s*=\s*([-+]?[0-9]+)$", comment)
            as_float = re.search(r"^(\S+)\s*=\s*([-+]?[0-9]+\.[0-9]+)$", comment)
            as_str = re.search(r"^(\S+)\s*=\s*(\S+)$", comment)
            as_empty = re.search(r"^(\S+)\s*=\s*$", comment)
            if as_int:
                results[as_int.group(1)] = int(as_int.group(2))
            elif as_float:
                results[as_float.group(1)] = float(as_float.group(2))
            elif as_str:
                results[as_str.group(1)] = as_str.group(2)
            elif as_empty:
                results[as_empty.group(1)] = None
    return {key: str(results[key]) for key in sorted(results)}


def read_output(path):
    columns, data, comments = read_output_file(path)
    config = process_configuration(comments)
    saved_warmup = int(config.get("save_warmup", 0)) * int(config.get("num_warmup", 0)) // int(config.get("thin", 1))
    stats = {name: i for name, i in columns.items() if name.endswith("__")}
    return {
        "sample": data[saved_warmup:],
        "sample_warmup": data[:saved_warmup],
        "sample_columns": {name: i for name, i in columns.items() if name not in stats},
        "sample_stats_columns": stats,
        "configuration_info": config,
    }


def unpack_ndarrays(arrays, columns):
    """{variable: array of shape (chains, draws, *dims)} from dotted column names."""
    groups = defaultdict(list)
    for name, index in columns.items():
        key, *loc = name.split(".")
        groups[key].append((index, tuple(int(i) - 1 for i in loc)))
    chains, draws, out = len(arrays), len(arrays[0]), {}
    if draws:
        for key, entries in groups.items():
            shape = np.array([loc for _, loc in entries]).max(0) + 1
            out[key] = np.zeros((chains, draws, *shape))
            for index, loc in entries:
                for c, array in enumerate(arrays):
                    out[key][(c, slice(None), *loc)] = array[:, index]
    return out


STATS_RENAME = {
    "divergent": "diverging",
    "n_leapfrog": "n_steps",
    "treedepth": "tree_depth",
    "stepsize": "step_size",
    "accept_stat": "acceptance_rate",
}


# ---- checks against summary.json ------------------------------------------

def main(argv):
    if len(argv) != 2:
        print("usage: python3 scripts/check-cmdstan-csv-arviz.py DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    files = sorted(folder.glob("chain-*.csv"), key=lambda p: int(re.search(r"(\d+)", p.stem).group(1)))
    summary = json.loads((folder / "summary.json").read_text())
    failures = 0

    def check(ok, what):
        nonlocal failures
        failures += 0 if ok else 1
        print(("ok   " if ok else "FAIL ") + what)

    try:
        chains = [read_output(path) for path in files]
    except Exception as error:  # what from_cmdstan would raise
        check(False, f"ArviZ's parser reads every file: {type(error).__name__}: {error}")
        return 1
    check(len(chains) == summary["chains"], f"{len(chains)} chain files, summary.json chains {summary['chains']}")
    first = chains[0]
    check(all(c["sample_columns"] == first["sample_columns"] for c in chains), "every chain has the same columns")
    config = first["configuration_info"]
    for key in ("num_samples", "num_warmup", "save_warmup", "thin"):
        check(re.fullmatch(r"[-+]?[0-9]+", config.get(key, "")) is not None,
              f"configuration {key} = {config.get(key)!r} reads as an integer")
    check(config.get("algorithm") == summary["sampler"], f"algorithm = {config.get('algorithm')!r}")
    check(all(len(c["sample_warmup"]) == 0 for c in chains), "no rows taken as saved warm-up")
    draws = [len(c["sample"]) for c in chains]
    check(all(n == summary["draws"] for n in draws), f"draws per chain {sorted(set(draws))}, summary.json {summary['draws']}")

    posterior = unpack_ndarrays([c["sample"] for c in chains], first["sample_columns"])
    stats_columns = {STATS_RENAME.get(re.sub("__$", "", k), re.sub("__$", "", k)): i
                     for k, i in first["sample_stats_columns"].items()}
    check(set(stats_columns) == {"lp", "acceptance_rate", "step_size", "diverging"},
          f"sample_stats variables {sorted(stats_columns)}")
    stats = unpack_ndarrays([c["sample"] for c in chains], stats_columns)
    check(bool(np.all((stats["acceptance_rate"] >= 0) & (stats["acceptance_rate"] <= 1))), "acceptance_rate in [0, 1]")

    misplaced = []
    for parameter in summary["parameters"]:
        name = parameter["name"]
        base = name.split("[")[0]
        index = tuple(int(i) - 1 for i in name[len(base) + 1:-1].split(",")) if "[" in name else ()
        values = posterior.get(base)
        if values is None or values.shape[2:] == () and index != ():
            misplaced.append(name)
            continue
        mean = float(values[(slice(None), slice(None), *index)].mean())
        ours = parameter["mean"]
        if ours is None or not math.isclose(mean, ours, rel_tol=1e-12, abs_tol=1e-12):
            misplaced.append(f"{name} (ours {ours}, read {mean})")
    shapes = ", ".join(f"{k}{list(v.shape)}" for k, v in posterior.items())
    check(not misplaced, f"posterior variables {shapes}; every mean agrees with summary.json"
          + (f": not {misplaced[:3]}" if misplaced else ""))
    n_out = sum(int(np.prod(v.shape[2:])) for v in posterior.values())
    check(n_out == len(summary["parameters"]), f"{n_out} scalars read, summary.json has {len(summary['parameters'])}")

    if summary["warmup"] > 0 and "step_size" in config:
        steps = [float(c["configuration_info"]["step_size"]) for c in chains]
        expected = [info["step_size"] for info in summary["chain_info"]]
        check(steps == expected, "adapted step size parsed per chain equals chain_info step_size")
        check("inverse_mass_matrix" in config, "inverse mass matrix parsed")
    check(all(k in config for k in ("warmup_time_seconds", "sampling_time_seconds", "total_time_seconds")),
          "elapsed-time lines parsed (as nan: the times are in summary.json)")
    print(f"\n{folder}: {failures} check(s) failed")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
