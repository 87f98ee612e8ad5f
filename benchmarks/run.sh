#!/usr/bin/env bash
# The benchmarks of docs/performance.md, in one run. Every speed figure is a ratio against a
# reference run side by side (xmllint, OR-Tools CP-SAT) or a count; machines here are noisy.
#
#   benchmarks/run.sh [--quick] [--cpsat-seconds N] [--smptsp-cpsat all|small|gaps|none]
#
# --quick                1,000 plans instead of 10,000 and smaller terms (a smoke run)
# --cpsat-seconds N      time limit per CP-SAT phase (default 60, as the targets are stated)
# --smptsp-cpsat WHICH   run CP-SAT on all 137 ptask instances, those of at most 200 jobs (25),
#                        those of at most 200 jobs and those where trainplan is above the lower
#                        bound (gaps: the only ones where CP-SAT could use fewer workers), or none
#                        (default: small; all takes 137 × N seconds)
# --sections LIST        which parts to run, comma-separated: check,schedule,quality,smptsp,smptsp-weak,smptsp-short,workspace
# Writes out/benchmarks/results.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
cpsat_seconds=60
smptsp_cpsat=small
sections=check,schedule,quality,smptsp,smptsp-weak,smptsp-short,workspace
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --cpsat-seconds) cpsat_seconds=$2; shift ;;
    --smptsp-cpsat) smptsp_cpsat=$2; shift ;;
    --sections) sections=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done

# What the benchmarks need: xmllint (Debian's libxml2-utils), GNU time, wrk, OR-Tools.
need=()
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -c "import ortools" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check ortools

swift build -c release --product trainplan >/dev/null
swift build -c release --product trainplan-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
tp=$bin/trainplan
bench=$bin/trainplan-bench
work=out/benchmarks
mkdir -p "$work"
results=$work/results-${sections//,/-}.md
: > "$results"
wanted() { [[ ",$sections," == *",$1,"* ]]; }
log() { echo "$@" | tee -a "$results"; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[1]):.2f}')" "$1"; }
ratio() { python3 -c "import sys; a, b = map(float, sys.argv[1:]); print(f'{a / b:.2f}' if b else '—')" "$1" "$2"; }
millis() { python3 -c "import sys; print(f'{1000 * float(sys.argv[1]) / 50:.1f}')" "$1"; }
# Runs a command 3 times; prints the median wall time and the peak memory (MB) of the runs.
measure() {
  local times=() mem=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    read -r t m < <(tail -n 1 "$work/time.txt")
    times+=("$t")
    [ "$m" -gt "$mem" ] && mem=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "$median $((mem / 1024))"
}

log "# trainplan benchmarks"
log ""
log "$(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(swift --version 2>/dev/null | head -1), libxml2 $(xmllint --version 2>&1 | head -1 | awk '{print $NF}')"
log ""

# 1. Checking plans against xmllint --noout.
if wanted check; then
log "## Checking plans (trainplan check vs xmllint --noout, same files)"
log ""
log "Small plans are 1–2 KB, typical 4–6 KB, both varied in shape (trainplan-bench plans --size); mixed"
log "is the original corpus. Start-up is one small plan checked alone (per run, of 50 runs): the fixed cost of a run."
log ""
log "| plans | size | xmllint | trainplan check | ratio | trainplan peak memory |"
log "|---:|---|---:|---:|---:|---:|"
check_row() { # plans size folder
  read -r xt _ < <(measure sh -c "find '$3' -name '*.xml' -print0 | xargs -0 xmllint --noout")
  read -r tt tm < <(measure "$tp" check "$3" --rubric Rubrics/adult-learning.xml --methods Rubrics/methods.xml --verbs Rubrics/verbs.xml)
  log "| $1 | $2 | $(seconds "$xt") s | $(seconds "$tt") s | $(ratio "$tt" "$xt") | $tm MB |"
}
counts="1000 10000"
[ "$quick" = 1 ] && counts="1000"
for size in small typical mixed; do
  for n in $counts; do
    [ "$size" = mixed ] && [ "$n" != 10000 ] && [ "$quick" = 0 ] && continue
    "$bench" plans --count "$n" --seed 1 --size "$size" --out "$work/plans-$size-$n"
    check_row "$n" "$size" "$work/plans-$size-$n"
  done
