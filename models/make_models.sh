#!/usr/bin/env bash
# Trains every model shipped in models/ with the command recorded beside it, measures it on its
# test sets, and writes NAME.lvae and NAME.json (the commands, the training summary and the test
# figures). The runs are reproducible: the same seed gives the same weights on the same machine.
#
#   models/make_models.sh            # all of them (about 5 minutes on 2 cores)
#   models/make_models.sh mnist-ae   # one
#
# Needs the full Fashion-MNIST for the fashion models (Debian: dataset-fashion-mnist) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/latent-explorer.jar ] || mvn -B -q package -DskipTests
jar=target/latent-explorer.jar

# name | training arguments | datasets to evaluate on
models=(
  "mnist-vae|--data mnist --epochs 30 --kind vae --beta 1 --latent 2 --seed 1|mnist"
  "mnist-vae-beta4|--data mnist --epochs 30 --kind vae --beta 4 --latent 2 --seed 1|mnist"
  "mnist-ae|--data mnist --epochs 30 --kind ae --latent 2 --seed 1|mnist"
  "mnist-sparse-ae|--data mnist --epochs 30 --kind sparse-ae --lambda 1 --latent 2 --seed 1|mnist"
  "mnist-denoising-ae|--data mnist --epochs 30 --kind denoising-ae --noise 0.5 --latent 2 --seed 1|mnist"
  "mnist-pca|--data mnist --kind pca --latent 2|mnist"
  "fashion-mnist-vae|--data fashion-mnist-full --epochs 20 --kind vae --beta 1 --latent 2 --seed 1|fashion-mnist-full fashion-mnist"
  "fashion-mnist-ae|--data fashion-mnist-full --epochs 20 --kind ae --latent 2 --seed 1|fashion-mnist-full fashion-mnist"
)

only="${1:-}"
for entry in "${models[@]}"; do
  IFS='|' read -r name args evals <<< "$entry"
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  out="models/$name.lvae"
  train="java -jar $jar train $args --no-optimizer-state --force --json --out $out"
  echo "training $name: $train" >&2
  summary=$($train | tail -n 1)
  evaluations=()
  eval_commands=()
  for data in $evals; do
    cmd="java -jar $jar eval --model $out --data $data --json"
    echo "  $cmd" >&2
    evaluations+=("$($cmd)")
    eval_commands+=("$cmd")
  done
  python3 - "$name" "$out" "$train" "$summary" "${#evaluations[@]}" "${evaluations[@]}" "${eval_commands[@]}" \
      > "models/$name.json" <<'PY'
import json, sys
name, out, train, summary, n = sys.argv[1:6]
n = int(n)
evaluations = [json.loads(e) for e in sys.argv[6:6 + n]]
commands = sys.argv[6 + n:6 + 2 * n]
s = json.loads(summary)
record = {
    "model": out,
    "kind": s["kind"],
    "trained_with": train.replace(" --force --json", ""),
    # Timings are left out: they say how busy the machine was (bench/compare.sh measures speed).
    "training": {k: s[k] for k in ("epochs", "iterations", "peak_rss_mb")},
    "evaluated_with": commands,
    "test_metrics": [{k: v for k, v in e.items() if k not in ("model", "kind")} for e in evaluations],
}
print(json.dumps(record, indent=2))
PY
done
