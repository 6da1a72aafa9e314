"""Peer fixtures: every lossbook loss computed by the real libraries that have it —
PyTorch 2.x (torch.nn.functional, torchvision.ops), Keras 3 (JAX backend), optax and
scikit-learn — values and gradients w.r.t. yPred (autograd / jax.grad) in float64.

Run through `npm run fixtures:peers` (scripts/peers/run.sh creates the virtual
environment from the wheels on this machine's disk). Writes test/fixtures/peers.json.

Each case says which peer call it comes from (`call`, in the peer's own argument
order and parametrisation) and how its number relates to lossbook's (`relation`):
absent means equal; {"scale": k} means peer = k × lossbook (value and gradient);
a named relation (e.g. "kerasClipsTargets") is one the test computes itself from
the statement in the registry (src/losses/peers.ts). yTrue/yPred/options are
lossbook's arguments; `peerInput` holds what the peer was given when it differs.
"""
import json
import math
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
import sklearn  # noqa: E402
import sklearn.metrics as skm  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

keras.config.set_floatx("float64")
torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261201)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "peers.json")


def load_torchvision_focal():
    """torchvision.ops.sigmoid_focal_loss, its own source file from the installed wheel. The
    package's __init__ loads compiled ops that do not match this CPU torch build, so the one
    pure-PyTorch module is executed by itself (only its usage-logging import is replaced)."""
    import importlib.util
    spec = importlib.util.find_spec("torchvision")
    path = os.path.join(os.path.dirname(spec.origin), "ops", "focal_loss.py")
    source = open(path).read().replace("from ..utils import _log_api_usage_once", "_log_api_usage_once = lambda _: None")
    namespace = {}
    exec(compile(source, path, "exec"), namespace)
    return namespace["sigmoid_focal_loss"]


sigmoid_focal_loss = load_torchvision_focal()
cases = []


def r(values, digits=6):
    return [float(v) for v in np.round(np.asarray(values, dtype=np.float64), digits)]


def check_close(a, b, what, rel=1e-12, atol=1e-15):
    if not np.allclose(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64), rtol=rel, atol=atol):
        sys.exit(f"generator self-check failed: {what}: {a} vs {b}")


def add(loss, peer, call, name, y_true, y_pred, options, value, grad, relation=None, peer_input=None):
    value = np.asarray(value, dtype=np.float64)
    grad = None if grad is None else np.asarray(grad, dtype=np.float64)
    if not np.all(np.isfinite(value)) or (grad is not None and not np.all(np.isfinite(grad))):
        sys.exit(f"non-finite peer result: {loss} {peer} {name}")
    case = {"loss": loss, "peer": peer, "call": call, "name": name, "yTrue": y_true, "yPred": y_pred, "options": options,
            "value": value.item() if value.ndim == 0 else value.tolist(), "grad": None if grad is None else grad.tolist()}
    if relation is not None:
        case["relation"] = relation
    if peer_input is not None:
        case["peerInput"] = peer_input
    cases.append(case)


# ---------------------------------------------------------------- the three peers' calling conventions
def torch_case(loss, call, name, y_true, y_pred, options, fn, relation=None, target_dtype=None):
    """fn(target, prediction) -> tensor (scalar or per-sample); gradient of its sum w.r.t. prediction."""
    prediction = torch.tensor(y_pred, dtype=torch.float64, requires_grad=True)
    target = torch.tensor(y_true, dtype=target_dtype or torch.float64)
    out = fn(target, prediction)
    out.sum().backward()
    add(loss, "PyTorch", call, name, y_true, y_pred, options, out.detach().numpy(), prediction.grad.numpy(), relation)