done
# Start-up: one small plan checked 50 times in a row (one run is below the timer's 10 ms), per run.
one=$work/plans-small-1000/plan-000000.xml
rubric_args="--rubric Rubrics/adult-learning.xml --methods Rubrics/methods.xml --verbs Rubrics/verbs.xml"
startup_row() { # label binary
  read -r xt _ < <(measure sh -c "for i in \$(seq 50); do xmllint --noout '$one'; done")
  read -r tt tm < <(measure sh -c "for i in \$(seq 50); do '$2' check '$one' $rubric_args; done")
  log "| 1 ($1) | small | $(millis "$xt") ms | $(millis "$tt") ms | $(ratio "$tt" "$xt") | $tm MB |"
}
startup_row start-up "$tp"
# The same with the Swift runtime and Foundation linked in (no shared libraries to load and
# relocate at each start); its own build folder, so the default build's flags are left alone.
if swift build -c release --product trainplan --static-swift-stdlib --scratch-path .build/static >/dev/null 2>&1; then
  startup_row "start-up, --static-swift-stdlib" .build/static/release/trainplan
fi
log ""
fi

# 2. Scheduling time and memory as the term grows.
if wanted schedule; then
log "## Scheduling (trainplan schedule, release build, seed 7)"
log ""
sizes="500 1000 2000 5000 10000 20000"
[ "$quick" = 1 ] && sizes="500 1000"
fit=$work/schedule-fit.tsv
: > "$fit"
schedule_row() { # offerings trainers
  local n=$1 t=$2 dir=$work/term-$1-$2
  "$bench" term --offerings "$n" --trainers "$t" --seed 7 --out "$dir"
  # --fresh: every run does the same work. Without it a rerun keeps what it can of the previous
  # run's assignments.xml (other work; at 20,000 offerings that file is over the 4 MiB input cap
  # of docs/security.md and is passed over with a note).
  local args=(schedule --roster "$dir/trainers.xml" --term "$dir/term.xml" --plans "$dir/plans" --out "$dir/out" --fresh)
  read -r st sm < <(measure "$tp" "${args[@]}")
  # The count from the run's own summary line ("N of M offerings fully staffed").
  local full
  # (exit status 1 when an offering is not fully staffed: not a failure of the benchmark)
  full=$({ "$tp" "${args[@]}" 2>&1 >/dev/null || true; } | sed -n 's/^trainplan: \([0-9]*\) of [0-9]* offerings fully staffed.*/\1/p' | tail -1)
  [ -n "$full" ] || full="run failed (see $dir)"
  log "| $n | $t | $(seconds "$st") s | $sm MB | $full |"
  [ "$t" = 300 ] && [ "$n" -ge 1000 ] && printf '%s\t%s\n' "$n" "$st" >> "$fit"
  return 0
}
log "| offerings | trainers | wall time | peak memory | fully staffed |"
log "|---:|---:|---:|---:|---:|"
for n in $sizes; do
  schedule_row "$n" 300
done
[ "$quick" = 1 ] || schedule_row 20000 1000
log ""
# The exponent k of time ≈ c · offerings^k, least squares on the logarithms (300 trainers,
# 1,000 offerings and more); offerings × log(offerings) fits k ≈ 1.1 over this range.
python3 - "$fit" <<'PY' | tee -a "$results"
import math, sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
if len(rows) >= 2:
    xs, ys = [math.log(n) for n, _ in rows], [math.log(max(t, 0.01)) for _, t in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    print(f"Fitted exponent of time against offerings ({int(rows[0][0])} to {int(rows[-1][0])}, 300 trainers): {k:.2f}")
    print()
PY
fi

# 3. Schedule quality against CP-SAT.
if wanted quality; then
log "## Schedule quality against OR-Tools CP-SAT ($cpsat_seconds s per phase)"
log ""
log "| offerings | trainers | trainplan fully staffed | CP-SAT fully staffed | CP-SAT proven | trainplan busiest h | CP-SAT busiest h | trainplan time | CP-SAT time |"
log "|---:|---:|---:|---:|---|---:|---:|---:|---:|"
for spec in "100 30" "300 60" "1000 150"; do
  set -- $spec
  n=$1; t=$2
  [ "$quick" = 1 ] && [ "$n" = 1000 ] && continue
  dir=$work/quality-$n
  "$bench" term --offerings "$n" --trainers "$t" --seed 11 --out "$dir"
  "$bench" export --roster "$dir/trainers.xml" --term "$dir/term.xml" --plans "$dir/plans" > "$dir/export.json"
  start=$(date +%s.%N)
  "$tp" schedule --roster "$dir/trainers.xml" --term "$dir/term.xml" --plans "$dir/plans" --out "$dir/out" >/dev/null 2>&1 || true
  ours_time=$(python3 -c "import time,sys; print(time.time() - float(sys.argv[1]))" "$start")
  ours=$(python3 benchmarks/schedule_metrics.py "$dir/out/assignments.xml" "$dir/export.json")
  theirs=$(python3 benchmarks/cpsat_schedule.py "$dir/export.json" --seconds "$cpsat_seconds")
  python3 - "$n" "$t" "$ours" "$theirs" "$ours_time" >> "$results" <<'PY'
import json, sys
n, t, ours, theirs, took = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4]), float(sys.argv[5])
print(f"| {n} | {t} | {ours['fully']} (primaries {ours['primaries']}, backups {ours['backups']}) | "
      f"{theirs.get('fully')} (primaries {theirs.get('primaries')}, backups {theirs.get('backups')}) | "
      f"{'yes' if theirs.get('proven') else 'no'} | {ours['busiest_hours']:.2f} | "
      f"{theirs.get('busiest_hours') or 0:.2f}{'' if theirs.get('busiest_proven') else ' (not proven)'} | {took:.2f} s | {theirs.get('seconds')} s |")
