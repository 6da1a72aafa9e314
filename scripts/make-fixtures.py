#!/usr/bin/python3
"""Reference fixtures for the lossbook losses: values and gradients from PyTorch
(and scikit-learn / the Keras formulas where those are the reference), for
random and edge-case float64 inputs, every option and every reduction.

Run:  /usr/bin/python3 scripts/make-fixtures.py   (writes test/fixtures/losses.json)

The output is deterministic (seeded) and committed, so the vitest suite needs no
Python. Conventions shared with src/losses:
- yTrue/yPred follow lossbook's argument order (targets first), whatever order
  the reference takes them in.
- reduction "none" stores wᵢ·lᵢ, and its gradient is that of Σ wᵢ·lᵢ (the
  elementwise derivatives), taken by autograd of `out.sum()`.
- per-sample weights w: "mean" is Σ wᵢlᵢ / Σ wᵢ and "sum" is Σ wᵢlᵢ, composed
  here from the reference's reduction="none" output (the references have no
  per-sample weights). For softmaxCrossEntropy with class-index targets the
  mean divides by Σ wᵢ·classWeight[yᵢ], extending PyTorch's weighted mean.
- gradients are w.r.t. yPred (torch autograd on float64 tensors).
"""
import json
import math
import os
import sys

import mpmath
import numpy as np
import sklearn
import torch
import torch.nn.functional as F
from sklearn.metrics import hinge_loss, mean_pinball_loss

torch.set_default_dtype(torch.float64)
mpmath.mp.dps = 50
rng = np.random.default_rng(20240611)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "losses.json")

REDUCTIONS = ["mean", "sum", "none"]
cases = []


def rounded(values, digits=6):
    """Inputs rounded to a few decimals keep the JSON small; they are exact float64 values all the same."""
    return [float(v) for v in np.round(np.asarray(values, dtype=np.float64), digits)]


def tensor(values):
    return torch.tensor(values, dtype=torch.float64)


def as_json(value):
    if isinstance(value, torch.Tensor):
        value = value.detach().tolist()
    return value


def assert_close(a, b, what, rel=1e-13, abs_=1e-15):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if not np.allclose(a, b, rtol=rel, atol=abs_):
        sys.exit(f"cross-check failed for {what}: {a} vs {b}")


def reduce_weighted(per_sample, weights, reduction, normalizer=None):
    """Σ wᵢlᵢ / Σ wᵢ, Σ wᵢlᵢ or wᵢlᵢ from the reference's per-sample losses."""
    w = tensor(weights)
    weighted = w * per_sample
    if reduction == "none":
        return weighted
    if reduction == "sum":
        return weighted.sum()
    return weighted.sum() / (w.sum() if normalizer is None else normalizer)


def add(loss, name, y_true, y_pred, options, compute, reference, matrix=False):
    """Runs `compute(y_true_tensor, y_pred_tensor, reduction, options)` and stores value and gradient."""
    prediction = tensor(y_pred).requires_grad_(True)
    target = y_true if isinstance(y_true, list) and y_true and isinstance(y_true[0], int) and matrix else tensor(y_true)
    out = compute(target, prediction, options.get("reduction", "mean"), options)
    (out.sum() if out.dim() > 0 else out).backward()
    value = out.item() if out.dim() == 0 else out.detach().tolist()
    if not np.all(np.isfinite(np.asarray(value))) or not torch.all(torch.isfinite(prediction.grad)):
        sys.exit(f"non-finite reference for {loss} {name}")
    cases.append({
        "loss": loss,
        "name": name,
        "reference": reference,
        "yTrue": y_true,
        "yPred": y_pred,
        "options": options,
        "value": value,
        "grad": prediction.grad.tolist(),
    })


def add_all_reductions(loss, name, y_true, y_pred, extra, compute, reference, weights=None, matrix=False):
    for reduction in REDUCTIONS:
        options = dict(extra)
        options["reduction"] = reduction
        add(loss, f"{name}, {reduction}", y_true, y_pred, options, compute, reference, matrix)
        if weights is not None:
            options = dict(options)
            options["weights"] = weights
            add(loss, f"{name}, {reduction}, weighted", y_true, y_pred, options, compute, reference, matrix)


def sample_weights(n):
    w = rounded(rng.uniform(0.0, 3.0, n), 3)
    w[1] = 0.0  # a zero weight must simply drop the sample
    return w