def jax_case(loss, peer, call, name, y_true, y_pred, options, fn, relation=None, peer_input=None, target_dtype=jnp.float64):
    """fn(target, prediction) -> jax array; gradient of its sum by jax.grad."""
    target = jnp.asarray(y_true, dtype=target_dtype)
    prediction = jnp.asarray(y_pred, dtype=jnp.float64)
    total = lambda p: jnp.sum(fn(target, p))  # noqa: E731
    value = fn(target, prediction)
    grad = jax.grad(total)(prediction)
    add(loss, peer, call, name, y_true, y_pred, options, np.asarray(value), np.asarray(grad), relation, peer_input)


KERAS_REDUCTION = {"mean": "sum_over_batch_size", "sum": "sum", "none": None}


def keras_cases(loss, make, label, y_true, y_pred, extra=None, column=True, weights=None, relation=None, transform=None, target_dtype=jnp.float64):
    """make(reduction) -> a keras.losses.Loss; inputs as (n, 1) columns for elementwise losses,
    so that Keras's mean over the last axis is over one element. With sample weights Keras's
    "sum_over_batch_size" is Σwᵢlᵢ / n, i.e. lossbook's weighted sum / n (tested as a scale)."""
    extra = extra or {}
    n = len(y_pred)
    for reduction in ["mean", "sum", "none"]:
        for weighted in [False, True] if weights is not None else [False]:
            loss_object = make(KERAS_REDUCTION[reduction])
            shape = (lambda a: a.reshape(-1, 1)) if column else (lambda a: a)
            w = None if not weighted else jnp.asarray(weights)
            prepare = transform or (lambda p: p)
            fn = lambda t, p: loss_object(shape(t), shape(prepare(p)), sample_weight=w)  # noqa: E731
            options = dict(extra, reduction=reduction)
            rel = relation
            if weighted:
                if reduction == "mean":
                    options = dict(extra, reduction="sum", weights=weights)
                    rel = {"scale": 1.0 / n, **(relation or {})}
                else:
                    options = dict(options, weights=weights)
            call = f"keras.losses.{label}(reduction={KERAS_REDUCTION[reduction]!r})(yTrue, yPred{', sample_weight=w' if weighted else ''})"
            jax_case(loss, "Keras", call, f"{reduction}{', weighted' if weighted else ''}", y_true, y_pred, options, fn, rel, target_dtype=target_dtype)


def sklearn_case(loss, call, name, y_true, y_pred, options, value, relation=None):
    add(loss, "scikit-learn", call, name, y_true, y_pred, options, value, None, relation)


def torch_reductions(loss, call, y_true, y_pred, fn, extra=None, weights=None, target_dtype=None):
    """PyTorch's mean/sum/none; with per-sample weights (PyTorch has none) the weighted sum Σwᵢlᵢ of reduction='none'."""
    extra = extra or {}
    for reduction in ["mean", "sum", "none"]:
        torch_case(loss, call.format(reduction=reduction), reduction, y_true, y_pred, dict(extra, reduction=reduction),
                   lambda t, p, red=reduction: fn(t, p, red), target_dtype=target_dtype)
    if weights is not None:
        w = torch.tensor(weights)
        torch_case(loss, "Σ w · " + call.format(reduction="none"), "sum, weighted", y_true, y_pred, dict(extra, reduction="sum", weights=weights),
                   lambda t, p: (w * fn(t, p, "none")).sum(), target_dtype=target_dtype)


# ------------------------------------------------------------------------- data
n = 12
y_reg = r(rng.normal(0.0, 2.0, n))
p_reg = r(np.asarray(y_reg) + rng.normal(0.0, 1.5, n))
p_reg[3] = y_reg[3] + 1.0 + 1e-6  # just beyond δ = 1
weights = r(rng.uniform(0.0, 3.0, n), 3)
weights[1] = 0.0

labels = [float(v) for v in rng.integers(0, 2, n)]
labels[0], labels[1] = 0.0, 1.0
soft = list(labels)
for i in [2, 5, 8, 11]:
    soft[i] = float(np.round(rng.uniform(0.05, 0.95), 3))
