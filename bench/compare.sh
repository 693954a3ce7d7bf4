#!/usr/bin/env bash
# Latent Explorer against the same model in PyTorch, on the same data, in the same run, one after
# the other on this machine. Prints both sets of figures and the ratios.
#
#   bench/compare.sh                      # full Fashion-MNIST (Debian dataset-fashion-mnist), 3 epochs
#   EPOCHS=5 DATA=mnist bench/compare.sh  # the shipped MNIST split
#   ROUNDS=5 bench/compare.sh             # more alternating rounds on a noisy machine
#   BASELINE_JAR=old.jar bench/compare.sh # also an earlier build, in the same rounds: did a change slow it?
#
# The two programs run alternately, ROUNDS times (default 3), so that a slow spell of a shared
# machine hits both; each figure is the median over the rounds. PyTorch with 2 threads runs once.
#
# Needs: the jar (built if missing), and python3 with torch (Debian: python3-torch libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS=${EPOCHS:-3}
ROUNDS=${ROUNDS:-3}
DATA=${DATA:-fashion-mnist-full}
case "$DATA" in
  fashion-mnist-full) DIR=/usr/share/datasets/fashion-mnist ;;
  fashion-mnist) DIR=assets/fashion-mnist ;;
  mnist) DIR=assets/mnist ;;
  *) DIR=$DATA ;;
esac
train=$(ls "$DIR"/train-images-idx3-ubyte* | head -1)
test=$(ls "$DIR"/t10k-images-idx3-ubyte* | head -1)

PY=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import torch' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "python3 with torch is not installed (apt-get install python3-torch libopenblas0-pthread)" >&2; exit 1; }
[ -f target/latent-explorer.jar ] || mvn -B -q package -DskipTests

out=bench/out
mkdir -p "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB" >&2
rm -f "$out"/java-*.json "$out"/torch*-*.json "$out"/base-*.json
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS: latent-explorer bench ($DATA, $EPOCHS epochs)..." >&2
  java -jar target/latent-explorer.jar bench --data "$DATA" --epochs "$EPOCHS" --json > "$out/java-$round.json"
  if [ -n "${BASELINE_JAR:-}" ]; then
    echo "round $round/$ROUNDS: baseline $BASELINE_JAR bench..." >&2
    java -jar "$BASELINE_JAR" bench --data "$DATA" --epochs "$EPOCHS" --json > "$out/base-$round.json"
  fi
  echo "round $round/$ROUNDS: PyTorch, 1 thread..." >&2
  "$PY" bench/torch_vae.py --train "$train" --test "$test" --epochs "$EPOCHS" --threads 1 --no-iwae \
      | tail -1 > "$out/torch1-$round.json"
done
echo "PyTorch, 2 threads..." >&2
"$PY" bench/torch_vae.py --train "$train" --test "$test" --epochs "$EPOCHS" --threads 2 --no-iwae \
    | tail -1 > "$out/torch2-1.json"

"$PY" - "$out" "$DATA" "$EPOCHS" <<'PY'
import glob, json, statistics, sys
out, data, epochs = sys.argv[1:4]
def load(prefix):
    return [json.load(open(f)) for f in sorted(glob.glob(f"{out}/{prefix}-*.json"))]
j, t1, t2, base = load("java"), load("torch1"), load("torch2"), load("base")
def med(runs, key):
    return round(statistics.median(r[key] for r in runs), 3)
rows = [("seconds per epoch (median of epochs)", "seconds_per_epoch_median", "sec_per_epoch_median"),
        ("test -ELBO after the last epoch", "test_neg_elbo", "test_neg_elbo"),
        ("decode 20x20 grid, ms (median of 200)", "decode_grid20_ms_median", "decode_grid20_ms_median"),
        ("decode 32x32 grid, ms (median of 200)", "decode_grid32_ms_median", "decode_grid32_ms_median"),
        ("encode 10,000 images, ms", "encode_ms_median", "encode_ms_median"),
        ("peak resident memory, MB", "peak_rss_mb", "peak_rss_mb")]
print(f"{data}, {epochs} epochs, batch 128, k = 2, seed 1; median of {len(j)} alternating rounds")
print()
if base:
    print("| figure | Latent Explorer | baseline | PyTorch, 1 thread | PyTorch, 2 threads | Latent Explorer / best PyTorch | baseline / best PyTorch |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
else:
    print("| figure | Latent Explorer | PyTorch, 1 thread | PyTorch, 2 threads | Latent Explorer / best PyTorch |")
    print("| --- | ---: | ---: | ---: | ---: |")
for label, jk, tk in rows:
    a, b, c = med(j, jk), med(t1, tk), med(t2, tk)
    if base:
        z = med(base, jk)
        print(f"| {label} | {a} | {z} | {b} | {c} | {a / min(b, c):.2f} | {z / min(b, c):.2f} |")
    else:
        print(f"| {label} | {a} | {b} | {c} | {a / min(b, c):.2f} |")
print()
print("per round, seconds per epoch: Latent Explorer", [r["seconds_per_epoch_median"] for r in j],
      *(["baseline", [r["seconds_per_epoch_median"] for r in base]] if base else []),
      "PyTorch 1 thread", [r["sec_per_epoch_median"] for r in t1])
PY
