#!/usr/bin/python3
"""Reference fixtures for the lossbook trainers and PRNG (run with /usr/bin/python3).

Writes test/fixtures/train-reference.json with
- "xoshiro128StarStar": outputs of the reference C code of xoshiro128** 1.1
  (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c), compiled
  with gcc, from fixed states; the TypeScript port must reproduce them bit for bit.
- "logistic": a fixed, non-separable two-feature dataset and scikit-learn's
  LogisticRegression fits on it: unregularised (penalty=None; "none" before
  sklearn 1.2) and with the default L2 penalty C=1.
- "softmax": a fixed, overlapping three-class dataset and sklearn's
  multinomial unregularised fit: coefficients, probabilities, mean log loss.

The vitest suite reads the JSON; Python is not needed at test time.
Usage: /usr/bin/python3 scripts/make-train-fixtures.py
"""
import json
import os
import subprocess
import tempfile

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "train-reference.json")

# The reference C code, verbatim apart from main().
XOSHIRO_C = r"""
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline uint32_t rotl(const uint32_t x, int k) {
	return (x << k) | (x >> (32 - k));
}

static uint32_t s[4];

uint32_t next(void) {
	const uint32_t result = rotl(s[1] * 5, 7) * 9;
	const uint32_t t = s[1] << 9;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 11);
	return result;
}

int main(int argc, char **argv) {
	for (int i = 0; i < 4; i++) s[i] = (uint32_t)strtoul(argv[i + 1], NULL, 10);
	int count = atoi(argv[5]);
	for (int i = 0; i < count; i++) printf("%u\n", next());
	return 0;
}
"""

XOSHIRO_STATES = [[1, 2, 3, 4], [0x9E3779B9, 0x243F6A88, 0xB7E15162, 0xDEADBEEF]]


def xoshiro_reference():
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "xoshiro128starstar.c")
        binary = os.path.join(folder, "xoshiro")
        with open(source, "w") as handle:
            handle.write(XOSHIRO_C)
        subprocess.run(["gcc", "-O2", "-o", binary, source], check=True)
        cases = []
        for state in XOSHIRO_STATES:
            output = subprocess.run([binary, *map(str, state), "20"], check=True, capture_output=True, text=True).stdout
            cases.append({"state": state, "outputs": [int(line) for line in output.split()]})
        return cases


def unregularised():
    # sklearn 1.2 accepts penalty=None and deprecates "none"; older versions need "none".
    major, minor = (int(part) for part in sklearn.__version__.split(".")[:2])
    return None if (major, minor) >= (1, 2) else "none"


def logistic_reference():
    rng = np.random.RandomState(20240607)
    n = 200
    X = rng.normal(size=(n, 2))
    true_weights = np.array([1.5, -2.0])
    true_bias = 0.3
    probability = 1 / (1 + np.exp(-(X @ true_weights + true_bias)))
    y = (rng.uniform(size=n) < probability).astype(int)
    X = np.round(X, 6)  # the JSON holds exactly these values
    fits = {}
    for name, penalty, C in [("unregularised", unregularised(), 1.0), ("l2C1", "l2", 1.0)]:
        model = LogisticRegression(penalty=penalty, C=C, tol=1e-12, max_iter=100000, solver="newton-cg")
        model.fit(X, y)
        p = model.predict_proba(X)[:, 1]
        fits[name] = {
            "C": C,
            "penalty": penalty or "none",
            "weights": model.coef_[0].tolist(),
            "bias": float(model.intercept_[0]),
            "probabilities": p.tolist(),
            "meanLogLoss": float(log_loss(y, p)),
        }
    return {"X": X.tolist(), "y": y.tolist(), "fits": fits}


def softmax_reference():
    rng = np.random.RandomState(7)
    per_class = 60
    centers = np.array([[0.0, 1.2], [-1.0, -0.6], [1.0, -0.6]])
    X = np.vstack([rng.normal(loc=c, scale=1.0, size=(per_class, 2)) for c in centers])
    y = np.repeat(np.arange(3), per_class)
    order = rng.permutation(len(y))
    X, y = np.round(X[order], 6), y[order]
    model = LogisticRegression(penalty=unregularised(), multi_class="multinomial", tol=1e-12, max_iter=100000, solver="newton-cg")
    model.fit(X, y)
    probabilities = model.predict_proba(X)
    return {
        "X": X.tolist(),
        "y": y.tolist(),
        "weights": model.coef_.tolist(),
        "bias": model.intercept_.tolist(),
        "probabilities": probabilities.tolist(),
        "meanLogLoss": float(log_loss(y, probabilities)),
        "accuracy": float(model.score(X, y)),
    }


def main():
    fixture = {
        "generator": "scripts/make-train-fixtures.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "xoshiro128StarStar": xoshiro_reference(),
        "logistic": logistic_reference(),
        "softmax": softmax_reference(),
    }
    with open(OUT, "w") as handle:
        json.dump(fixture, handle, indent=1)
        handle.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)}")
    print("logistic unregularised:", fixture["logistic"]["fits"]["unregularised"]["weights"], fixture["logistic"]["fits"]["unregularised"]["bias"])
    print("softmax log loss:", fixture["softmax"]["meanLogLoss"], "accuracy:", fixture["softmax"]["accuracy"])


if __name__ == "__main__":
    main()