soft[2] = 0.28
logits = r(rng.normal(0.0, 3.0, n))
probabilities = r(rng.uniform(0.01, 0.99, n))
signs = [2.0 * v - 1.0 for v in labels]
scores = r(rng.normal(0.0, 1.5, n))
counts = [float(v) for v in rng.poisson(3.0, n)]
log_rates = r(rng.normal(1.0, 0.8, n))

rows, classes = 7, 4
logit_rows = [r(rng.normal(0.0, 2.0, classes)) for _ in range(rows)]
indices = [int(v) for v in rng.integers(0, classes, rows)]
indices[0], indices[1], indices[2] = 0, classes - 1, 1
target_rows = [r(rng.dirichlet(np.ones(classes))) for _ in range(rows)]
target_rows[0] = [0.0, 1.0, 0.0, 0.0]
row_weights = r(rng.uniform(0.2, 3.0, rows), 3)
p_rows = [r(rng.dirichlet(np.ones(classes) * 2)) for _ in range(rows)]
q_rows = [r(rng.dirichlet(np.ones(classes) * 2) * 0.999 + 0.00025) for _ in range(rows)]
p_rows_with_zero = [list(row) for row in p_rows]
p_rows_with_zero[0] = [0.0, 0.7, 0.3, 0.0]
one_hot = [[1.0 if c == k else 0.0 for c in range(classes)] for k in indices]

# ------------------------------------------------------------------ regression
for loss, torch_fn, torch_name, extra in [
    ("mse", lambda t, p, red: F.mse_loss(p, t, reduction=red), "mse_loss", {}),
    ("mae", lambda t, p, red: F.l1_loss(p, t, reduction=red), "l1_loss", {}),
    ("huber", lambda t, p, red: F.huber_loss(p, t, reduction=red, delta=1.0), "huber_loss", {}),
    ("huber", lambda t, p, red: F.huber_loss(p, t, reduction=red, delta=0.4), "huber_loss", {"delta": 0.4}),
    ("smoothL1", lambda t, p, red: F.smooth_l1_loss(p, t, reduction=red, beta=1.0), "smooth_l1_loss", {}),
    ("smoothL1", lambda t, p, red: F.smooth_l1_loss(p, t, reduction=red, beta=0.4), "smooth_l1_loss", {"beta": 0.4}),
]:
    parameter = "".join(f", {'delta' if k == 'delta' else 'beta'}={v}" for k, v in extra.items())
    torch_reductions(loss, f"torch.nn.functional.{torch_name}(yPred, yTrue{parameter}, reduction={{reduction!r}})", y_reg, p_reg, torch_fn, extra, weights)

# PyTorch's two parametrisations of one curve: smooth_l1_loss(β) = huber_loss(δ = β) / β.
for beta in [0.4, 2.5]:
    torch_case("huber", f"torch.nn.functional.smooth_l1_loss(yPred, yTrue, beta={beta}, reduction='none')", f"smooth_l1_loss(beta={beta}) = huber(delta={beta}) / {beta}",
               y_reg, p_reg, {"delta": beta, "reduction": "none"}, lambda t, p, b=beta: F.smooth_l1_loss(p, t, beta=b, reduction="none"), {"scale": 1.0 / beta})

keras_cases("mse", lambda red: keras.losses.MeanSquaredError(reduction=red), "MeanSquaredError", y_reg, p_reg, weights=weights)
keras_cases("mae", lambda red: keras.losses.MeanAbsoluteError(reduction=red), "MeanAbsoluteError", y_reg, p_reg, weights=weights)
keras_cases("huber", lambda red: keras.losses.Huber(delta=1.0, reduction=red), "Huber(delta=1.0)", y_reg, p_reg, weights=weights)
keras_cases("huber", lambda red: keras.losses.Huber(delta=0.4, reduction=red), "Huber(delta=0.4)", y_reg, p_reg, extra={"delta": 0.4})
keras_cases("smoothL1", lambda red: keras.losses.Huber(delta=1.0, reduction=red), "Huber(delta=1.0)  # = smooth L1 with beta 1", y_reg, p_reg)
keras_cases("logCosh", lambda red: keras.losses.LogCosh(reduction=red), "LogCosh", y_reg, p_reg, weights=weights)

