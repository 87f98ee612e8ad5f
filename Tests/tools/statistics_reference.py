#!/usr/bin/env python3
"""Reference values for TrainPlanStatistics, computed by independent implementations.

From fixed seeds this script generates small data sets (survival with censoring and ties, k groups,
one to three covariates, an all-censored set, a group of one; survey items with missing answers and
reverse-scored items; pre/post pairs), computes every statistic with lifelines, scipy, statsmodels
and numpy, and writes inputs and expected outputs to
Tests/TrainPlanStatisticsTests/Fixtures/reference.json. The Rossi recidivism data shipped inside
lifelines is included as a published data set.

    python3 Tests/tools/statistics_reference.py           # rewrite the fixture
    python3 Tests/tools/statistics_reference.py --check   # exit 1 if the committed fixture differs

Needs: lifelines scipy statsmodels numpy pandas (PyPI).

Non-finite numbers are written as the strings "inf", "-inf" and "nan" (JSON has no such numbers);
every other float is written with repr, so it round-trips exactly.
"""

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import lifelines
import scipy
import scipy.optimize
import scipy.special
import scipy.stats as st
import statsmodels
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.datasets import load_rossi
from lifelines.statistics import logrank_test, multivariate_logrank_test, proportional_hazard_test
from lifelines.utils import median_survival_times
from statsmodels.stats.power import TTestIndPower

FIXTURE = Path(__file__).resolve().parents[1] / "TrainPlanStatisticsTests" / "Fixtures" / "reference.json"
CHECK_TOLERANCE = 1e-9
COX_CONVERGED = {"precision": 1e-14, "r_precision": 1e-15, "max_steps": 200}


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def nums(xs):
    return [num(x) for x in xs]


# ---------------------------------------------------------------------------------------------
# Distribution functions


def distributions():
    gamma_cases = [(a, x) for a in (0.5, 1.0, 2.5, 10.0, 100.0) for x in (0.01, 0.5, 1.0, 3.0, 9.5, 30.0, 150.0)]
    beta_cases = [
        (a, b, x)
        for a, b in ((0.5, 0.5), (1.0, 3.0), (2.5, 7.0), (10.0, 10.0), (50.0, 0.5), (200.0, 150.0))
        for x in (0.001, 0.2, 0.5, 0.8, 0.999)
    ]
    chi2_cases = [(x, k) for k in (1, 2, 3, 7, 30, 200) for x in (0.001, 0.5, 1.0, 3.84, 10.0, 50.0, 300.0)]
    t_cases = [(x, df) for df in (1, 2, 5, 23, 46, 100, 1e6) for x in (-40.0, -3.0, -1.0, 0.0, 0.5, 2.0, 12.0)]
    p_values = (1e-10, 0.001, 0.025, 0.1, 0.5, 0.8, 0.975, 0.999)
    chi2_q = [(p, k) for k in (1, 2, 3, 7, 30, 200) for p in p_values]
    t_q = [(p, df) for df in (1, 2, 5, 23, 46, 100) for p in p_values]
    norm_x = (-38.0, -10.0, -5.0, -1.96, -0.5, 0.0, 0.3, 1.0, 2.5, 8.0)
    norm_p = (1e-300, 1e-20, 1e-8, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999999)
    nct_cases = [
        (x, df, nc)
        for df, nc in ((10, 0.5), (22, 2.0), (46, 2.8), (46, -1.5), (98, 4.0), (5, 6.0))
        for x in (-4.0, -2.0, 0.0, 1.0, 2.01, 5.0)
    ]
    return {
        "regularizedGammaP": [{"a": a, "x": x, "p": num(scipy.special.gammainc(a, x)),
                               "q": num(scipy.special.gammaincc(a, x))} for a, x in gamma_cases],
        "regularizedBeta": [{"a": a, "b": b, "x": x, "value": num(scipy.special.betainc(a, b, x))}
                            for a, b, x in beta_cases],
        "chiSquareCDF": [{"x": x, "df": k, "cdf": num(st.chi2.cdf(x, k)), "sf": num(st.chi2.sf(x, k))}
                         for x, k in chi2_cases],
        "chiSquareQuantile": [{"p": p, "df": k, "value": num(st.chi2.ppf(p, k))} for p, k in chi2_q],
        "studentTCDF": [{"x": x, "df": df, "cdf": num(st.t.cdf(x, df))} for x, df in t_cases],
        "studentTQuantile": [{"p": p, "df": df, "value": num(st.t.ppf(p, df))} for p, df in t_q],
        "normalCDF": [{"x": x, "cdf": num(st.norm.cdf(x))} for x in norm_x],
        "normalQuantile": [{"p": p, "value": num(st.norm.ppf(p))} for p in norm_p],
        "noncentralTCDF": [{"x": x, "df": df, "nc": nc, "cdf": num(st.nct.cdf(x, df, nc))}
                           for x, df, nc in nct_cases],
    }


