#!/usr/bin/env bash
# Latent Explorer against the same model in PyTorch, on the same data, in the same run, one after
# the other on this machine. Prints both sets of figures and the ratios.
#
#   bench/compare.sh                      # full Fashion-MNIST (Debian dataset-fashion-mnist), 3 epochs
#   EPOCHS=5 DATA=mnist bench/compare.sh  # the shipped MNIST split
#
# Needs: the jar (built if missing), and python3 with torch (Debian: python3-torch libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS=${EPOCHS:-3}
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
echo "latent-explorer bench: $DATA, $EPOCHS epochs..." >&2
java -jar target/latent-explorer.jar bench --data "$DATA" --epochs "$EPOCHS" --json > "$out/java.json"
for threads in 1 2; do
  echo "PyTorch, $threads thread(s)..." >&2
  "$PY" bench/torch_vae.py --train "$train" --test "$test" --epochs "$EPOCHS" --threads "$threads" --no-iwae \
      | tail -1 > "$out/torch-$threads.json"
done

"$PY" - "$out" <<'PY'
import json, sys
out = sys.argv[1]
j = json.load(open(f"{out}/java.json"))
t = {n: json.load(open(f"{out}/torch-{n}.json")) for n in (1, 2)}
rows = [("seconds per epoch (median)", "seconds_per_epoch_median", "sec_per_epoch_median"),
        ("test -ELBO after the last epoch", "test_neg_elbo", "test_neg_elbo"),
        ("decode 20x20 grid, ms (median)", "decode_grid20_ms_median", "decode_grid20_ms_median"),
        ("decode 32x32 grid, ms (median)", "decode_grid32_ms_median", "decode_grid32_ms_median"),
        ("encode 10,000 images, ms", "encode_ms_median", "encode_ms_median"),
        ("peak resident memory, MB", "peak_rss_mb", "peak_rss_mb")]
print(f"| figure | Latent Explorer | PyTorch 1 thread | PyTorch 2 threads | ratio to best PyTorch |")
print(f"| --- | ---: | ---: | ---: | ---: |")
for label, jk, tk in rows:
    best = min(t[1][tk], t[2][tk])
    print(f"| {label} | {j[jk]} | {t[1][tk]} | {t[2][tk]} | {j[jk] / best:.2f} |")
PY
