"""Times PyTorch (CPU autograd, one thread, float64) and numpy on value + gradient of
every lossbook loss at n elements, as a user calls them: the loss on the full arrays
and .backward() (numpy: the value and the hand-written gradient), `repeats` calls,
no warm-up beyond those. It serves one timing at a time so that the caller can alternate it with its own
(both then see the same machine load): each line read on stdin names a loss, the
answer is one JSON line {"PyTorch": ns/element, "PyTorchCpu": ns/element of process CPU
time, "numpy": ns/element} of one call each.
The first line written is {"ready": …, "versions": …}. Run by `npm run bench -- --peers`
(scripts/bench-losses.ts) in the peers' venv.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
n = int(float(sys.argv[1]) if len(sys.argv) > 1 else 1e6)
classes = 10
rng = np.random.default_rng(12345)
targets = 3 * rng.standard_normal(n)
predictions = targets + rng.standard_normal(n)
logits = 2 * rng.standard_normal(n)
labels = (rng.random(n) < 0.5).astype(np.float64)
signs = 2 * labels - 1
probabilities = 1 / (1 + np.exp(-logits))
counts = np.floor(10 * rng.random(n) * rng.random(n))
log_rates = 1 + 0.5 * rng.standard_normal(n)
rows = n // classes
indices = rng.integers(0, classes, rows)
p_rows = rng.random((rows, classes)); p_rows /= p_rows.sum(1, keepdims=True)
q_rows = rng.random((rows, classes)) + 0.1; q_rows /= q_rows.sum(1, keepdims=True)


def focal_source():
    import importlib.util
    spec = importlib.util.find_spec("torchvision")
    path = os.path.join(os.path.dirname(spec.origin), "ops", "focal_loss.py")
    namespace = {}
    exec(compile(open(path).read().replace("from ..utils import _log_api_usage_once", "_log_api_usage_once = lambda _: None"), path, "exec"), namespace)
    return namespace["sigmoid_focal_loss"]


sigmoid_focal_loss = focal_source()
T = lambda a: torch.from_numpy(np.ascontiguousarray(a))  # noqa: E731

# loss: (target, prediction, torch loss of (target, prediction tensor), numpy value-and-gradient)
def np_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def np_huber(t, p, d=1.0):
    a = p - t
    m = np.abs(a)
    return np.mean(np.where(m <= d, 0.5 * a * a, d * (m - 0.5 * d))), np.clip(a, -d, d) / a.size


def np_focal(t, z, gamma=2.0, alpha=0.25):
    s = np_sigmoid(z)
    ce = np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))
    pt = s * t + (1 - s) * (1 - t)
    at = alpha * t + (1 - alpha) * (1 - t)
    q = 1 - pt
    loss = at * q ** gamma * ce
    dq = (1 - 2 * t) * s * (1 - s)
    grad = at * (gamma * q ** (gamma - 1) * dq * ce + q ** gamma * (s - t))
    return loss.mean(), grad / z.size


def np_softmax_ce(idx, z):
    m = z.max(1, keepdims=True)
    e = np.exp(z - m)
    s = e.sum(1, keepdims=True)
    logp = z - m - np.log(s)
    value = -logp[np.arange(len(idx)), idx].mean()
    grad = e / s
    grad[np.arange(len(idx)), idx] -= 1
    return value, grad / len(idx)


LOSSES = {
    "mse": (targets, predictions, lambda t, p: F.mse_loss(p, t), lambda t, p: (np.mean((p - t) ** 2), 2 * (p - t) / p.size)),
    "mae": (targets, predictions, lambda t, p: F.l1_loss(p, t), lambda t, p: (np.mean(np.abs(p - t)), np.sign(p - t) / p.size)),
    "huber": (targets, predictions, lambda t, p: F.huber_loss(p, t), np_huber),
    "smoothL1": (targets, predictions, lambda t, p: F.smooth_l1_loss(p, t), np_huber),
    "logCosh": (targets, predictions, lambda t, p: (lambda a: (a + F.softplus(-2 * a) - np.log(2)).mean())(p - t),
                lambda t, p: (lambda a: (np.mean(np.abs(a) + np.log1p(np.exp(-2 * np.abs(a))) - np.log(2)), np.tanh(a) / a.size))(p - t)),
    "quantile": (targets, predictions, lambda t, p: torch.maximum(0.5 * (t - p), -0.5 * (t - p)).mean(),
                 lambda t, p: (lambda r: (np.mean(np.maximum(0.5 * r, -0.5 * r)), np.where(r > 0, -0.5, 0.5) / r.size))(t - p)),
    "poissonNLL": (counts, log_rates, lambda t, p: F.poisson_nll_loss(p, t, log_input=True),
                   lambda t, z: (lambda e: (np.mean(e - t * z), (e - t) / z.size))(np.exp(z))),
    "binaryCrossEntropy": (labels, probabilities, lambda t, p: F.binary_cross_entropy(p, t),
                           lambda t, p: (-np.mean(t * np.maximum(np.log(p), -100) + (1 - t) * np.maximum(np.log(1 - p), -100)),
                                         (p - t) / np.maximum(p * (1 - p), 1e-12) / p.size)),
    "binaryCrossEntropyWithLogits": (labels, logits, lambda t, p: F.binary_cross_entropy_with_logits(p, t),
                                     lambda t, z: (np.mean(np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))), (np_sigmoid(z) - t) / z.size)),
    "softmaxCrossEntropy": (indices, logits.reshape(rows, classes), lambda t, p: F.cross_entropy(p, t), np_softmax_ce),
    "hinge": (signs, logits, lambda t, p: torch.relu(1 - t * p).mean(), lambda t, s: (np.mean(np.maximum(0, 1 - t * s)), np.where(t * s < 1, -t, 0) / s.size)),
    "squaredHinge": (signs, logits, lambda t, p: (torch.relu(1 - t * p) ** 2).mean(),
                     lambda t, s: (lambda m: (np.mean(m * m), -2 * t * m / s.size))(np.maximum(0, 1 - t * s))),
    "focal": (labels, logits, lambda t, p: sigmoid_focal_loss(p, t, reduction="mean"), np_focal),
    "klDivergence": (p_rows, q_rows, lambda t, p: F.kl_div(p.log(), t, reduction="batchmean"),
                     lambda t, q: (np.sum(np.where(t > 0, t * np.log(t / q), 0)) / len(t), -t / q / len(t))),
}

prepared = {}


def prepare(name):
    target, prediction, torch_loss, numpy_loss = LOSSES[name]
    t = torch.from_numpy(target)
    p = T(prediction).clone().requires_grad_(True)
    return t, p, torch_loss, numpy_loss, target, prediction


print(json.dumps({"ready": sorted(LOSSES), "versions": {"torch": torch.__version__, "numpy": np.__version__}, "threads": torch.get_num_threads(), "n": n}), flush=True)
for line in sys.stdin:
    name = line.strip()
    if not name:
        continue
    if name not in prepared:
        prepared[name] = prepare(name)
    t, p, torch_loss, numpy_loss, target, prediction = prepared[name]
    p.grad = None
    start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
    torch_loss(t, p).backward()
    torch_time, torch_cpu = time.perf_counter_ns() - start, time.process_time_ns() - start_cpu
    start = time.perf_counter_ns()
    numpy_loss(target, prediction)
    numpy_time = time.perf_counter_ns() - start
    print(json.dumps({"PyTorch": torch_time / n, "PyTorchCpu": torch_cpu / n, "numpy": numpy_time / n}), flush=True)