PY
  tail -1 "$results"
done
log ""
fi

# 4. The personnel task scheduling benchmark.
if ! wanted smptsp; then
  :
elif [ -d ../shared/benchmarks/smptsp/ptask ]; then
  log "## Personnel task scheduling (SMPTSP ptask, 137 instances, closed end times)"
  log ""
  tsv=$work/smptsp.tsv
  : > "$tsv"
  for f in ../shared/benchmarks/smptsp/ptask/*.dat; do
    name=$(basename "$f" .dat)
    lb=$(awk -v n="$name" '$1 == n {print $4}' ../shared/benchmarks/smptsp/lower-bounds.tsv)
    jobs=$(awk -v n="$name" '$1 == n {print $2}' ../shared/benchmarks/smptsp/lower-bounds.tsv)
    /usr/bin/time -f "%e" -o "$work/time.txt" "$bench" smptsp "$f" > "$work/smptsp.out" 2>/dev/null || true
    sed -i '$!d' "$work/time.txt"
    workers=$(sed -n 's/^workers: //p' "$work/smptsp.out")
    cp=""
    if [ "$smptsp_cpsat" = all ] || { [ "$smptsp_cpsat" != none ] && [ "$jobs" -le 200 ]; } \
      || { [ "$smptsp_cpsat" = gaps ] && [ -n "$workers" ] && [ "$workers" -gt "$lb" ]; }; then
      cp=$(python3 benchmarks/cpsat_smptsp.py "$f" --seconds "$cpsat_seconds" | awk '{print $2 "/" $3}')
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$jobs" "$lb" "${workers:-none}" "$(cat "$work/time.txt")" "$cp" >> "$tsv"
  done
  python3 - "$tsv" >> "$results" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
valid = [r for r in rows if r[3] != "none"]
gaps = [(int(r[3]) - int(r[2])) / int(r[2]) for r in valid]
at = sum(1 for r in valid if r[3] == r[2])
slow = max(valid, key=lambda r: float(r[4]))
print(f"- solved with a valid assignment: {len(valid)} of {len(rows)}")
print(f"- at the closed lower bound: {at}; mean gap to the bound: {100 * sum(gaps) / len(gaps):.2f}%; "
      f"largest gap: {max(int(r[3]) - int(r[2]) for r in valid)} workers")
print(f"- slowest instance: {slow[0]} in {float(slow[4]):.2f} s; instances over 10 s: "
      f"{sum(1 for r in valid if float(r[4]) > 10)}")
compared = [r for r in valid if r[5] and r[5].split('/')[0] not in ('-', '')]
if compared:
    worse = [r for r in compared if int(r[3]) > int(r[5].split('/')[0])]
    better = [r for r in compared if int(r[3]) < int(r[5].split('/')[0])]
    none = [r for r in rows if r[5].startswith('-')]
    print(f"- against CP-SAT on {len(compared)} instances: trainplan uses more workers on {len(worse)}, "
          f"fewer on {len(better)}, the same on {len(compared) - len(worse) - len(better)}"
          + (f"; CP-SAT found no solution on {len(none)}" if none else ""))
    for r in worse:
        print(f"  - {r[0]}: trainplan {r[3]}, CP-SAT {r[5]}")
print()
print("| instance | jobs | bound | trainplan | seconds | CP-SAT |")
print("|---|---:|---:|---:|---:|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {float(r[4]):.2f} | {r[5] or '—'} |")
PY
else
  log "SMPTSP: ../shared/benchmarks/smptsp not found; skipped."
fi
# 4b. SMPTSP instances of the weak-bound family, generated here (trainplan-bench smptsp-generate:
# workers qualified for 25-50 % of the jobs inside a shift window), beside CP-SAT.
if wanted smptsp-weak; then
  log "## Personnel task scheduling, generated weak-bound family (smptsp-generate, CP-SAT ${cpsat_seconds} s)"
  log ""
  log "| instance | jobs | workers given | max-overlap M | bound B | trainplan | seconds | CP-SAT |"
  log "|---|---:|---:|---:|---:|---:|---:|---|"
  weak_seeds="1 2 3 4 5 6 7 8"
  [ "$quick" = 1 ] && weak_seeds="1 2"
  for jobs in 100 200; do
    for w in 22 40; do
      [ "$jobs" = 200 ] && w=$((w * 2))
      for seed in $weak_seeds; do
        f=$work/weak-$jobs-$w-$seed.dat
        "$bench" smptsp-generate --jobs "$jobs" --workers "$w" --seed "$seed" > "$f"
        status=0
        /usr/bin/time -f "%e" -o "$work/time.txt" "$bench" smptsp "$f" > "$work/weak.out" 2> "$work/weak.err" || status=$?
        sed -i '$!d' "$work/time.txt"
        used=$(sed -n 's/^workers: //p' "$work/weak.out")
        bound=$(sed -n 's/^bound: \([0-9]*\).*/\1/p' "$work/weak.out")
        overlap=$(sed -n 's/.*(max-overlap \([0-9]*\)).*/\1/p' "$work/weak.out")
        if [ "$status" -ne 0 ]; then used="none (exit $status)"; fi
        cp=$(python3 benchmarks/cpsat_smptsp.py "$f" --seconds "$cpsat_seconds" | awk '{print $2 "/" $3}')
        log "| weak-$jobs-$w-$seed | $jobs | $w | ${overlap:-—} | ${bound:-—} | $used | $(cat "$work/time.txt") | $cp |"
      done
    done
  done
  log ""
