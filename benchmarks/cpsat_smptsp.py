#!/usr/bin/env python3
"""OR-Tools CP-SAT on a personnel task scheduling (SMPTSP) instance: the fewest workers.

Usage: cpsat_smptsp.py FILE [--seconds 60]
Prints one line: 'workers N optimal|feasible|none seconds S bound B' (B: CP-SAT's proven lower bound).
Closed end times, as trainplan reads them: a job ending at 600 overlaps one starting at 600.
"""
import argparse
import time

from ortools_setup import cp_model as load_cp_model

cp_model = load_cp_model()


def read(path):
    lines = [l.strip() for l in open(path) if l.strip() and not l.lstrip().startswith("#")]
    i = 0
    while not lines[i].startswith("Jobs"):
        i += 1
    n = int(lines[i].split("=")[1]); i += 1
    jobs = []
    for _ in range(n):
        s, e = map(int, lines[i].split()); jobs.append((s, e)); i += 1
    w = int(lines[i].split("=")[1]); i += 1
    quals = []
    for _ in range(w):
        head, rest = lines[i].split(":", 1)
        quals.append(sorted(set(map(int, rest.split())))); i += 1
    return jobs, quals


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    jobs, quals = read(args.file)
    model = cp_model.CpModel()
    x = {}
    for w, js in enumerate(quals):
        for j in js:
            x[j, w] = model.NewBoolVar(f"x{j}_{w}")
    used = [model.NewBoolVar(f"u{w}") for w in range(len(quals))]
    for j in range(len(jobs)):
        model.AddExactlyOne(x[j, w] for w in range(len(quals)) if (j, w) in x)
    # For every worker and every job start, the worker's jobs running then form a clique.
    for w, js in enumerate(quals):
        for j in js:
            model.AddImplication(x[j, w], used[w])
        starts = sorted(set(jobs[j][0] for j in js))
        for t in starts:
            active = [x[j, w] for j in js if jobs[j][0] <= t <= jobs[j][1]]
            if len(active) > 1:
                model.AddAtMostOne(active)
    model.Minimize(sum(used))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = args.seconds
    solver.parameters.num_workers = 2
    begin = time.time()
    status = solver.Solve(model)
    took = time.time() - begin
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        kind = "optimal" if status == cp_model.OPTIMAL else "feasible"
        bound = int(-(-solver.BestObjectiveBound() // 1))
        print(f"workers {int(round(solver.ObjectiveValue()))} {kind} seconds {took:.1f} bound {bound}")
    else:
        print(f"workers - none seconds {took:.1f} bound -")


if __name__ == "__main__":
    main()
