/**
 * How each lossbook loss is called in the major frameworks, and where they
 * disagree. Every entry is checked against the real library's numbers in
 * test/fixtures/peers.json (scripts/peers/make-peer-fixtures.py: PyTorch 2.13,
 * torchvision, Keras 3.15 on JAX, optax 0.2.8, scikit-learn 1.9, float64);
 * `difference` statements are proved there case by case (test/losses/peers.test.ts).
 *
 * Conventions common to all entries unless said otherwise:
 * - PyTorch and optax take (prediction, target); Keras and scikit-learn
 *   (target, prediction), as lossbook does (yTrue, yPred).
 * - PyTorch reductions "mean" | "sum" | "none" are lossbook's; Keras
 *   "sum_over_batch_size" is the mean, "sum" the sum and None per-sample; optax
 *   returns per-sample losses and leaves the mean to the caller (jnp.mean).
 * - Sample weights: PyTorch has none; scikit-learn's weighted mean is
 *   Σwᵢlᵢ/Σwᵢ as lossbook's; Keras's `sample_weight` mean is Σwᵢlᵢ/n (lossbook's
 *   weighted sum divided by n, not by Σwᵢ).
 * - Keras 3 computes its means in float32 even for float64 inputs (ops.mean in
 *   result_type(dtype, "float32")), so its values agree to float32 rounding
 *   (~6e−8 relative), not to 1e−10.
 */

/** A framework the fixtures come from. */
export type PeerLibrary = "PyTorch" | "Keras" | "optax" | "scikit-learn";

/** One framework's version of a loss. */
export interface PeerReference {
  library: PeerLibrary;
  /** The framework's name for it, e.g. `"torch.nn.functional.huber_loss"`. */
  name: string;
  /** How to call it on lossbook's (yTrue, yPred), in the framework's argument order and parametrisation. */
  call: string;
  /** Reduction, argument order and parameters, as the framework has them. */
  convention: string;
  /** Where its numbers differ from lossbook's, and by exactly what (absent: they are equal). */
  difference?: string;
}

const KERAS_MEAN = "reduction \"sum_over_batch_size\" (default) = mean, \"sum\", None = per-sample; sample_weight mean is Σwᵢlᵢ/n";
const OPTAX = "per-sample losses, no reduction (take jnp.mean); (predictions, targets)";
const TORCH = "(input = ŷ, target = y); reduction \"mean\" (default) | \"sum\" | \"none\"; no per-sample weights";

