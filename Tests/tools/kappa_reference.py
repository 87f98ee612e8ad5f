#!/usr/bin/env python3
"""Reference values for CohenKappa (TrainPlanStatistics), computed by scikit-learn.

From a fixed seed this script generates pairs of 1-5 adherence ratings of the same activities by
two observers (close agreement, chance agreement, systematic offset, a category nobody used, a
single item, perfect agreement, perfect disagreement, both raters constant), computes Cohen's
kappa unweighted, linear and quadratic with sklearn.metrics.cohen_kappa_score(labels=[1..5]) and
percent agreement with numpy, and writes inputs and expected values to
Tests/TrainPlanStatisticsTests/Fixtures/kappa.json.

    python3 Tests/tools/kappa_reference.py           # rewrite the fixture
    python3 Tests/tools/kappa_reference.py --check   # exit 1 if the committed fixture differs

Needs: scikit-learn numpy (PyPI). Undefined kappa (sklearn returns nan) is written as "nan".
"""

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import cohen_kappa_score

FIXTURE = Path(__file__).resolve().parents[1] / "TrainPlanStatisticsTests" / "Fixtures" / "kappa.json"
CHECK_TOLERANCE = 1e-12
LABELS = [1, 2, 3, 4, 5]


def num(x):
    x = float(x)
    return "nan" if math.isnan(x) else x


def cases():
    rng = np.random.default_rng(20270302)
    out = []
    for n in (6, 8, 12, 20, 40):
        a = rng.integers(1, 6, size=n)
        noise = rng.integers(-1, 2, size=n)
        b = np.clip(a + noise, 1, 5)
        out.append((f"close-{n}", a.tolist(), b.tolist()))
    for n in (7, 15, 30):
        out.append((f"chance-{n}", rng.integers(1, 6, size=n).tolist(), rng.integers(1, 6, size=n).tolist()))
    a = rng.integers(1, 5, size=10)
    out.append(("offset-by-one", a.tolist(), (a + 1).tolist()))
    out.append(("unused-category", [2, 3, 4, 4, 3, 2, 4], [2, 4, 4, 3, 3, 2, 4]))
    out.append(("perfect", [1, 2, 3, 4, 5, 3], [1, 2, 3, 4, 5, 3]))
    out.append(("reversed", [1, 2, 4, 5], [5, 4, 2, 1]))
    out.append(("one-item", [3], [4]))
    out.append(("both-constant", [4, 4, 4], [4, 4, 4]))
    out.append(("one-constant", [4, 4, 4, 4], [3, 4, 5, 4]))
    return out


def build():
    records = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, a, b in cases():
            expected = {
                w or "unweighted": num(cohen_kappa_score(a, b, labels=LABELS, weights=w))
                for w in (None, "linear", "quadratic")
            }
            expected["percent"] = num(np.mean(np.array(a) == np.array(b)))
            records.append({"name": name, "first": a, "second": b, "expected": expected})
    return {"generator": f"scikit-learn {sklearn.__version__}", "labels": LABELS, "cases": records}


def close(x, y):
    if x == "nan" or y == "nan":
        return x == y
    return abs(x - y) <= CHECK_TOLERANCE * max(1.0, abs(y))


def main():
    data = build()
    if "--check" in sys.argv:
        committed = json.loads(FIXTURE.read_text())
        bad = []
        if [c["name"] for c in committed["cases"]] != [c["name"] for c in data["cases"]]:
            bad.append("the cases differ")
        for old, new in zip(committed["cases"], data["cases"]):
            if (old["first"], old["second"]) != (new["first"], new["second"]):
                bad.append(f"{old['name']}: inputs differ")
            for key, value in new["expected"].items():
                if not close(old["expected"].get(key, "missing"), value):
                    bad.append(f"{old['name']} {key}: fixture {old['expected'].get(key)} != {value}")
        if bad:
            print("\n".join(bad))
            sys.exit(1)
        print(f"kappa fixture agrees with {data['generator']} ({len(data['cases'])} cases)")
        return
    FIXTURE.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {FIXTURE} ({len(data['cases'])} cases, {data['generator']})")


if __name__ == "__main__":
    main()