for loss, fn, call, extra, relation in [
    ("mse", lambda t, p: optax.losses.squared_error(p, t), "optax.losses.squared_error(yPred, yTrue)", {}, None),
    ("mse", lambda t, p: optax.losses.l2_loss(p, t), "optax.losses.l2_loss(yPred, yTrue)  # ½(ŷ − y)²", {}, {"scale": 0.5}),
    ("huber", lambda t, p: optax.losses.huber_loss(p, t, delta=1.0), "optax.losses.huber_loss(yPred, yTrue, delta=1.0)", {}, None),
    ("huber", lambda t, p: optax.losses.huber_loss(p, t, delta=0.4), "optax.losses.huber_loss(yPred, yTrue, delta=0.4)", {"delta": 0.4}, None),
    ("smoothL1", lambda t, p: optax.losses.huber_loss(p, t, delta=0.4), "optax.losses.huber_loss(yPred, yTrue, delta=0.4)  # = 0.4 × smooth L1 with beta 0.4", {"beta": 0.4}, {"scale": 0.4}),
    ("logCosh", lambda t, p: optax.losses.log_cosh(p, t), "optax.losses.log_cosh(yPred, yTrue)", {}, None),
]:
    jax_case(loss, "optax", call, "none (optax returns per-sample losses)", y_reg, p_reg, dict(extra, reduction="none"), fn, relation)
    jax_case(loss, "optax", f"jnp.mean({call.split('  #')[0]})", "mean", y_reg, p_reg, dict(extra, reduction="mean"), lambda t, p, f=fn: jnp.mean(f(t, p)), relation)

sk = lambda name, **kw: f"sklearn.metrics.{name}(yTrue, yPred{''.join(f', {k}={v}' for k, v in kw.items())})"  # noqa: E731
sklearn_case("mse", sk("mean_squared_error"), "mean", y_reg, p_reg, {"reduction": "mean"}, skm.mean_squared_error(y_reg, p_reg))
sklearn_case("mse", sk("mean_squared_error", sample_weight="w"), "mean, weighted", y_reg, p_reg, {"reduction": "mean", "weights": weights}, skm.mean_squared_error(y_reg, p_reg, sample_weight=weights))
sklearn_case("mae", sk("mean_absolute_error"), "mean", y_reg, p_reg, {"reduction": "mean"}, skm.mean_absolute_error(y_reg, p_reg))
sklearn_case("mae", sk("mean_absolute_error", sample_weight="w"), "mean, weighted", y_reg, p_reg, {"reduction": "mean", "weights": weights}, skm.mean_absolute_error(y_reg, p_reg, sample_weight=weights))
for tau in [0.5, 0.1, 0.9]:
    sklearn_case("quantile", sk("mean_pinball_loss", alpha=tau), f"tau {tau}, mean", y_reg, p_reg, {"tau": tau, "reduction": "mean"}, skm.mean_pinball_loss(y_reg, p_reg, alpha=tau))
    sklearn_case("quantile", sk("mean_pinball_loss", alpha=tau, sample_weight="w"), f"tau {tau}, mean, weighted", y_reg, p_reg, {"tau": tau, "reduction": "mean", "weights": weights},
                 skm.mean_pinball_loss(y_reg, p_reg, alpha=tau, sample_weight=weights))

# Poisson: PyTorch on log-rates; Keras on rates μ = e^z with log(μ + 1e-7); sklearn's deviance.
torch_reductions("poissonNLL", "torch.nn.functional.poisson_nll_loss(yPred, yTrue, log_input=True, full=False, reduction={reduction!r})", counts, log_rates,
                 lambda t, p, red: F.poisson_nll_loss(p, t, log_input=True, full=False, reduction=red), {}, weights)
