#!/usr/bin/env bash
# Times `metrics` on every shipped model: the whole process (start, loading the model and the data,
# the metrics, exit), the metrics alone (the command's own "seconds", data and model loaded), and
# the CPU time of the whole process (user + system, both cores together), which a busy machine
# inflates less than the elapsed time. Needs /usr/bin/time (Debian: time), bc and python3.
#
#   bench/metrics.sh                 # every model in models/, 3 rounds, M = 1,000
#   ROUNDS=5 SAMPLES=1000 bench/metrics.sh
#
# Each figure is the median over the rounds, with the fastest round beside it; the rounds go through all models in turn, so a slow
# spell of a shared machine falls on all of them. The machine and its load are printed first:
# on a machine that others are using, the seconds grow with the load.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SAMPLES=${SAMPLES:-1000}
[ -f target/latent-explorer.jar ] || mvn -B -q package -DskipTests
out=bench/out
mkdir -p "$out"
rm -f "$out"/metrics-*.json "$out"/cpu-*.json

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB, $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for model in models/*.lvae; do
    name=$(basename "$model" .lvae)
    case "$name" in fashion-mnist-*) data=fashion-mnist ;; *) data=mnist ;; esac
    start=$(date +%s.%N)
    /usr/bin/time -f '{"cpu": %U, "cpu_sys": %S}' -o "$out/cpu-$name-$round.json" \
        java -jar target/latent-explorer.jar metrics --model "$model" --data "$data" --samples "$SAMPLES" --json \
        > "$out/metrics-$name-$round.json"
    end=$(date +%s.%N)
    echo "{\"wall\": $(echo "$end - $start" | bc)}" >> "$out/metrics-$name-$round.json"
    cat "$out/cpu-$name-$round.json" >> "$out/metrics-$name-$round.json"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out" "$ROUNDS" "$SAMPLES" <<'PY'
import glob, json, os, statistics, sys
out, rounds, samples = sys.argv[1:4]
print(f"metrics --samples {samples}: median (fastest) of {rounds} rounds, seconds")
print()
print("| model | metrics alone | whole process | CPU time of the process |")
print("| --- | ---: | ---: | ---: |")
names = sorted({os.path.basename(f).rsplit("-", 1)[0][len("metrics-"):] for f in glob.glob(f"{out}/metrics-*.json")})
for name in names:
    inner, wall, cpu = [], [], []
    for r in range(1, int(rounds) + 1):
        f = f"{out}/metrics-{name}-{r}.json"
        lines = [json.loads(l) for l in open(f) if l.strip()]
        inner.append(lines[0]["seconds"])
        wall.append(lines[1]["wall"])
        cpu.append(lines[2]["cpu"] + lines[2]["cpu_sys"])
    fig = lambda v: f"{statistics.median(v):.2f} ({min(v):.2f})"
    print(f"| {name} | {fig(inner)} | {fig(wall)} | {fig(cpu)} |")
PY