def elementwise(torch_fn, per_sample_fn=None):
    """compute() for a torch loss with reduction=…; per-sample weights go through reduction="none"."""
    def compute(target, prediction, reduction, options):
        weights = options.get("weights")
        if weights is None:
            return torch_fn(target, prediction, reduction, options)
        per_sample = (per_sample_fn or torch_fn)(target, prediction, "none", options)
        return reduce_weighted(per_sample, weights, reduction)
    return compute


def manual(per_sample_fn):
    """compute() for a loss given only per-sample (Keras formulas, sklearn-defined losses)."""
    def compute(target, prediction, reduction, options):
        per_sample = per_sample_fn(target, prediction, options)
        return reduce_weighted(per_sample, options.get("weights", [1.0] * len(per_sample)), reduction)
    return compute


# ---------------------------------------------------------------- regression
def regression_data(n=11, spread=1.5):
    y = rounded(rng.normal(0.0, 2.0, n))
    return y, rounded(np.asarray(y) + rng.normal(0.0, spread, n))


mse = elementwise(lambda t, p, r, o: F.mse_loss(p, t, reduction=r))
mae = elementwise(lambda t, p, r, o: F.l1_loss(p, t, reduction=r))
huber = elementwise(lambda t, p, r, o: F.huber_loss(p, t, reduction=r, delta=o.get("delta", 1.0)))
smooth_l1 = elementwise(lambda t, p, r, o: F.smooth_l1_loss(p, t, reduction=r, beta=o.get("beta", 1.0)))
poisson = elementwise(lambda t, p, r, o: F.poisson_nll_loss(p, t, log_input=True, full=False, reduction=r))


def log_cosh_per_sample(target, prediction, options):
    """Keras LogCosh: x + softplus(−2x) − log 2 with x = ŷ − y. That form loses digits for small |x|
    (cancellation), so the stored values use log1p(2 sinh²(x/2)) below |x| = 700 (checked against
    the Keras formula and 50-digit mpmath below); the gradient is autograd of the same expression."""
    x = prediction - target
    small = torch.abs(x) < 700
    x_small = torch.where(small, x, torch.zeros_like(x))
    x_large = torch.where(small, torch.full_like(x, 1000.0), torch.abs(x))
    accurate_small = torch.log1p(2 * torch.sinh(x_small / 2) ** 2)
    accurate_large = x_large + torch.log1p(torch.exp(-2 * x_large)) - math.log(2)
    values = torch.where(small, accurate_small, accurate_large)
    keras = x + F.softplus(-2 * x) - math.log(2)
    exact = [float(mpmath.log(mpmath.cosh(mpmath.mpf(v)))) for v in x.detach().tolist()]
    assert_close(values.detach(), exact, "logCosh vs mpmath", rel=1e-15, abs_=0)
    assert_close(values.detach(), keras.detach(), "logCosh vs Keras formula", rel=1e-12, abs_=1e-15)
    return values


def quantile_per_sample(target, prediction, options):
    tau = options.get("tau", 0.5)
    r = target - prediction
    return tau * torch.relu(r) + (1 - tau) * torch.relu(-r)


def quantile_compute(target, prediction, reduction, options):
    out = manual(quantile_per_sample)(target, prediction, reduction, options)
    if reduction == "mean":  # the reference value: scikit-learn's mean_pinball_loss
        reference = mean_pinball_loss(target.numpy(), prediction.detach().numpy(), alpha=options.get("tau", 0.5),
                                      sample_weight=options.get("weights"))
        assert_close(out.item(), reference, "quantile vs sklearn mean_pinball_loss")
        out = out - out.detach() + reference
    return out


# ------------------------------------------------------------ classification
bce = elementwise(lambda t, p, r, o: F.binary_cross_entropy(p, t, reduction=r))


def bce_logits_fn(target, prediction, reduction, options):
    pos_weight = options.get("posWeight")
    return F.binary_cross_entropy_with_logits(
        prediction, target, reduction=reduction, pos_weight=None if pos_weight is None else tensor(pos_weight))


bce_logits = elementwise(bce_logits_fn)


def hinge_per_sample(target, prediction, options):
    return torch.relu(1 - target * prediction)