# ---------------------------------------------------------------------------------------------
# Survival data


def survival_set(seed, n, groups, censor_rate, rounding, covariates=0):
    """Exponential-ish times in months, hazards depending on group and covariates, ties by rounding."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, groups, size=n) if groups > 1 else np.zeros(n, dtype=int)
    x = np.column_stack([
        rng.normal(10.0, 3.0, size=n),           # training dose in hours
        rng.integers(0, 2, size=n).astype(float),  # a binary covariate
        rng.uniform(18.0, 70.0, size=n),         # mentor age
    ])[:, :covariates]
    linear = 0.3 * group
    if covariates >= 1:
        linear = linear - 0.08 * (x[:, 0] - 10.0)
    if covariates >= 2:
        linear = linear + 0.5 * x[:, 1]
    if covariates >= 3:
        linear = linear + 0.01 * (x[:, 2] - 40.0)
    event_time = rng.exponential(14.0 * np.exp(-linear))
    censor_time = rng.exponential(14.0 / max(censor_rate, 1e-9) * (1 - censor_rate) + 1e-9, size=n)
    censor_time = np.minimum(censor_time, 36.0)
    time = np.minimum(event_time, censor_time)
    event = (event_time <= censor_time).astype(int)
    time = np.maximum(np.round(time / rounding) * rounding, rounding)
    return time, event, group, x


def kaplan_meier(time, event):
    kmf = KaplanMeierFitter().fit(time, event)
    ci = kmf.confidence_interval_
    lower = ci.iloc[:, 0].to_numpy()
    upper = ci.iloc[:, 1].to_numpy()
    median_ci = median_survival_times(ci)

    def at(t):
        idx = np.searchsorted(kmf.timeline, t, side="right") - 1
        return {"time": t, "survival": num(kmf.survival_function_.iloc[idx, 0]),
                "lower": num(lower[idx]), "upper": num(upper[idx])}

    return {
        "timeline": nums(kmf.timeline),
        "survival": nums(kmf.survival_function_.iloc[:, 0]),
        "lower": nums(lower),
        "upper": nums(upper),
        "median": num(kmf.median_survival_time_),
        "medianLower": num(median_ci.iloc[0, 0]),
        "medianUpper": num(median_ci.iloc[0, 1]),
        "at": [at(6.0), at(12.0)],
    }


def logrank(time, event, group):
    k = len(np.unique(group))
    if k == 2:
        a, b = np.unique(group)
        r = logrank_test(time[group == a], time[group == b], event[group == a], event[group == b])
        pair = {"statistic": num(r.test_statistic), "p": num(r.p_value)}
    else:
        pair = None
    r = multivariate_logrank_test(time, group, event)
    return {"statistic": num(r.test_statistic), "df": int(r.degrees_of_freedom), "p": num(r.p_value),
            "twoGroupStatistic": pair}


def cox(time, event, x, names):
    df = pd.DataFrame(x, columns=names)
    df["T"] = time
    df["E"] = event
    # lifelines' default stops once the log-likelihood changes by less than 1e-9 of itself, which on
    # one generated set leaves a coefficient 4.8e-6 short of the maximum; the reference is the same
    # fitter iterated to convergence. The default fit's coefficients are kept to show the gap.
    cph = CoxPHFitter().fit(df, duration_col="T", event_col="E", fit_options=COX_CONVERGED)
    default = CoxPHFitter().fit(df, duration_col="T", event_col="E")
    s = cph.summary
    ph = proportional_hazard_test(cph, df, time_transform="rank")
    return {
        "names": names,
        "coefficients": nums(s["coef"]),
        "standardErrors": nums(s["se(coef)"]),
        "hazardRatios": nums(s["exp(coef)"]),
        "lower": nums(s["coef lower 95%"]),
        "upper": nums(s["coef upper 95%"]),
        "hazardRatioLower": nums(s["exp(coef) lower 95%"]),
        "hazardRatioUpper": nums(s["exp(coef) upper 95%"]),
        "z": nums(s["z"]),
        "p": nums(s["p"]),
        "logPartialLikelihood": num(cph.log_likelihood_),
        "defaultFitCoefficients": nums(default.params_),
        "phTestStatistics": nums(np.ravel(ph.test_statistic)),
        "phTestP": nums(np.ravel(ph.p_value)),
    }


def survival_cases():
    cases = []
    specs = [
        ("two groups, ties and censoring", 101, 60, 2, 0.3, 1.0, 1),
        ("three groups, two covariates", 202, 90, 3, 0.4, 0.5, 2),
        ("four groups, three covariates, heavy ties", 303, 120, 4, 0.25, 2.0, 3),
        ("two groups, light censoring, no rounding ties", 404, 40, 2, 0.1, 0.01, 1),
    ]
    for name, seed, n, groups, censor, rounding, covariates in specs:
        time, event, group, x = survival_set(seed, n, groups, censor, rounding, covariates)
        names = ["dose", "flag", "age"][:covariates]
        cases.append({
            "name": name,
            "time": nums(time), "event": [int(e) for e in event], "group": [int(g) for g in group],
            "covariates": [nums(row) for row in x],
            "kaplanMeier": kaplan_meier(time, event),
            "logrank": logrank(time, event, group),
            "cox": cox(time, event, x, names),
        })
    # All censored: the curve stays at 1; the log-rank statistic is 0.
    time = np.array([3.0, 5.0, 5.0, 8.0, 12.0, 2.0, 7.0, 9.0])
    event = np.zeros(8, dtype=int)
    group = np.array([0, 1, 0, 1, 0, 1, 0, 1])
    cases.append({"name": "all censored", "time": nums(time), "event": [0] * 8, "group": group.tolist(),
                  "covariates": None, "kaplanMeier": kaplan_meier(time, event),
                  "logrank": logrank(time, event, group), "cox": None})
    # A group of one among three groups.
    time, event, group, _ = survival_set(505, 31, 2, 0.3, 1.0)
    group = group.copy()
    group[7] = 2
    cases.append({"name": "a group of one", "time": nums(time), "event": [int(e) for e in event],
                  "group": [int(g) for g in group], "covariates": None,
                  "kaplanMeier": kaplan_meier(time, event), "logrank": logrank(time, event, group),
                  "cox": None})
    # One group in which nobody had the event: lifelines still tests it; a Cox model with the group
    # as covariate has no finite estimate (the Swift fit reports separation).
    time, event, group, _ = survival_set(606, 36, 2, 0.3, 1.0)
    event = np.where(group == 1, 0, event)
    cases.append({"name": "a group without events", "time": nums(time), "event": [int(e) for e in event],
                  "group": [int(g) for g in group], "covariates": None,
                  "kaplanMeier": kaplan_meier(time, event), "logrank": logrank(time, event, group),
                  "cox": None})
    return cases


def rossi():
    df = load_rossi()
    names = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
    return {
        "name": "Rossi recidivism (lifelines.datasets.load_rossi)",
        "time": nums(df["week"]), "event": [int(e) for e in df["arrest"]], "group": [int(g) for g in df["fin"]],
        "covariates": [nums(row) for row in df[names].to_numpy()],
        "kaplanMeier": kaplan_meier(df["week"].to_numpy(float), df["arrest"].to_numpy()),
        "logrank": logrank(df["week"].to_numpy(float), df["arrest"].to_numpy(), df["fin"].to_numpy()),
        "cox": cox(df["week"].to_numpy(float), df["arrest"].to_numpy(), df[names].to_numpy(float), names),
    }


# ---------------------------------------------------------------------------------------------
# Survey data

ITEMS = 6
REVERSED = [1, 4]  # zero-based: items 2 and 5 are reverse-scored
SCALE_MIN, SCALE_MAX = 1.0, 5.0
MINIMUM_ANSWERED = 4


def survey_answers(rng, n, shift):
    trait = rng.normal(3.0 + shift, 0.7, size=n)
    answers = np.empty((n, ITEMS))
    for j in range(ITEMS):
        raw = trait + rng.normal(0.0, 0.6, size=n)
        if j in REVERSED:
            raw = SCALE_MIN + SCALE_MAX - raw
        answers[:, j] = np.clip(np.round(raw), SCALE_MIN, SCALE_MAX)
    missing = rng.random((n, ITEMS)) < 0.08
    answers[missing] = np.nan
    return answers


def scale_scores(answers):
    scored = answers.copy()
    scored[:, REVERSED] = SCALE_MIN + SCALE_MAX - scored[:, REVERSED]
    answered = (~np.isnan(scored)).sum(axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        means = np.nanmean(scored, axis=1)
    return np.where(answered >= MINIMUM_ANSWERED, means, np.nan), scored


def cronbach_alpha(scored):
    complete = scored[~np.isnan(scored).any(axis=1)]
    k = complete.shape[1]
    item_var = complete.var(axis=0, ddof=1).sum()
    total_var = complete.sum(axis=1).var(ddof=1)
    return k / (k - 1) * (1.0 - item_var / total_var), len(complete)


def paired(pre, post):
    keep = ~np.isnan(pre) & ~np.isnan(post)
    pre, post = pre[keep], post[keep]
    diff = post - pre
    n = len(diff)
    mean = diff.mean()
    sd = diff.std(ddof=1)
    r = st.ttest_rel(post, pre)
    ci = r.confidence_interval(0.95)
    return {"n": n, "meanChange": num(mean), "sdChange": num(sd), "t": num(r.statistic), "df": num(r.df),
            "p": num(r.pvalue), "lower": num(ci.low), "upper": num(ci.high), "dz": num(mean / sd)}


def hedges(a, b):
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    n1, n2 = len(a), len(b)
    pooled = math.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / (n1 + n2 - 2))
    d = (a.mean() - b.mean()) / pooled
    j = 1.0 - 3.0 / (4.0 * (n1 + n2 - 2) - 1.0)
    var_d = (n1 + n2) / (n1 * n2) + d * d / (2.0 * (n1 + n2))
    se = j * math.sqrt(var_d)
    z = st.norm.ppf(0.975)
    g = j * d
    return {"n1": n1, "n2": n2, "d": num(d), "g": num(g), "standardError": num(se),
            "lower": num(g - z * se), "upper": num(g + z * se)}


def two_sample(a, b, equal_var):
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    r = st.ttest_ind(a, b, equal_var=equal_var)
    ci = r.confidence_interval(0.95)
    return {"t": num(r.statistic), "df": num(r.df), "p": num(r.pvalue), "difference": num(a.mean() - b.mean()),
            "lower": num(ci.low), "upper": num(ci.high)}


def survey_cases():
    rng = np.random.default_rng(1515)
    n = 40
    pre = survey_answers(rng, n, 0.0)
    post = survey_answers(rng, n, 0.35)
    pre[3, :3] = np.nan  # three of six answered: below the minimum, so no pre score
    arm = np.array([i % 2 for i in range(n)])
    pre_scores, pre_scored = scale_scores(pre)
    post_scores, _ = scale_scores(post)
    alpha, alpha_n = cronbach_alpha(pre_scored)
    change = post_scores - pre_scores
    return {
        "items": ITEMS, "reversed": REVERSED, "scaleMinimum": SCALE_MIN, "scaleMaximum": SCALE_MAX,
        "minimumAnswered": MINIMUM_ANSWERED,
        "pre": [nums(row) for row in pre], "post": [nums(row) for row in post], "arm": arm.tolist(),
        "preScores": nums(pre_scores), "postScores": nums(post_scores),
        "cronbachAlpha": num(alpha), "cronbachAlphaCompleteCases": alpha_n,
        "paired": paired(pre_scores, post_scores),
        "hedges": hedges(change[arm == 1], change[arm == 0]),
        "student": two_sample(change[arm == 1], change[arm == 0], True),
        "welch": two_sample(change[arm == 1], change[arm == 0], False),
    }


def power_cases():
    """statsmodels' solve_power stops within about 2e-6 of the root of its own power function, so the
    reference is that root found by brentq to 1e-14; solve_power's answer is kept beside it."""
    out = []
    analysis = TTestIndPower()
    for n in (10, 24, 50, 200):
        solved = analysis.solve_power(nobs1=n, alpha=0.05, power=0.8, ratio=1)
        root = scipy.optimize.brentq(lambda d: analysis.power(d, n, 0.05, ratio=1) - 0.8, 0.9 * solved, 1.1 * solved,
                                     xtol=1e-14, rtol=1e-14)
        powers = [{"effectSize": d, "power": num(analysis.power(d, n, 0.05, ratio=1))} for d in (0.2, 0.5, 0.8)]
        out.append({"n": n, "minimumDetectableEffect": num(root), "solvePower": num(solved), "powers": powers})
    return out


