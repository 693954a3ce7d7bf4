#!/usr/bin/env bash
# The long fuzzing run of the file loaders: Jazzer's coverage-guided fuzzer on each loader (IDX
# images and labels, plain and gzipped; a folder of PNG/JPEG/BMP/GIF files; .lvae model files, with
# peek and read), each in its own JVM with a 512 MB heap and 10 s per input, starting from the
# checked-in seeds (src/test/resources/org/latentexplorer/fuzz/LoaderFuzzTestInputs).
#
#   bench/fuzz.sh                       # 10,000 inputs per loader (a few minutes)
#   bench/fuzz.sh 100000                # more
#   bench/fuzz.sh 20000 modelFile       # one loader
#
# Prints one line per loader: inputs run, seconds, findings. A finding is any exception other than
# the loader's documented clear error (DataException, ModelFileException) or such an error that does
# not name the file, a timeout, or running out of memory; its input is kept as
# bench/out/fuzz/<loader>/crash-* (or timeout-*), next to the log and the corpus the run grew.
# Replay one: add it to the seeds folder of that loader and run `mvn test -Dtest=LoaderFuzzTest`.
# The exit code is 0 only when no loader had a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10000}
shift || true
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.latentexplorer.fuzz.FuzzRun "$runs" bench/out/fuzz "$@"