keras_cases("poissonNLL", lambda red: keras.losses.Poisson(reduction=red), "Poisson", counts, log_rates, transform=jnp.exp, relation={"named": "kerasPoissonEpsilon"})
rates = np.exp(np.asarray(log_rates))
sklearn_case("poissonNLL", "sklearn.metrics.mean_poisson_deviance(yTrue, exp(yPred))", "mean", counts, log_rates, {"reduction": "mean"},
             skm.mean_poisson_deviance(counts, rates), {"named": "poissonDeviance"})

# ------------------------------------------------------------- classification
bce_call = "torch.nn.functional.binary_cross_entropy(yPred, yTrue, reduction={reduction!r})"
for targets, kind in [(labels, "labels"), (soft, "soft targets")]:
    torch_reductions("binaryCrossEntropy", bce_call + f"  # {kind}", targets, probabilities, lambda t, p, red: F.binary_cross_entropy(p, t, reduction=red), {}, weights)
    torch_reductions("binaryCrossEntropyWithLogits", "torch.nn.functional.binary_cross_entropy_with_logits(yPred, yTrue, reduction={reduction!r})" + f"  # {kind}", targets, logits,
                     lambda t, p, red: F.binary_cross_entropy_with_logits(p, t, reduction=red), {}, weights)
    for pos_weight in [3.0, 0.25]:
        torch_case("binaryCrossEntropyWithLogits", f"torch.nn.functional.binary_cross_entropy_with_logits(yPred, yTrue, pos_weight=tensor({pos_weight}), reduction='none')  # {kind}",
                   f"{kind}, posWeight {pos_weight}, none", targets, logits, {"posWeight": pos_weight, "reduction": "none"},
                   lambda t, p, c=pos_weight: F.binary_cross_entropy_with_logits(p, t, pos_weight=torch.tensor(c), reduction="none"))
    for gamma, alpha in [(2.0, 0.25), (0.5, 0.75), (3.0, -1.0)]:
        for reduction in ["mean", "sum", "none"]:
            torch_case("focal", f"torchvision.ops.sigmoid_focal_loss(yPred, yTrue, alpha={alpha}, gamma={gamma}, reduction={reduction!r})  # {kind}",
                       f"{kind}, gamma {gamma}, alpha {alpha}, {reduction}", targets, logits, {"gamma": gamma, "alpha": alpha, "reduction": reduction},
                       lambda t, p, g=gamma, a=alpha, red=reduction: sigmoid_focal_loss(p, t, alpha=a, gamma=g, reduction=red))
    keras_cases("binaryCrossEntropy", lambda red: keras.losses.BinaryCrossentropy(reduction=red), "BinaryCrossentropy", targets, probabilities, weights=weights if kind == "labels" else None)
    keras_cases("binaryCrossEntropyWithLogits", lambda red: keras.losses.BinaryCrossentropy(from_logits=True, reduction=red), "BinaryCrossentropy(from_logits=True)", targets, logits,
                weights=weights if kind == "labels" else None)
    # Keras's focal default does not weight the classes (apply_class_balancing=False) = lossbook alpha −1.
    keras_cases("focal", lambda red: keras.losses.BinaryFocalCrossentropy(from_logits=True, gamma=2.0, reduction=red), "BinaryFocalCrossentropy(from_logits=True, gamma=2.0)",
                targets, logits, extra={"gamma": 2.0, "alpha": -1.0})
    keras_cases("focal", lambda red: keras.losses.BinaryFocalCrossentropy(from_logits=True, apply_class_balancing=True, alpha=0.25, gamma=2.0, reduction=red),
                "BinaryFocalCrossentropy(from_logits=True, apply_class_balancing=True, alpha=0.25, gamma=2.0)", targets, logits, extra={"gamma": 2.0, "alpha": 0.25})
    jax_case("binaryCrossEntropyWithLogits", "optax", f"optax.losses.sigmoid_binary_cross_entropy(yPred, yTrue)  # {kind}", f"{kind}, none", targets, logits, {"reduction": "none"},
             lambda t, p: optax.losses.sigmoid_binary_cross_entropy(p, t))
    jax_case("focal", "optax", f"optax.losses.sigmoid_focal_loss(yPred, yTrue, gamma=2.0)  # {kind}; alpha=None", f"{kind}, alpha None, none", targets, logits,
             {"gamma": 2.0, "alpha": -1.0, "reduction": "none"}, lambda t, p: optax.losses.sigmoid_focal_loss(p, t, gamma=2.0))
    jax_case("focal", "optax", f"optax.losses.sigmoid_focal_loss(yPred, yTrue, alpha=0.25, gamma=2.0)  # {kind}", f"{kind}, alpha 0.25, none", targets, logits,
             {"gamma": 2.0, "alpha": 0.25, "reduction": "none"}, lambda t, p: optax.losses.sigmoid_focal_loss(p, t, alpha=0.25, gamma=2.0))