def hinge_compute(target, prediction, reduction, options):
    out = manual(hinge_per_sample)(target, prediction, reduction, options)
    if reduction == "mean":  # the reference value: scikit-learn's hinge_loss (labels ±1)
        reference = hinge_loss(target.numpy().astype(int), prediction.detach().numpy(), labels=[-1, 1],
                               sample_weight=options.get("weights"))
        assert_close(out.item(), reference, "hinge vs sklearn hinge_loss")
        out = out - out.detach() + reference
    return out


def squared_hinge_per_sample(target, prediction, options):
    """Keras SquaredHinge: mean(square(maximum(1 − y_true·y_pred, 0)))."""
    return torch.clamp(1 - target * prediction, min=0) ** 2


def torchvision_sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    """torchvision.ops.sigmoid_focal_loss (v0.14), copied line for line (torchvision is not installed)."""
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss


focal = elementwise(lambda t, p, r, o: torchvision_sigmoid_focal_loss(
    p, t, alpha=o.get("alpha", 0.25), gamma=o.get("gamma", 2.0), reduction=r))


def softmax_ce_compute(target, prediction, reduction, options):
    class_weights = options.get("classWeights")
    weight = None if class_weights is None else tensor(class_weights)
    smoothing = options.get("labelSmoothing", 0.0)
    index_targets = isinstance(target, list)
    torch_target = torch.tensor(target, dtype=torch.long) if index_targets else target
    weights = options.get("weights")
    if weights is None:
        return F.cross_entropy(prediction, torch_target, weight=weight, reduction=reduction, label_smoothing=smoothing)
    per_sample = F.cross_entropy(prediction, torch_target, weight=weight, reduction="none", label_smoothing=smoothing)
    normalizer = None
    if index_targets:
        class_of = torch.ones(prediction.shape[1]) if weight is None else weight
        normalizer = (tensor(weights) * class_of[torch_target]).sum()
    return reduce_weighted(per_sample, weights, reduction, normalizer)


def kl_compute(target, prediction, reduction, options):
    log_q = prediction.log()
    weights = options.get("weights")
    if weights is None and reduction != "none":
        return F.kl_div(log_q, target, reduction="batchmean" if reduction == "mean" else "sum")
    per_row = F.kl_div(log_q, target, reduction="none").sum(dim=1)
    return reduce_weighted(per_row, weights or [1.0] * len(per_row), reduction)