fi

# 4c. The same generator with short shifts (6-10 h of the day per worker): max-overlap M says
# little here, and the workers given W are near the fewest that can cover the jobs (tight) or well above (150).
# The CP-SAT column is workers/status/its own lower bound.
if wanted smptsp-short; then
  log "## Personnel task scheduling, short shifts (smptsp-generate --shift 6-10, CP-SAT ${cpsat_seconds} s)"
  log ""
  log "CP-SAT's column is workers/status/its own proven lower bound; B is trainplan's."
  log ""
  log "| instance | jobs | workers given | max-overlap M | bound B | trainplan | seconds | CP-SAT |"
  log "|---|---:|---:|---:|---:|---:|---:|---|"
  short_seeds="1 2 3"
  [ "$quick" = 1 ] && short_seeds="1"
  for jw in 200:50 200:80 200:150 400:70 400:100 400:150; do
    jobs=${jw%:*} w=${jw#*:}
    for seed in $short_seeds; do
      f=$work/short-$jobs-$w-$seed.dat
      "$bench" smptsp-generate --jobs "$jobs" --workers "$w" --seed "$seed" --shift 6-10 > "$f"
      status=0
      /usr/bin/time -f "%e" -o "$work/time.txt" "$bench" smptsp "$f" > "$work/weak.out" 2> "$work/weak.err" || status=$?
      sed -i '$!d' "$work/time.txt"
      used=$(sed -n 's/^workers: //p' "$work/weak.out")
      bound=$(sed -n 's/^bound: \([0-9]*\).*/\1/p' "$work/weak.out")
      overlap=$(sed -n 's/.*(max-overlap \([0-9]*\)).*/\1/p' "$work/weak.out")
      if [ "$status" -ne 0 ]; then used="none (exit $status)"; fi
      cp=$(python3 benchmarks/cpsat_smptsp.py "$f" --seconds "$cpsat_seconds" | awk '{print $2 "/" $3 "/" $7}')
      log "| short-$jobs-$w-$seed | $jobs | $w | ${overlap:-—} | ${bound:-—} | $used | $(cat "$work/time.txt") | $cp |"
    done
  done
  log ""
fi

# 5. The workspace: the editor's live check through HTTP against trainplan check on the same plan.
if wanted workspace; then
log "## The workspace (trainplan serve: the editor's live check under wrk vs trainplan check)"
log ""
ws_id=active-listening
ws_n=40000
ws_seconds=15
ws_target=100000
[ "$quick" = 1 ] && ws_n=2000 ws_seconds=5 ws_target=10000
log "Load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)."
log ""
# check: the one shipped plan, N copies in a folder. Each copy gets its own session id (else every
# copy is a duplicate of the others: an error per plan that the editor's check of the one plan does
# not have); --no-curriculum, since the live check judges the plan alone, not the curriculum.
ws_plans=$work/workspace-plans-$ws_n
rm -rf "$ws_plans"
python3 - "SessionPlans/$ws_id.xml" "$ws_plans" "$ws_n" <<'PY'
import os, sys
source, folder, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(source, encoding="utf-8").read()
stem = os.path.basename(source)[:-4]
assert text.count(f'id="{stem}"') == 1
os.makedirs(folder)
for i in range(n):
    with open(os.path.join(folder, f"plan-{i:06d}.xml"), "w", encoding="utf-8") as out:
        out.write(text.replace(f'id="{stem}"', f'id="{stem}-{i:06d}"'))
PY
read -r ct cm < <(measure "$tp" check "$ws_plans" --no-curriculum \
  --rubric Rubrics/adult-learning.xml --methods Rubrics/methods.xml --verbs Rubrics/verbs.xml)
check_rate=$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$ws_n" "$ct")
# CPU time per plan (user + system, one more run): less moved by other work on the machine than wall time.
/usr/bin/time -f "%U %S" -o "$work/time.txt" "$tp" check "$ws_plans" --no-curriculum \
  --rubric Rubrics/adult-learning.xml --methods Rubrics/methods.xml --verbs Rubrics/verbs.xml >/dev/null 2>&1 || true
check_cpu=$(tail -n 1 "$work/time.txt" | awk -v n="$ws_n" '{printf "%.0f", 1e6 * ($1 + $2) / n}')

# serve: a copy of the shipped project on a free loopback port; the page's token, the plan's document.
ws_project=$work/workspace-project
rm -rf "$ws_project"
mkdir -p "$ws_project"
cp -R SessionPlans Rubrics Schemas Rosters "$ws_project/"
ws_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$ws_project" && exec "$tp" serve --port "$ws_port") 2> "$work/workspace-serve.log" &
ws_pid=$!
ws_sampler=
trap 'kill $ws_sampler $ws_pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  grep -q "the workspace is at" "$work/workspace-serve.log" 2>/dev/null && break
  kill -0 "$ws_pid" 2>/dev/null || { cat "$work/workspace-serve.log" >&2; exit 1; }
  sleep 0.1
done
ws_url=http://127.0.0.1:$ws_port
ws_wrk=$work/workspace-wrk
rm -rf "$ws_wrk"
mkdir -p "$ws_wrk"
python3 - "$ws_url" "$ws_id" "$ws_wrk" <<'PY'
import json, re, sys, urllib.request
url, plan, folder = sys.argv[1:]
page = urllib.request.urlopen(f"{url}/plans/{plan}").read().decode()
token = re.search(r'<meta name="trainplan-token" content="([^"]+)"', page).group(1)
document = json.load(urllib.request.urlopen(f"{url}/api/plans/{plan}"))["document"]
body = json.dumps(document).encode()
open(f"{folder}/body.json", "wb").write(body)
# The editor's POST, once: it must be answered with the findings before wrk repeats it.
request = urllib.request.Request(f"{url}/api/plans/{plan}/check", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "X-Trainplan-Token": token})
answer = urllib.request.urlopen(request)
check = json.load(answer)
assert answer.status == 200 and "findings" in check, check
open(f"{folder}/check.json", "w").write(json.dumps(check, indent=1))
with open(f"{folder}/check.lua", "w") as lua:
    lua.write(f'''local file = assert(io.open("{folder}/body.json", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Trainplan-Token"] = "{token}"
''')
print(f"{len(body)} bytes of JSON, {len(check['findings'])} findings, verdict {check['verdict']}", file=sys.stderr)
PY
# The server's resident set, once a second, from before the first request to the end.
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$ws_pid/status"; }
(while kill -0 "$ws_pid" 2>/dev/null; do echo "$(rss)"; sleep 1; done) > "$ws_wrk/rss.txt" 2>/dev/null &
ws_sampler=$!
# wrk, 2 threads and 2 connections; prints requests/s, requests, non-2xx + socket errors, p50 p75 p90 p99.
ws_run() { # name seconds url [wrk args]
  local name=$1 seconds=$2 url=$3
  shift 3
  /usr/bin/time -f "%U %S" -o "$ws_wrk/$name.cpu" wrk -t2 -c2 -d"${seconds}s" --latency "$@" "$url" > "$ws_wrk/$name.txt"
  python3 - "$ws_wrk/$name.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", v).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