# Keras label smoothing on binary targets: y → y(1 − ε) + ε/2; lossbook takes the smoothed soft target.
for epsilon in [0.1, 0.3]:
    smoothed = [y * (1 - epsilon) + epsilon / 2 for y in labels]
    for reduction in ["mean", "none"]:
        jax_case("binaryCrossEntropyWithLogits", "Keras", f"keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing={epsilon}, reduction={KERAS_REDUCTION[reduction]!r})(yTrue, yPred)",
                 f"label_smoothing {epsilon} = soft target y(1 − ε) + ε/2, {reduction}", [float(v) for v in smoothed], logits, {"reduction": reduction},
                 lambda t, p, e=epsilon, red=reduction: keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=e, reduction=KERAS_REDUCTION[red])(
                     jnp.asarray(labels).reshape(-1, 1), p.reshape(-1, 1)), peer_input={"yTrue": labels})
# Keras clips probabilities to [1e-7, 1 - 1e-7] (PyTorch clamps the log at -100 instead).
edge_labels, edge_probabilities = [1.0, 0.0, 1.0, 0.0, 0.3, 1.0], [0.0, 1.0, 1e-9, 0.5, 1.0, 0.999]
for reduction in ["mean", "none"]:
    jax_case("binaryCrossEntropy", "Keras", f"keras.losses.BinaryCrossentropy(reduction={KERAS_REDUCTION[reduction]!r})(yTrue, yPred)  # p = 0 and 1",
             f"p = 0 and 1, {reduction}", edge_labels, edge_probabilities, {"reduction": reduction},
             lambda t, p, red=reduction: keras.losses.BinaryCrossentropy(reduction=KERAS_REDUCTION[red])(t.reshape(-1, 1), p.reshape(-1, 1)), {"named": "kerasClipsProbabilities"})
sklearn_case("binaryCrossEntropy", "sklearn.metrics.log_loss(yTrue, yPred)", "mean", labels, probabilities, {"reduction": "mean"}, skm.log_loss(labels, probabilities))
sklearn_case("binaryCrossEntropy", "sklearn.metrics.log_loss(yTrue, yPred, sample_weight=w)", "mean, weighted", labels, probabilities, {"reduction": "mean", "weights": weights},
             skm.log_loss(labels, probabilities, sample_weight=weights))

# Hinge: sklearn and optax take ±1; Keras maps labels 0/1 to ±1 itself.
sklearn_case("hinge", "sklearn.metrics.hinge_loss(yTrue, yPred)", "mean", signs, scores, {"reduction": "mean"}, skm.hinge_loss(signs, scores))
sklearn_case("hinge", "sklearn.metrics.hinge_loss(yTrue, yPred, sample_weight=w)", "mean, weighted", signs, scores, {"reduction": "mean", "weights": weights},
             skm.hinge_loss(signs, scores, sample_weight=weights))