# ------------------------------------------------------------------ the cases
def regression_cases():
    y, p = regression_data()
    w = sample_weights(len(y))
    add_all_reductions("mse", "random", y, p, {}, mse, "torch.nn.functional.mse_loss", w)
    add_all_reductions("mae", "random", y, p, {}, mae, "torch.nn.functional.l1_loss", w)
    add_all_reductions("huber", "random", y, p, {}, huber, "torch.nn.functional.huber_loss", w)
    add_all_reductions("smoothL1", "random", y, p, {}, smooth_l1, "torch.nn.functional.smooth_l1_loss", w)
    add_all_reductions("logCosh", "random", y, p, {}, manual(log_cosh_per_sample), "Keras LogCosh formula", w)
    add_all_reductions("quantile", "random", y, p, {}, quantile_compute, "sklearn.metrics.mean_pinball_loss (mean); torch for sum/none", w)
    for delta in [0.3, 2.5]:
        for reduction in ["mean", "none"]:
            add("huber", f"random, delta {delta}, {reduction}", y, p, {"delta": delta, "reduction": reduction}, huber, "torch.nn.functional.huber_loss")
    for beta in [0.3, 2.5]:
        for reduction in ["mean", "none"]:
            add("smoothL1", f"random, beta {beta}, {reduction}", y, p, {"beta": beta, "reduction": reduction}, smooth_l1, "torch.nn.functional.smooth_l1_loss")
    for tau in [0.1, 0.9]:
        add("quantile", f"random, tau {tau}, mean", y, p, {"tau": tau, "reduction": "mean"}, quantile_compute, "sklearn.metrics.mean_pinball_loss")
        add("quantile", f"random, tau {tau}, mean, weighted", y, p, {"tau": tau, "reduction": "mean", "weights": w}, quantile_compute, "sklearn.metrics.mean_pinball_loss")
        add("quantile", f"random, tau {tau}, none", y, p, {"tau": tau, "reduction": "none"}, quantile_compute, "torch (pinball formula)")

    # Edge cases: zero residuals, exact thresholds, tiny and huge residuals (1e8, logCosh to 1e4).
    edge_y = [0.0, 1.0, -1.0, 2.0, 0.0, 5.0, 0.0, 0.0, 3.0, -1e8]
    edge_p = [0.0, 2.0, -2.0, 2.0 + 1e-12, 1e8, 5.0, -1e8, 1.0, 3.5, 1e8]
    for reduction in ["mean", "none"]:
        options = {"reduction": reduction}
        add("mse", f"edge, {reduction}", edge_y, edge_p, options, mse, "torch.nn.functional.mse_loss")
        add("mae", f"edge, {reduction}", edge_y, edge_p, options, mae, "torch.nn.functional.l1_loss")
        add("huber", f"edge, {reduction}", edge_y, edge_p, options, huber, "torch.nn.functional.huber_loss")
        add("smoothL1", f"edge, {reduction}", edge_y, edge_p, options, smooth_l1, "torch.nn.functional.smooth_l1_loss")
        add("quantile", f"edge, tau 0.2, {reduction}", edge_y, edge_p, {"tau": 0.2, "reduction": reduction}, quantile_compute, "sklearn.metrics.mean_pinball_loss / torch")
    add("huber", "edge, delta 1e-3, none", edge_y, edge_p, {"delta": 1e-3, "reduction": "none"}, huber, "torch.nn.functional.huber_loss")
    add("smoothL1", "edge, beta 1e-3, none", edge_y, edge_p, {"beta": 1e-3, "reduction": "none"}, smooth_l1, "torch.nn.functional.smooth_l1_loss")
    cosh_y = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    cosh_p = [0.0, 1e-8, -1e-3, 0.7, 699.5, 700.5, 1e4, -1e4 + 1.0, -30.0, 50.0]
    for reduction in ["mean", "none"]:
        add("logCosh", f"edge, {reduction}", cosh_y, cosh_p, {"reduction": reduction}, manual(log_cosh_per_sample), "Keras LogCosh formula (accurate form, see notes)")

    counts = [float(v) for v in rng.poisson(3.0, 11)]
    log_rates = rounded(rng.normal(1.0, 0.8, 11))
    add_all_reductions("poissonNLL", "random", counts, log_rates, {}, poisson, "torch.nn.functional.poisson_nll_loss", sample_weights(11))
    edge_counts = [0.0, 0.0, 1.0, 100.0, 7.0, 0.0, 2.5]
    edge_rates = [-50.0, 50.0, 0.0, math.log(100.0), -3.0, 700.0, 1.0]
    add("poissonNLL", "edge, none", edge_counts, edge_rates, {"reduction": "none"}, poisson, "torch.nn.functional.poisson_nll_loss")
    add("poissonNLL", "edge, sum", edge_counts, edge_rates, {"reduction": "sum"}, poisson, "torch.nn.functional.poisson_nll_loss")