count = int(re.search(r"(\d+) requests in", text).group(1))
bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
bad += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
p = {k: ms(v) for k, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M)}
print(f"{rate:.0f} {count} {bad} {p['50']:.2f} {p['75']:.2f} {p['90']:.2f} {p['99']:.2f}")
PY
}
ticks() { awk '{print $14 + $15}' "/proc/$ws_pid/stat"; }
rss_start=$(rss)
ticks_start=$(ticks)
read -r live_rate total bad p50 p75 p90 p99 < <(ws_run check-1 "$ws_seconds" "$ws_url/api/plans/$ws_id/check" -s "$ws_wrk/check.lua")
rss_first=$(rss)
# CPU time per request (µs): the server's from /proc/PID/stat, wrk's from GNU time.
per_request() { python3 -c "import sys; print(f'{1e6 * float(sys.argv[1]) / float(sys.argv[2]) / int(sys.argv[3]):.0f}')" "$@"; }
server_cpu=$(per_request "$(( $(ticks) - ticks_start ))" "$(getconf CLK_TCK)" "$total")
wrk_cpu=$(per_request "$(tail -n 1 "$ws_wrk/check-1.cpu" | awk '{print $1 + $2}')" 1 "$total")
first_total=$total
rates=$live_rate
# More of the same until the server has answered ws_target live checks (at most 40 runs).
runs=1
while [ "$total" -lt "$ws_target" ] && [ "$runs" -lt 40 ]; do
  runs=$((runs + 1))
  read -r r c b _ < <(ws_run "check-$runs" "$ws_seconds" "$ws_url/api/plans/$ws_id/check" -s "$ws_wrk/check.lua")
  total=$((total + c)); bad=$((bad + b)); rates="$rates, $r"
