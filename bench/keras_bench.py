"""Keras side of `npm run bench`: a worker that trains the benchmark models on the same float32
files as TensorFlow.js, so that the two can be timed alternately in one run.

Reads one JSON command per line on stdin and answers one JSON line on stdout:
  {"cmd": "info"}                        -> versions and thread settings
  {"cmd": "setup", ...model config...}   -> loads the data, builds and compiles the model, warms up
  {"cmd": "epoch"}                       -> seconds of one `model.fit(..., epochs=1)` call
  {"cmd": "matmul", "n": 1024, "reps": 5} -> FLOP/s of an n x n matmul (median)
  {"cmd": "quit"}
Runs only in the separate benchmark environment build/bench-venv, never in the lessons.
"""
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
THREADS = int(os.environ.get("BENCH_THREADS", os.cpu_count() or 1))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(THREADS)
tf.config.threading.set_inter_op_parallelism_threads(THREADS)
import keras  # noqa: E402

state = {}


def reply(**payload):
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def setup(cfg):
    rows, f, l = cfg["rows"], cfg["numFeatures"], cfg["numLabels"]
    raw = np.fromfile(cfg["path"], dtype="<f4")
    if raw.size != rows * (f + l):
        raise ValueError(f"{cfg['path']} holds {raw.size} floats, expected {rows * (f + l)}")
    x = raw[: rows * f].reshape(rows, f)
    y = raw[rows * f :].reshape(rows, l)
    keras.utils.set_random_seed(cfg["seed"])
    layers = [keras.Input((f,))]
    layers += [keras.layers.Dense(u, activation="relu") for u in cfg["hiddenUnits"]]
    layers += [keras.layers.Dense(l, activation="sigmoid")]
    model = keras.Sequential(layers)
    opt = keras.optimizers.RMSprop(cfg["learningRate"]) if cfg["optimizer"] == "rmsprop" else keras.optimizers.SGD(cfg["learningRate"])
    model.compile(loss="binary_crossentropy", optimizer=opt, metrics=["binary_accuracy"])
    state.update(model=model, x=x, y=y, batch=cfg["batchSize"], split=cfg["validationSplit"])
    # Warm-up: trace the train and test functions on a few batches before anything is timed.
    n = min(rows, cfg["batchSize"] * 20)
    model.fit(x[:n], y[:n], epochs=1, batch_size=cfg["batchSize"], validation_split=cfg["validationSplit"] or 0.0, verbose=0)


def epoch():
    s = state
    t0 = time.perf_counter()
    s["model"].fit(s["x"], s["y"], epochs=1, batch_size=s["batch"], validation_split=s["split"] or 0.0, shuffle=True, verbose=0)
    return time.perf_counter() - t0


def matmul(n, reps):
    a = tf.random.uniform((n, n), -1, 1, seed=1)
    b = tf.random.uniform((n, n), -1, 1, seed=2)
    times = []
    for i in range(reps + 1):
        t0 = time.perf_counter()
        tf.matmul(a, b).numpy()
        if i > 0:  # the first product is a warm-up
            times.append(time.perf_counter() - t0)
    times.sort()
    return 2 * n**3 / times[len(times) // 2]


def main():
    for line in sys.stdin:
        cmd = json.loads(line)
        try:
            if cmd["cmd"] == "info":
                reply(ok=True, keras=keras.__version__, tensorflow=tf.__version__, threads=THREADS, backend=keras.backend.backend())
            elif cmd["cmd"] == "setup":
                setup(cmd)
                reply(ok=True)
            elif cmd["cmd"] == "epoch":
                reply(ok=True, seconds=epoch())
            elif cmd["cmd"] == "matmul":
                reply(ok=True, flops=matmul(cmd["n"], cmd["reps"]))
            elif cmd["cmd"] == "quit":
                reply(ok=True)
                return
            else:
                reply(ok=False, error=f"unknown command {cmd['cmd']}")
        except Exception as e:  # report and keep serving
            reply(ok=False, error=f"{type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