keras_cases("hinge", lambda red: keras.losses.Hinge(reduction=red), "Hinge", signs, scores, weights=weights)
keras_cases("squaredHinge", lambda red: keras.losses.SquaredHinge(reduction=red), "SquaredHinge", signs, scores, weights=weights)
for reduction in ["mean", "none"]:
    jax_case("hinge", "Keras", f"keras.losses.Hinge(reduction={KERAS_REDUCTION[reduction]!r})(yTrue01, yPred)  # labels 0/1 mapped to ±1", f"labels 0/1, {reduction}", signs, scores,
             {"reduction": reduction}, lambda t, p, red=reduction: keras.losses.Hinge(reduction=KERAS_REDUCTION[red])(jnp.asarray(labels).reshape(-1, 1), p.reshape(-1, 1)),
             peer_input={"yTrue": labels})
jax_case("hinge", "optax", "optax.losses.hinge_loss(yPred, yTrue)", "none", signs, scores, {"reduction": "none"}, lambda t, p: optax.losses.hinge_loss(p, t))

# Softmax cross-entropy: class indices and probability rows.
ce = "torch.nn.functional.cross_entropy(yPred, yTrue{extra}, reduction={{reduction!r}})"
for extra, torch_extra in [({}, {}), ({"labelSmoothing": 0.1}, {"label_smoothing": 0.1}), ({"classWeights": [1.0, 2.0, 0.5, 0.25]}, {"weight": torch.tensor([1.0, 2.0, 0.5, 0.25])})]:
    text = "".join(f", {k}={v if not isinstance(v, torch.Tensor) else 'tensor(' + str(v.tolist()) + ')'}" for k, v in torch_extra.items())
    torch_reductions("softmaxCrossEntropy", ce.format(extra=text) + "  # class indices", indices, logit_rows, lambda t, p, red, e=torch_extra: F.cross_entropy(p, t, reduction=red, **e), extra,
                     target_dtype=torch.long)
    torch_reductions("softmaxCrossEntropy", ce.format(extra=text) + "  # probability rows", target_rows, logit_rows, lambda t, p, red, e=torch_extra: F.cross_entropy(p, t, reduction=red, **e), extra)
for epsilon in [0.0, 0.1]:
    keras_cases("softmaxCrossEntropy", lambda red, e=epsilon: keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=e, reduction=red),
                f"CategoricalCrossentropy(from_logits=True, label_smoothing={epsilon})", target_rows, logit_rows, extra={"labelSmoothing": epsilon} if epsilon else {}, column=False,
                weights=row_weights if epsilon == 0 else None)
keras_cases("softmaxCrossEntropy", lambda red: keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=red), "SparseCategoricalCrossentropy(from_logits=True)",
            indices, logit_rows, column=False, target_dtype=jnp.int32)
jax_case("softmaxCrossEntropy", "optax", "optax.losses.softmax_cross_entropy(yPred, yTrue)", "probability rows, none", target_rows, logit_rows, {"reduction": "none"},
         lambda t, p: optax.losses.softmax_cross_entropy(p, t))
jax_case("softmaxCrossEntropy", "optax", "optax.losses.softmax_cross_entropy_with_integer_labels(yPred, yTrue)", "class indices, none", indices, logit_rows, {"reduction": "none"},
         lambda t, p: optax.losses.softmax_cross_entropy_with_integer_labels(p, t), target_dtype=jnp.int32)
jax_case("softmaxCrossEntropy", "optax", "optax.losses.softmax_cross_entropy(yPred, optax.smooth_labels(one_hot(yTrue), 0.1))", "class indices, smooth_labels 0.1, none", indices, logit_rows,
         {"reduction": "none", "labelSmoothing": 0.1}, lambda t, p: optax.losses.softmax_cross_entropy(p, optax.smooth_labels(jax.nn.one_hot(t, classes), 0.1)), target_dtype=jnp.int32)
