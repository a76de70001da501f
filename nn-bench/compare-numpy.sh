#!/usr/bin/env bash
# The book's MNIST run (10,000 iterations, batch 100), nn against the lean NumPy peer, in ONE interleaved series:
# every round runs every program once, in the same order, so that the machine's drift hits all of them alike.
# Prints each program's median train_seconds (and min-max) over the rounds, and nn's speed-up over NumPy; then the
# same for train_seconds + eval_seconds, the loop's whole time with its 17 evaluations (nn's eval_seconds is the time
# it waited for them: on two threads most run beside the steps).
#
#   nn-bench/compare-numpy.sh [ROUNDS]        (default 3; build first: ./mvnw -q package -DskipTests)
#
# Needs ../shared (MNIST, peers/numpy) beside the repository, or NN_MNIST_DIR and NN_NUMPY_PEER set.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
export NN_MNIST_DIR="${NN_MNIST_DIR:-$(cd .. && pwd)/shared/datasets/mnist}"
peer="${NN_NUMPY_PEER:-$(cd .. && pwd)/shared/peers/numpy}"
jar=nn-examples/target/nn-examples.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -q package -DskipTests" >&2; exit 1; }
[ -f "$peer/bench_lean.py" ] || { echo "no NumPy peer at $peer (set NN_NUMPY_PEER)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

nn() { # dtype threads
  java --add-modules jdk.incubator.vector -Dnn.threads="$2" -jar "$jar" train-mnist --dtype "$1" --no-progress \
    --report "$out/report.json" >/dev/null 2>&1
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["train_seconds"], r["eval_seconds"])' "$out/report.json"
}
numpy() { # dtype threads
  (cd "$peer" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$2" \
    python3 bench_lean.py 0 --dtype "$1" --quiet) |
    python3 -c 'import json,sys; r=json.loads(sys.stdin.read().strip().splitlines()[-1]); print(r["train_seconds"], r["eval_seconds"])'
}

programs=("nn float64 2" "nn float64 1" "nn float32 2" "nn float32 1"
          "numpy f64 2" "numpy f64 1" "numpy f32 2" "numpy f32 1")
for r in $(seq 1 "$rounds"); do
  for p in "${programs[@]}"; do
    set -- $p
    t=$("$1" "$2" "$3")
    echo "$p $t" >>"$out/times"
    echo "round $r: $p: train and eval $t s" >&2
  done
done

python3 - "$out/times" "$rounds" <<'PY'
import statistics, sys
train, whole = {}, {}
for line in open(sys.argv[1]):
    who, dtype, threads, t, e = line.split()
    key = (who, {"f64": "float64", "f32": "float32"}.get(dtype, dtype), threads)
    train.setdefault(key, []).append(float(t))
    whole.setdefault(key, []).append(float(t) + float(e))
for title, times in (("train_seconds", train), ("train_seconds + eval_seconds", whole)):
    print(f"\nThe book's MNIST run, {title}: median (min-max) of {sys.argv[2]} interleaved rounds")
    print("| dtype | threads | nn | lean NumPy | nn's speed-up |")
    print("| --- | --- | --- | --- | --- |")
    for dtype in ("float64", "float32"):
        for threads in ("2", "1"):
            a, b = times[("nn", dtype, threads)], times[("numpy", dtype, threads)]
            ma, mb = statistics.median(a), statistics.median(b)
            print(f"| {dtype} | {threads} | {ma:.2f} s ({min(a):.2f}-{max(a):.2f}) | {mb:.2f} s ({min(b):.2f}-{max(b):.2f}) "
                  f"| {mb / ma:.2f}x |")
PY