def build():
    warnings.simplefilter("ignore")
    return {
        "generatedBy": "Tests/tools/statistics_reference.py",
        "versions": {"lifelines": lifelines.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__, "numpy": np.__version__, "pandas": pd.__version__},
        "distributions": distributions(),
        "survival": survival_cases() + [rossi()],
        "survey": survey_cases(),
        "power": power_cases(),
    }


def differences(expected, actual, path="$"):
    """Yields a description of every place where two fixtures differ by more than the tolerance."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if key == "versions":
                continue
            if key not in expected or key not in actual:
                yield f"{path}.{key}: present in only one"
            else:
                yield from differences(expected[key], actual[key], f"{path}.{key}")
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            yield f"{path}: length {len(expected)} != {len(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            yield from differences(e, a, f"{path}[{i}]")
    elif isinstance(expected, (int, float)) and isinstance(actual, (int, float)) \
            and not isinstance(expected, bool):
        if abs(expected - actual) > CHECK_TOLERANCE * max(1.0, abs(expected)):
            yield f"{path}: {expected!r} != {actual!r}"
    elif expected != actual:
        yield f"{path}: {expected!r} != {actual!r}"


def main(argv):
    data = build()
    if "--check" in argv:
        committed = json.loads(FIXTURE.read_text())
        if committed.get("versions") != data["versions"]:
            print(f"statistics_reference: note: fixture made with {committed.get('versions')}, "
                  f"checking with {data['versions']}", file=sys.stderr)
        found = list(differences(committed, data))
        for line in found[:50]:
            print("statistics_reference: " + line, file=sys.stderr)
        if found:
            print(f"statistics_reference: {len(found)} values differ from {FIXTURE}", file=sys.stderr)
            return 1
        print("statistics_reference: the fixture matches lifelines, scipy, statsmodels and numpy")
        return 0
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(data, separators=(",", ":"), allow_nan=False) + "\n")
    print(f"statistics_reference: wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