def classification_cases():
    n = 12
    labels = [float(v) for v in rng.integers(0, 2, n)]
    labels[0], labels[1] = 0.0, 1.0
    probabilities = rounded(rng.uniform(0.01, 0.99, n))
    logits = rounded(rng.normal(0.0, 3.0, n))
    w = sample_weights(n)
    add_all_reductions("binaryCrossEntropy", "random", labels, probabilities, {}, bce, "torch.nn.functional.binary_cross_entropy", w)
    add_all_reductions("binaryCrossEntropyWithLogits", "random", labels, logits, {}, bce_logits, "torch.nn.functional.binary_cross_entropy_with_logits", w)
    for pos_weight in [3.0, 0.25]:
        for reduction in ["mean", "none"]:
            add("binaryCrossEntropyWithLogits", f"random, posWeight {pos_weight}, {reduction}", labels, logits,
                {"posWeight": pos_weight, "reduction": reduction}, bce_logits, "torch.nn.functional.binary_cross_entropy_with_logits")
    add("binaryCrossEntropyWithLogits", "random, posWeight 3, mean, weighted", labels, logits,
        {"posWeight": 3.0, "reduction": "mean", "weights": w}, bce_logits, "torch.nn.functional.binary_cross_entropy_with_logits")
    add_all_reductions("focal", "random", labels, logits, {}, focal, "torchvision.ops.sigmoid_focal_loss", w)
    for gamma, alpha in [(0.0, 0.5), (0.5, 0.25), (5.0, 0.75), (2.0, -1.0), (0.0, -1.0)]:
        for reduction in ["mean", "none"]:
            add("focal", f"random, gamma {gamma}, alpha {alpha}, {reduction}", labels, logits,
                {"gamma": gamma, "alpha": alpha, "reduction": reduction}, focal, "torchvision.ops.sigmoid_focal_loss")

    # Probabilities exactly 0 and 1 (the −100 clamp; PyTorch's gradient floor), and near them.
    edge_labels = [0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0]
    edge_probabilities = [0.0, 1.0, 0.0, 1.0, 1e-10, 1.0 - 1e-10, 1e-13, 3e-44, 0.5, 0.999]
    for reduction in ["mean", "none"]:
        add("binaryCrossEntropy", f"edge, {reduction}", edge_labels, edge_probabilities, {"reduction": reduction}, bce, "torch.nn.functional.binary_cross_entropy")
    edge_logits = [1e4, -1e4, 1e4, -1e4, 40.0, -40.0, 0.0, 30.0, -30.0, 5.0]
    edge_logit_labels = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]
    for reduction in ["mean", "none"]:
        add("binaryCrossEntropyWithLogits", f"edge, {reduction}", edge_logit_labels, edge_logits, {"reduction": reduction}, bce_logits, "torch.nn.functional.binary_cross_entropy_with_logits")
        add("focal", f"edge, {reduction}", edge_logit_labels, edge_logits, {"reduction": reduction}, focal, "torchvision.ops.sigmoid_focal_loss")
    add("binaryCrossEntropyWithLogits", "edge, posWeight 2, none", edge_logit_labels, edge_logits, {"posWeight": 2.0, "reduction": "none"}, bce_logits, "torch.nn.functional.binary_cross_entropy_with_logits")

    signs = [2.0 * v - 1.0 for v in labels]
    scores = rounded(rng.normal(0.0, 1.5, n))
    add_all_reductions("hinge", "random", signs, scores, {}, hinge_compute, "sklearn.metrics.hinge_loss (mean); torch for sum/none", w)
    add_all_reductions("squaredHinge", "random", signs, scores, {}, manual(squared_hinge_per_sample), "Keras SquaredHinge formula", w)
    edge_signs = [1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0]
    edge_scores = [1.0, -1.0, 1e8, 1e8, -1e8, 0.0, 0.999, 2.0]
    for reduction in ["mean", "none"]:
        add("hinge", f"edge, {reduction}", edge_signs, edge_scores, {"reduction": reduction}, hinge_compute, "sklearn.metrics.hinge_loss / torch")
        add("squaredHinge", f"edge, {reduction}", edge_signs, edge_scores, {"reduction": reduction}, manual(squared_hinge_per_sample), "Keras SquaredHinge formula")