softmax_probabilities = torch.softmax(torch.tensor(logit_rows), dim=1).numpy()
sklearn_case("softmaxCrossEntropy", "sklearn.metrics.log_loss(yTrue, softmax(yPred), labels=[0, 1, 2, 3])", "class indices, mean", indices, logit_rows, {"reduction": "mean"}, skm.log_loss(indices, softmax_probabilities, labels=list(range(classes))))

# KL divergence: PyTorch takes (log q, p); 'batchmean' is lossbook's mean, 'mean' divides by rows × classes.
kl_torch = lambda red: (lambda t, p: F.kl_div(p.log(), t, reduction=red))  # noqa: E731
torch_case("klDivergence", "torch.nn.functional.kl_div(yPred.log(), yTrue, reduction='batchmean')", "batchmean", p_rows_with_zero, q_rows, {"reduction": "mean"}, kl_torch("batchmean"))
torch_case("klDivergence", "torch.nn.functional.kl_div(yPred.log(), yTrue, reduction='sum')", "sum", p_rows_with_zero, q_rows, {"reduction": "sum"}, kl_torch("sum"))
torch_case("klDivergence", "torch.nn.functional.kl_div(yPred.log(), yTrue, reduction='none').sum(dim=1)", "none (row sums)", p_rows_with_zero, q_rows, {"reduction": "none"},
           lambda t, p: F.kl_div(p.log(), t, reduction="none").sum(dim=1))
torch_case("klDivergence", "torch.nn.functional.kl_div(yPred.log(), yTrue, reduction='mean')  # ÷ rows × classes", "mean = batchmean / classes", p_rows_with_zero, q_rows,
           {"reduction": "mean"}, kl_torch("mean"), {"scale": 1.0 / classes})
keras_cases("klDivergence", lambda red: keras.losses.KLDivergence(reduction=red), "KLDivergence", p_rows, q_rows, column=False, weights=row_weights)
for reduction in ["mean", "none"]:
    jax_case("klDivergence", "Keras", f"keras.losses.KLDivergence(reduction={KERAS_REDUCTION[reduction]!r})(yTrue, yPred)  # a 0 in yTrue is clipped to 1e-7",
             f"a zero target, {reduction}", p_rows_with_zero, q_rows, {"reduction": reduction},
             lambda t, p, red=reduction: keras.losses.KLDivergence(reduction=KERAS_REDUCTION[red])(t, p), {"named": "kerasClipsTargets"})
jax_case("klDivergence", "optax", "optax.losses.kl_divergence(log(yPred), yTrue)", "none", p_rows_with_zero, q_rows, {"reduction": "none"},
         lambda t, p: optax.losses.kl_divergence(jnp.log(p), t))

fixture = {
    "generator": "scripts/peers/make-peer-fixtures.py",
    "versions": {"torch": torch.__version__, "torchvision": "sigmoid_focal_loss from torchvision " + __import__("importlib.metadata").metadata.version("torchvision"),
                 "keras": keras.__version__ + " (JAX backend)", "jax": jax.__version__, "optax": optax.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__},
    "notes": [
        "float64 throughout (torch default dtype, jax_enable_x64, keras floatx float64); gradients w.r.t. yPred of the sum of the peer's output.",
        "relation absent: the peer's number equals lossbook's; scale k: peer = k × lossbook (value and gradient); named: computed by the test from the registry statement.",
        "Keras elementwise losses are given (n, 1) columns so its mean over the last axis is over one element.",
        "Keras 3 computes ops.mean in result_type(x.dtype, 'float32'), which is float32 even for float64 inputs, so its losses carry float32 rounding (see src/losses/peers.ts).",
    ],
    "cases": cases,
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as handle:
    json.dump(fixture, handle, separators=(",", ":"))
    handle.write("\n")
peers = sorted({c["peer"] for c in cases})
print(f"wrote {len(cases)} cases ({', '.join(f'{p} {sum(c[chr(112)+chr(101)+chr(101)+chr(114)] == p for c in cases)}' for p in peers)}) to {os.path.relpath(OUT)} ({os.path.getsize(OUT) // 1024} KB)")