/** The peers of every loss, by loss id. */
export const lossPeers = {
  mse: [
    { library: "PyTorch", name: "torch.nn.functional.mse_loss", call: "mse_loss(yPred, yTrue)", convention: TORCH },
    { library: "Keras", name: "keras.losses.MeanSquaredError", call: "MeanSquaredError()(yTrue, yPred)", convention: KERAS_MEAN },
    { library: "optax", name: "optax.losses.squared_error", call: "jnp.mean(squared_error(yPred, yTrue))", convention: OPTAX },
    { library: "optax", name: "optax.losses.l2_loss", call: "l2_loss(yPred, yTrue)", convention: OPTAX, difference: "l2_loss is ½(ŷ − y)²: half of lossbook's mse (and of optax's own squared_error)." },
    { library: "scikit-learn", name: "sklearn.metrics.mean_squared_error", call: "mean_squared_error(yTrue, yPred, sample_weight=w)", convention: "mean only; sample_weight mean Σwᵢlᵢ/Σwᵢ" },
  ],
  mae: [
    { library: "PyTorch", name: "torch.nn.functional.l1_loss", call: "l1_loss(yPred, yTrue)", convention: TORCH },
    { library: "Keras", name: "keras.losses.MeanAbsoluteError", call: "MeanAbsoluteError()(yTrue, yPred)", convention: KERAS_MEAN },
    { library: "scikit-learn", name: "sklearn.metrics.mean_absolute_error", call: "mean_absolute_error(yTrue, yPred, sample_weight=w)", convention: "mean only; sample_weight mean Σwᵢlᵢ/Σwᵢ" },
  ],
  huber: [
    { library: "PyTorch", name: "torch.nn.functional.huber_loss", call: "huber_loss(yPred, yTrue, delta=δ)", convention: `${TORCH}; δ as lossbook` },
    {
      library: "PyTorch", name: "torch.nn.functional.smooth_l1_loss", call: "smooth_l1_loss(yPred, yTrue, beta=δ)", convention: `${TORCH}; β`,
      difference: "smooth_l1_loss(β) = huber_loss(δ = β) / β: the same curve divided by β (lossbook's smoothL1); they coincide only at β = δ = 1.",
    },
    { library: "Keras", name: "keras.losses.Huber", call: "Huber(delta=δ)(yTrue, yPred)", convention: `${KERAS_MEAN}; δ as lossbook and PyTorch's huber_loss (not smooth_l1_loss's β)` },
    { library: "optax", name: "optax.losses.huber_loss", call: "jnp.mean(huber_loss(yPred, yTrue, delta=δ))", convention: `${OPTAX}; δ as lossbook` },
  ],
  smoothL1: [
    { library: "PyTorch", name: "torch.nn.functional.smooth_l1_loss", call: "smooth_l1_loss(yPred, yTrue, beta=β)", convention: `${TORCH}; β as lossbook` },
    { library: "Keras", name: "keras.losses.Huber", call: "Huber(delta=1.0)(yTrue, yPred)", convention: KERAS_MEAN, difference: "Keras has no smooth L1; Huber(δ) = β·smoothL1(β = δ), equal at β = 1 only." },
    { library: "optax", name: "optax.losses.huber_loss", call: "huber_loss(yPred, yTrue, delta=β) / β", convention: OPTAX, difference: "optax has no smooth L1; huber_loss(delta = β) is β × lossbook's smoothL1(β)." },
  ],
  logCosh: [
    { library: "Keras", name: "keras.losses.LogCosh", call: "LogCosh()(yTrue, yPred)", convention: KERAS_MEAN },
    { library: "optax", name: "optax.losses.log_cosh", call: "jnp.mean(log_cosh(yPred, yTrue))", convention: OPTAX },
  ],
  quantile: [
    { library: "scikit-learn", name: "sklearn.metrics.mean_pinball_loss", call: "mean_pinball_loss(yTrue, yPred, alpha=τ, sample_weight=w)", convention: "mean only; the quantile is called alpha; sample_weight mean Σwᵢlᵢ/Σwᵢ" },
  ],
  poissonNLL: [
    { library: "PyTorch", name: "torch.nn.functional.poisson_nll_loss", call: "poisson_nll_loss(yPred, yTrue, log_input=True, full=False)", convention: `${TORCH}; yPred is the log-rate z` },
    {
      library: "Keras", name: "keras.losses.Poisson", call: "Poisson()(yTrue, exp(yPred))", convention: `${KERAS_MEAN}; takes the rate μ = e^z, not its log`,
      difference: "Keras computes μ − y·log(μ + 1e−7): it exceeds lossbook's e^z − y·z by y·log(1 + 1e−7·e^−z), and its gradient by y·1e−7/(e^z + 1e−7).",
    },
    {
      library: "scikit-learn", name: "sklearn.metrics.mean_poisson_deviance", call: "mean_poisson_deviance(yTrue, exp(yPred))", convention: "mean only; takes the rate μ",
      difference: "The deviance 2·mean(y·log(y/μ) − y + μ) is 2 × (lossbook's mean − mean(y − y·log y)): same minimiser, a constant apart.",
    },
  ],
  binaryCrossEntropy: [
    { library: "PyTorch", name: "torch.nn.functional.binary_cross_entropy", call: "binary_cross_entropy(yPred, yTrue)", convention: `${TORCH}; targets in [0, 1] (soft targets too); each log clamped at −100` },
    {
      library: "Keras", name: "keras.losses.BinaryCrossentropy", call: "BinaryCrossentropy()(yTrue, yPred)", convention: `${KERAS_MEAN}; label_smoothing ε turns y into y(1 − ε) + ε/2`,
      difference: "Keras clips p to [1e−7, 1 − 1e−7] where PyTorch and lossbook clamp the log at −100: equal for p inside, different at p = 0 or 1.",
    },
    { library: "scikit-learn", name: "sklearn.metrics.log_loss", call: "log_loss(yTrue, yPred, sample_weight=w)", convention: "mean only; labels 0/1 only (no soft targets); sample_weight mean Σwᵢlᵢ/Σwᵢ" },
  ],
  binaryCrossEntropyWithLogits: [
    { library: "PyTorch", name: "torch.nn.functional.binary_cross_entropy_with_logits", call: "binary_cross_entropy_with_logits(yPred, yTrue, pos_weight=tensor(c))", convention: `${TORCH}; soft targets; pos_weight = lossbook's posWeight` },
    {
      library: "Keras", name: "keras.losses.BinaryCrossentropy", call: "BinaryCrossentropy(from_logits=True, label_smoothing=ε)(yTrue, yPred)", convention: `${KERAS_MEAN}; no pos_weight`,
      difference: "label_smoothing ε is lossbook with the soft target y(1 − ε) + ε/2 (PyTorch has no label_smoothing for binary losses).",
    },
    { library: "optax", name: "optax.losses.sigmoid_binary_cross_entropy", call: "jnp.mean(sigmoid_binary_cross_entropy(yPred, yTrue))", convention: `${OPTAX}; soft targets` },
  ],
  softmaxCrossEntropy: [
    { library: "PyTorch", name: "torch.nn.functional.cross_entropy", call: "cross_entropy(yPred, yTrue, weight=classWeights, label_smoothing=ε)", convention: `${TORCH}; class indices or probability rows; weighted mean divides by Σ weight[yᵢ]` },
    {
      library: "Keras", name: "keras.losses.CategoricalCrossentropy", call: "CategoricalCrossentropy(from_logits=True, label_smoothing=ε)(yTrue, yPred)", convention: `${KERAS_MEAN}; probability rows; no class weights in the loss`,
      difference: "label_smoothing ε gives y(1 − ε) + ε/K as PyTorch's label_smoothing does: the same numbers (checked for ε = 0.1).",
    },
    { library: "Keras", name: "keras.losses.SparseCategoricalCrossentropy", call: "SparseCategoricalCrossentropy(from_logits=True)(yTrue, yPred)", convention: `${KERAS_MEAN}; class indices; no label smoothing` },
    { library: "optax", name: "optax.losses.softmax_cross_entropy", call: "softmax_cross_entropy(yPred, yTrue) / softmax_cross_entropy_with_integer_labels(yPred, yTrue); smooth_labels(one_hot, ε)", convention: `${OPTAX}; smooth_labels(ε) is PyTorch's label smoothing` },
    { library: "scikit-learn", name: "sklearn.metrics.log_loss", call: "log_loss(yTrue, softmax(yPred), labels=[0, …, K − 1])", convention: "mean only; takes probabilities, not logits" },
  ],
  hinge: [
    { library: "scikit-learn", name: "sklearn.metrics.hinge_loss", call: "hinge_loss(yTrue, yPred, sample_weight=w)", convention: "mean only; labels ±1; sample_weight mean Σwᵢlᵢ/Σwᵢ" },
    { library: "Keras", name: "keras.losses.Hinge", call: "Hinge()(yTrue, yPred)", convention: KERAS_MEAN, difference: "Keras also accepts labels 0/1 and maps them to ±1 itself; lossbook asks for ±1 (the same numbers after 2y − 1)." },
    { library: "optax", name: "optax.losses.hinge_loss", call: "jnp.mean(hinge_loss(yPred, yTrue))", convention: `${OPTAX}; labels ±1` },
  ],
  squaredHinge: [
    { library: "Keras", name: "keras.losses.SquaredHinge", call: "SquaredHinge()(yTrue, yPred)", convention: `${KERAS_MEAN}; labels ±1 (0/1 mapped to ±1)` },
  ],
  focal: [
    { library: "PyTorch", name: "torchvision.ops.sigmoid_focal_loss", call: "sigmoid_focal_loss(yPred, yTrue, alpha=α, gamma=γ, reduction=\"mean\")", convention: "(inputs = logits, targets); reduction \"none\" by default; alpha = 0.25 weights positives, −1 switches it off; soft targets" },
    {
      library: "Keras", name: "keras.losses.BinaryFocalCrossentropy", call: "BinaryFocalCrossentropy(from_logits=True, gamma=γ, apply_class_balancing=True, alpha=α)(yTrue, yPred)", convention: `${KERAS_MEAN}; from_logits=False by default`,
      difference: "Keras weights the classes only with apply_class_balancing=True (default False): its default is lossbook's alpha: −1, not torchvision's α = 0.25.",
    },
    {
      library: "optax", name: "optax.losses.sigmoid_focal_loss", call: "jnp.mean(sigmoid_focal_loss(yPred, yTrue, alpha=α, gamma=γ))", convention: OPTAX,
      difference: "optax's alpha defaults to None (no class weighting) = lossbook's alpha: −1; alpha = α is torchvision's and lossbook's.",
    },
  ],
  klDivergence: [
    {
      library: "PyTorch", name: "torch.nn.functional.kl_div", call: "kl_div(yPred.log(), yTrue, reduction=\"batchmean\")", convention: "(input = log q, target = p): prediction first and as log-probabilities",
      difference: "reduction \"batchmean\" is lossbook's mean over rows; PyTorch's \"mean\" divides by rows × classes, i.e. lossbook's mean / K.",
    },
    {
      library: "Keras", name: "keras.losses.KLDivergence", call: "KLDivergence()(yTrue, yPred)", convention: KERAS_MEAN,
      difference: "Keras clips p and q to [1e−7, 1]: a 0 in p adds 1e−7·log(1e−7/q) to its row (lossbook: 0·log 0 = 0), and −1e−7/q to the gradient.",
    },
    { library: "optax", name: "optax.losses.kl_divergence", call: "jnp.mean(kl_divergence(log(yPred), yTrue))", convention: `${OPTAX}; log-predictions first; per row` },
  ],
} satisfies Record<string, readonly PeerReference[]>;