done
rss_last=$(rss)
read -r page_rate page_total page_bad g50 g75 g90 g99 < <(ws_run page "$ws_seconds" "$ws_url/plans/$ws_id")
kill "$ws_sampler" "$ws_pid" 2>/dev/null || true
wait "$ws_pid" 2>/dev/null || true
trap - EXIT
rss_max=$(sort -n "$ws_wrk/rss.txt" | tail -1)
mb() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1024:.1f}')" "$1"; }
log "One shipped plan ($ws_id.xml, $(wc -c < "SessionPlans/$ws_id.xml") bytes): \`trainplan check\` on $ws_n copies in a"
log "folder (each with its own session id, \`--no-curriculum\`, text to /dev/null, median of 3) against the editor's"
log "live check, \`POST /api/plans/$ws_id/check\` with the page's JSON document ($(wc -c < "$ws_wrk/body.json") bytes) and token,"
log "under \`wrk -t2 -c2 -d${ws_seconds}s --latency\` on loopback; the server runs in a copy of the shipped project."
log ""
log "| measure | figure |"
log "|---|---:|"
log "| \`trainplan check\`, $ws_n copies | $(seconds "$ct") s, **$check_rate plans/s**, $cm MB peak |"
log "| live check, first wrk run ($first_total requests) | **$live_rate requests/s** |"
log "| ratio live / check (goal ≥ 0.5) | **$(ratio "$live_rate" "$check_rate")** |"
log "| CPU time per plan: \`check\` / server per live check / wrk per request | $check_cpu / $server_cpu / $wrk_cpu µs |"
log "| live check latency p50 / p75 / p90 / p99 | $p50 / $p75 / $p90 / $p99 ms |"
log "| live check, every run ($runs × ${ws_seconds} s, $total requests) | $rates requests/s; $bad failed or not 2xx |"
log "| page \`GET /plans/$ws_id\` ($page_total requests) | $page_rate requests/s, p50 / p90 / p99 $g50 / $g90 / $g99 ms; $page_bad failed or not 2xx |"
log "| server RSS: started / after $first_total / after $total live checks / max (1 s samples) | $(mb "$rss_start") / $(mb "$rss_first") / $(mb "$rss_last") / $(mb "$rss_max") MB |"
log ""
log "Load after: $(cut -d' ' -f1-3 /proc/loadavg)."
log ""
fi

echo
cat "$results"
