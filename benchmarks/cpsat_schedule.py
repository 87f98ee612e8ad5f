#!/usr/bin/env python3
"""OR-Tools CP-SAT on a trainplan term, with the same hard rules as trainplan's scheduler.

Input: the JSON of `trainplan-bench export` (each offering's interval, place, ISO week,
length and the trainers the static rules allow — qualification, availability, time off —
plus weekly limits, travel minutes, backup load and backup overlap). The model adds the
combinatorial rules itself: one primary and one backup at most, two different people, no
overlapping duties with the travel gap between places (backups may overlap under 'allow'),
weekly hours.

Phase 1 maximises staffing (a primary counts more than all backups together), phase 2 keeps
that staffing and minimises the busiest trainer's hours. Each phase gets --seconds.
Prints JSON: primaries, backups, fully staffed, proven, busiest hours, seconds.
"""
import argparse
import json
import time

from ortools_setup import cp_model as load_cp_model

cp_model = load_cp_model()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("export")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    data = json.load(open(args.export))
    offerings, trainers = data["offerings"], data["trainers"]
    travel, load, allow = data["travel"], data["backupLoad"], data["backupOverlap"] == "allow"
    model = cp_model.CpModel()
    p, b = {}, {}
    for o, off in enumerate(offerings):
        for t in off["candidates"]:
            p[o, t] = model.NewBoolVar(f"p{o}_{t}")
            b[o, t] = model.NewBoolVar(f"b{o}_{t}")
            model.Add(p[o, t] + b[o, t] <= 1)
        model.Add(sum(p[o, t] for t in off["candidates"]) <= 1)
        model.Add(sum(b[o, t] for t in off["candidates"]) <= 1)
    by_trainer = {}
    for o, off in enumerate(offerings):
        for t in off["candidates"]:
            by_trainer.setdefault(t, []).append(o)
    for t, os in by_trainer.items():
        os.sort(key=lambda o: offerings[o]["start"])
        for i, o1 in enumerate(os):
            a = offerings[o1]
            for o2 in os[i + 1:]:
                c = offerings[o2]
                gap = 0 if a["place"] == c["place"] else travel
                if c["start"] >= a["end"] + gap + 24 * 60 * 2:
                    break
                if a["start"] < c["end"] + gap and c["start"] < a["end"] + gap:
                    model.Add(p[o1, t] + p[o2, t] <= 1)
                    model.Add(p[o1, t] + b[o2, t] <= 1)
                    model.Add(b[o1, t] + p[o2, t] <= 1)
                    if not allow:
                        model.Add(b[o1, t] + b[o2, t] <= 1)
        limit = trainers[t]["maxHoursPerWeek"]
        weeks = {}
        for o in os:
            weeks.setdefault(offerings[o]["week"], []).append(o)
        total = []
        for week, wos in weeks.items():
            expr = sum(offerings[o]["minutes"] * 100 * p[o, t] + int(round(offerings[o]["minutes"] * 100 * load)) * b[o, t]
                       for o in wos)
            total.append(expr)
            if limit >= 0:
                model.Add(expr <= int(round(limit * 60 * 100)))
    weight = len(offerings) + 1
    staffing = sum(weight * v for v in p.values()) + sum(b.values())
    model.Maximize(staffing)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = args.seconds
    solver.parameters.num_workers = 2
    begin = time.time()
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        print(json.dumps({"status": "none"}))
        return
    best = int(round(solver.ObjectiveValue()))
    proven = status == cp_model.OPTIMAL
    primaries = sum(solver.Value(v) for v in p.values())
    backups = sum(solver.Value(v) for v in b.values())
    # Phase 2: the same staffing, the busiest trainer as light as possible.
    model.Add(staffing >= best)
    busiest = model.NewIntVar(0, 10 ** 9, "busiest")
    for t, os in by_trainer.items():
        model.Add(sum(offerings[o]["minutes"] * 100 * p[o, t] + int(round(offerings[o]["minutes"] * 100 * load)) * b[o, t]
                      for o in os) <= busiest)
    model.Minimize(busiest)
    for key, var in list(p.items()) + list(b.items()):
        model.AddHint(var, solver.Value(var))
    second = cp_model.CpSolver()
    second.parameters.max_time_in_seconds = args.seconds
    second.parameters.num_workers = 2
    status2 = second.Solve(model)
    took = time.time() - begin
    # When phase 2 finds nothing in time, report phase 1's solution and its busiest trainer.
    solved = second if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver
    fully = 0
    for o, off in enumerate(offerings):
        hasp = any(solved.Value(p[o, t]) for t in off["candidates"])
        hasb = any(solved.Value(b[o, t]) for t in off["candidates"])
        fully += hasp and hasb
    loads = {}
    for (o, t), var in p.items():
        loads[t] = loads.get(t, 0) + offerings[o]["minutes"] * solved.Value(var)
    for (o, t), var in b.items():
        loads[t] = loads.get(t, 0) + offerings[o]["minutes"] * load * solved.Value(var)
    print(json.dumps({
        "primaries": primaries, "backups": backups, "fully": fully, "proven": proven,
        "busiest_hours": max(loads.values()) / 60 if loads else 0,
        "busiest_proven": status2 == cp_model.OPTIMAL, "seconds": round(took, 1),
    }))


if __name__ == "__main__":
    main()