def matrix_cases():
    rows, classes = 7, 4
    logits = [rounded(rng.normal(0.0, 2.0, classes)) for _ in range(rows)]
    indices = [int(v) for v in rng.integers(0, classes, rows)]
    indices[0], indices[1] = 0, classes - 1
    targets = [rounded(rng.dirichlet(np.ones(classes)), 6) for _ in range(rows)]
    targets[0] = [0.0, 1.0, 0.0, 0.0]
    targets[1] = [0.5, 0.0, 0.5, 0.0]
    class_weights = [1.0, 2.0, 0.5, 0.0]
    w = sample_weights(rows)
    ce = "torch.nn.functional.cross_entropy"
    add_all_reductions("softmaxCrossEntropy", "random, class indices", indices, logits, {}, softmax_ce_compute, ce, w, matrix=True)
    add_all_reductions("softmaxCrossEntropy", "random, probability rows", targets, logits, {}, softmax_ce_compute, ce, w, matrix=True)
    variants = [
        {"labelSmoothing": 0.1},
        {"labelSmoothing": 0.3, "classWeights": class_weights},
        {"classWeights": class_weights},
        {"labelSmoothing": 1.0},
    ]
    for extra in variants:
        label = ", ".join(f"{k} {v}" for k, v in extra.items())
        for reduction in ["mean", "sum", "none"]:
            add("softmaxCrossEntropy", f"random, class indices, {label}, {reduction}", indices, logits, dict(extra, reduction=reduction), softmax_ce_compute, ce, matrix=True)
            add("softmaxCrossEntropy", f"random, probability rows, {label}, {reduction}", targets, logits, dict(extra, reduction=reduction), softmax_ce_compute, ce, matrix=True)
        add("softmaxCrossEntropy", f"random, class indices, {label}, mean, weighted", indices, logits, dict(extra, reduction="mean", weights=w), softmax_ce_compute, ce, matrix=True)
        add("softmaxCrossEntropy", f"random, probability rows, {label}, mean, weighted", targets, logits, dict(extra, reduction="mean", weights=w), softmax_ce_compute, ce, matrix=True)
    edge_logits = [[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [0.0, 0.0, 0.0], [1e4, 1e4, -1e4], [50.0, -50.0, 700.0]]
    edge_indices = [0, 0, 2, 1, 1]
    for reduction in ["mean", "none"]:
        add("softmaxCrossEntropy", f"edge logits ±1e4, class indices, {reduction}", edge_indices, edge_logits, {"reduction": reduction}, softmax_ce_compute, ce, matrix=True)
        add("softmaxCrossEntropy", f"edge logits ±1e4, class indices, labelSmoothing 0.2, {reduction}", edge_indices, edge_logits, {"reduction": reduction, "labelSmoothing": 0.2}, softmax_ce_compute, ce, matrix=True)
    edge_targets = [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.2, 0.3, 0.5], [0.5, 0.5, 0.0], [0.0, 1.0, 0.0]]
    add("softmaxCrossEntropy", "edge logits ±1e4, probability rows, none", edge_targets, edge_logits, {"reduction": "none"}, softmax_ce_compute, ce, matrix=True)

    p = [rounded(rng.dirichlet(np.ones(classes)), 6) for _ in range(rows)]
    p[0] = [0.0, 1.0, 0.0, 0.0]
    p[1] = [0.5, 0.0, 0.25, 0.25]
    q = [rounded(rng.dirichlet(np.ones(classes) * 2) * 0.999 + 0.00025, 6) for _ in range(rows)]
    q[2] = list(p[2])  # identical rows: divergence 0
    add_all_reductions("klDivergence", "random", p, q, {}, kl_compute, "torch.nn.functional.kl_div(q.log(), p, reduction=\"batchmean\")", w)
    edge_p = [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [1e-300, 1.0]]
    edge_q = [[1e-300, 1.0], [0.5, 0.5], [1.0, 1e-300], [0.5, 0.5]]
    add("klDivergence", "edge, tiny probabilities, none", edge_p, edge_q, {"reduction": "none"}, kl_compute, "torch.nn.functional.kl_div")


regression_cases()
classification_cases()
matrix_cases()

fixture = {
    "generator": "scripts/make-fixtures.py",
    "versions": {"torch": torch.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__},
    "notes": [
        "float64 throughout; gradients by torch autograd w.r.t. yPred.",
        "reduction 'none': value = w_i*l_i, grad = gradient of sum_i w_i*l_i.",
        "weighted mean/sum are composed from the reference's reduction='none' output: sum(w*l)/sum(w), sum(w*l).",
        "softmaxCrossEntropy with class indices and sample weights: mean = sum(s_i*l_i)/sum(s_i*classWeight[y_i]).",
        "quantile mean values are sklearn mean_pinball_loss(alpha=tau, sample_weight); hinge mean values are sklearn hinge_loss(labels=[-1,1], sample_weight); their gradients and other reductions come from the same formula in torch (relu kinks have gradient 0).",
        "logCosh: Keras LogCosh formula x + softplus(-2x) - log 2, stored in the accurate form log1p(2 sinh^2(x/2)) for |x| < 700 (checked against the Keras formula to 1e-12 and against 50-digit mpmath to 1e-15).",
        "squaredHinge: Keras SquaredHinge formula mean(max(1 - y*s, 0)^2) in torch.",
        "focal: torchvision.ops.sigmoid_focal_loss body (v0.14) in torch ops.",
    ],
    "cases": cases,
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as handle:
    json.dump(fixture, handle, separators=(",", ":"))
    handle.write("\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)} ({os.path.getsize(OUT) // 1024} KB)")
