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
  /** The convention in Chinese (the Chinese gallery's table). */
  conventionZh: string;
}

/** Where a peer's numbers differ from lossbook's, and by exactly what, in English and Chinese; absent on both when they are equal. */
export type PeerDifference = { difference?: undefined; differenceZh?: undefined } | { difference: string; differenceZh: string };

/** One framework's version of a loss, with its difference if any. */
export type PeerEntry = PeerReference & PeerDifference;

const KERAS_MEAN = "reduction \"sum_over_batch_size\" (default) = mean, \"sum\", None = per-sample; sample_weight mean is Σwᵢlᵢ/n";
const OPTAX = "per-sample losses, no reduction (take jnp.mean); (predictions, targets)";
const TORCH = "(input = ŷ, target = y); reduction \"mean\" (default) | \"sum\" | \"none\"; no per-sample weights";
const KERAS_MEAN_ZH = "reduction \"sum_over_batch_size\"（默认）= 均值，\"sum\" = 求和，None = 逐样本；sample_weight 加权均值为 Σwᵢlᵢ/n";
const OPTAX_ZH = "逐样本损失，不做归约（自行取 jnp.mean）；参数顺序为 (predictions, targets)";
const TORCH_ZH = "(input = ŷ, target = y)；reduction 为 \"mean\"（默认）| \"sum\" | \"none\"；不支持逐样本权重";

/** The peers of every loss, by loss id. */
export const lossPeers = {
  mse: [
    { library: "PyTorch", name: "torch.nn.functional.mse_loss", call: "mse_loss(yPred, yTrue)", convention: TORCH, conventionZh: TORCH_ZH },
    { library: "Keras", name: "keras.losses.MeanSquaredError", call: "MeanSquaredError()(yTrue, yPred)", convention: KERAS_MEAN, conventionZh: KERAS_MEAN_ZH },
    { library: "optax", name: "optax.losses.squared_error", call: "jnp.mean(squared_error(yPred, yTrue))", convention: OPTAX, conventionZh: OPTAX_ZH },
    { library: "optax", name: "optax.losses.l2_loss", call: "l2_loss(yPred, yTrue)", convention: OPTAX, conventionZh: OPTAX_ZH, difference: "l2_loss is ½(ŷ − y)²: half of lossbook's mse (and of optax's own squared_error).", differenceZh: "l2_loss 是 ½(ŷ − y)²：lossbook 的 mse（以及 optax 自己的 squared_error）的一半。" },
    { library: "scikit-learn", name: "sklearn.metrics.mean_squared_error", call: "mean_squared_error(yTrue, yPred, sample_weight=w)", convention: "mean only; sample_weight mean Σwᵢlᵢ/Σwᵢ", conventionZh: "只有均值；sample_weight 加权均值为 Σwᵢlᵢ/Σwᵢ" },
  ],
  mae: [
    { library: "PyTorch", name: "torch.nn.functional.l1_loss", call: "l1_loss(yPred, yTrue)", convention: TORCH, conventionZh: TORCH_ZH },
    { library: "Keras", name: "keras.losses.MeanAbsoluteError", call: "MeanAbsoluteError()(yTrue, yPred)", convention: KERAS_MEAN, conventionZh: KERAS_MEAN_ZH },
    { library: "scikit-learn", name: "sklearn.metrics.mean_absolute_error", call: "mean_absolute_error(yTrue, yPred, sample_weight=w)", convention: "mean only; sample_weight mean Σwᵢlᵢ/Σwᵢ", conventionZh: "只有均值；sample_weight 加权均值为 Σwᵢlᵢ/Σwᵢ" },
  ],
  huber: [
    { library: "PyTorch", name: "torch.nn.functional.huber_loss", call: "huber_loss(yPred, yTrue, delta=δ)", convention: `${TORCH}; δ as lossbook`, conventionZh: `${TORCH_ZH}；δ 与 lossbook 相同` },
    {
      library: "PyTorch", name: "torch.nn.functional.smooth_l1_loss", call: "smooth_l1_loss(yPred, yTrue, beta=δ)", convention: `${TORCH}; β`, conventionZh: `${TORCH_ZH}；参数为 β`,
      difference: "smooth_l1_loss(β) = huber_loss(δ = β) / β: the same curve divided by β (lossbook's smoothL1); they coincide only at β = δ = 1.", differenceZh: "smooth_l1_loss(β) = huber_loss(δ = β) / β：同一条曲线除以 β（即 lossbook 的 smoothL1）；只有在 β = δ = 1 时两者才相同。",
    },
    { library: "Keras", name: "keras.losses.Huber", call: "Huber(delta=δ)(yTrue, yPred)", convention: `${KERAS_MEAN}; δ as lossbook and PyTorch's huber_loss (not smooth_l1_loss's β)`, conventionZh: `${KERAS_MEAN_ZH}；δ 与 lossbook 和 PyTorch 的 huber_loss 相同（不是 smooth_l1_loss 的 β）` },
    { library: "optax", name: "optax.losses.huber_loss", call: "jnp.mean(huber_loss(yPred, yTrue, delta=δ))", convention: `${OPTAX}; δ as lossbook`, conventionZh: `${OPTAX_ZH}；δ 与 lossbook 相同` },
  ],
  smoothL1: [
    { library: "PyTorch", name: "torch.nn.functional.smooth_l1_loss", call: "smooth_l1_loss(yPred, yTrue, beta=β)", convention: `${TORCH}; β as lossbook`, conventionZh: `${TORCH_ZH}；β 与 lossbook 相同` },
    { library: "Keras", name: "keras.losses.Huber", call: "Huber(delta=1.0)(yTrue, yPred)", convention: KERAS_MEAN, conventionZh: KERAS_MEAN_ZH, difference: "Keras has no smooth L1; Huber(δ) = β·smoothL1(β = δ), equal at β = 1 only.", differenceZh: "Keras 没有平滑 L1；Huber(δ) = β·smoothL1(β = δ)，只在 β = 1 时相等。" },
    { library: "optax", name: "optax.losses.huber_loss", call: "huber_loss(yPred, yTrue, delta=β) / β", convention: OPTAX, conventionZh: OPTAX_ZH, difference: "optax has no smooth L1; huber_loss(delta = β) is β × lossbook's smoothL1(β).", differenceZh: "optax 没有平滑 L1；huber_loss(delta = β) 是 lossbook 的 smoothL1(β) 的 β 倍。" },
  ],
  logCosh: [
    { library: "Keras", name: "keras.losses.LogCosh", call: "LogCosh()(yTrue, yPred)", convention: KERAS_MEAN, conventionZh: KERAS_MEAN_ZH },
    { library: "optax", name: "optax.losses.log_cosh", call: "jnp.mean(log_cosh(yPred, yTrue))", convention: OPTAX, conventionZh: OPTAX_ZH },
  ],
  quantile: [
    { library: "scikit-learn", name: "sklearn.metrics.mean_pinball_loss", call: "mean_pinball_loss(yTrue, yPred, alpha=τ, sample_weight=w)", convention: "mean only; the quantile is called alpha; sample_weight mean Σwᵢlᵢ/Σwᵢ", conventionZh: "只有均值；分位数水平叫 alpha；sample_weight 加权均值为 Σwᵢlᵢ/Σwᵢ" },
  ],
  poissonNLL: [
    { library: "PyTorch", name: "torch.nn.functional.poisson_nll_loss", call: "poisson_nll_loss(yPred, yTrue, log_input=True, full=False)", convention: `${TORCH}; yPred is the log-rate z`, conventionZh: `${TORCH_ZH}；yPred 是对数速率 z` },
    {
      library: "Keras", name: "keras.losses.Poisson", call: "Poisson()(yTrue, exp(yPred))", convention: `${KERAS_MEAN}; takes the rate μ = e^z, not its log`, conventionZh: `${KERAS_MEAN_ZH}；输入速率 μ = e^z，而不是它的对数`,
      difference: "Keras computes μ − y·log(μ + 1e−7): it exceeds lossbook's e^z − y·z by y·log(1 + 1e−7·e^−z), and its gradient by y·1e−7/(e^z + 1e−7).", differenceZh: "Keras 计算的是 μ − y·log(μ + 1e−7)：比 lossbook 的 e^z − y·z 多 y·log(1 + 1e−7·e^−z)，梯度多 y·1e−7/(e^z + 1e−7)。",
    },
    {
      library: "scikit-learn", name: "sklearn.metrics.mean_poisson_deviance", call: "mean_poisson_deviance(yTrue, exp(yPred))", convention: "mean only; takes the rate μ", conventionZh: "只有均值；输入速率 μ",
      difference: "The deviance 2·mean(y·log(y/μ) − y + μ) is 2 × (lossbook's mean − mean(y − y·log y)): same minimiser, a constant apart.", differenceZh: "偏差 2·mean(y·log(y/μ) − y + μ) 等于 2 × (lossbook 的均值 − mean(y − y·log y))：最小值点相同，只差一个常数。",
    },
  ],
  binaryCrossEntropy: [
    { library: "PyTorch", name: "torch.nn.functional.binary_cross_entropy", call: "binary_cross_entropy(yPred, yTrue)", convention: `${TORCH}; targets in [0, 1] (soft targets too); each log clamped at −100`, conventionZh: `${TORCH_ZH}；目标取值于 [0, 1]（也接受软目标）；每个 log 截断在 −100` },
    {
      library: "Keras", name: "keras.losses.BinaryCrossentropy", call: "BinaryCrossentropy()(yTrue, yPred)", convention: `${KERAS_MEAN}; label_smoothing ε turns y into y(1 − ε) + ε/2`, conventionZh: `${KERAS_MEAN_ZH}；label_smoothing ε 把 y 变为 y(1 − ε) + ε/2`,
      difference: "Keras clips p to [1e−7, 1 − 1e−7] where PyTorch and lossbook clamp the log at −100: equal for p inside, different at p = 0 or 1.", differenceZh: "Keras 把 p 裁剪到 [1e−7, 1 − 1e−7]，而 PyTorch 和 lossbook 把 log 截断在 −100：p 在区间内时相等，p = 0 或 1 时不同。",
    },
    { library: "scikit-learn", name: "sklearn.metrics.log_loss", call: "log_loss(yTrue, yPred, sample_weight=w)", convention: "mean only; labels 0/1 only (no soft targets); sample_weight mean Σwᵢlᵢ/Σwᵢ", conventionZh: "只有均值；标签只能是 0/1（不接受软目标）；sample_weight 加权均值为 Σwᵢlᵢ/Σwᵢ" },
  ],
  binaryCrossEntropyWithLogits: [
    { library: "PyTorch", name: "torch.nn.functional.binary_cross_entropy_with_logits", call: "binary_cross_entropy_with_logits(yPred, yTrue, pos_weight=tensor(c))", convention: `${TORCH}; soft targets; pos_weight = lossbook's posWeight`, conventionZh: `${TORCH_ZH}；接受软目标；pos_weight 即 lossbook 的 posWeight` },
    {
      library: "Keras", name: "keras.losses.BinaryCrossentropy", call: "BinaryCrossentropy(from_logits=True, label_smoothing=ε)(yTrue, yPred)", convention: `${KERAS_MEAN}; no pos_weight`, conventionZh: `${KERAS_MEAN_ZH}；没有 pos_weight`,
      difference: "label_smoothing ε is lossbook with the soft target y(1 − ε) + ε/2 (PyTorch has no label_smoothing for binary losses).", differenceZh: "label_smoothing ε 相当于 lossbook 用软目标 y(1 − ε) + ε/2（PyTorch 的二元损失没有 label_smoothing）。",
    },
    { library: "optax", name: "optax.losses.sigmoid_binary_cross_entropy", call: "jnp.mean(sigmoid_binary_cross_entropy(yPred, yTrue))", convention: `${OPTAX}; soft targets`, conventionZh: `${OPTAX_ZH}；接受软目标` },
  ],
  softmaxCrossEntropy: [
    { library: "PyTorch", name: "torch.nn.functional.cross_entropy", call: "cross_entropy(yPred, yTrue, weight=classWeights, label_smoothing=ε)", convention: `${TORCH}; class indices or probability rows; weighted mean divides by Σ weight[yᵢ]`, conventionZh: `${TORCH_ZH}；接受类别索引或概率行；加权均值除以 Σ weight[yᵢ]` },
    {
      library: "Keras", name: "keras.losses.CategoricalCrossentropy", call: "CategoricalCrossentropy(from_logits=True, label_smoothing=ε)(yTrue, yPred)", convention: `${KERAS_MEAN}; probability rows; no class weights in the loss`, conventionZh: `${KERAS_MEAN_ZH}；接受概率行；损失本身不带类别权重`,
      difference: "label_smoothing ε gives y(1 − ε) + ε/K as PyTorch's label_smoothing does: the same numbers (checked for ε = 0.1).", differenceZh: "label_smoothing ε 与 PyTorch 的 label_smoothing 一样给出 y(1 − ε) + ε/K：数值相同（在 ε = 0.1 时验证过）。",
    },
    { library: "Keras", name: "keras.losses.SparseCategoricalCrossentropy", call: "SparseCategoricalCrossentropy(from_logits=True)(yTrue, yPred)", convention: `${KERAS_MEAN}; class indices; no label smoothing`, conventionZh: `${KERAS_MEAN_ZH}；接受类别索引；没有标签平滑` },
    { library: "optax", name: "optax.losses.softmax_cross_entropy", call: "softmax_cross_entropy(yPred, yTrue) / softmax_cross_entropy_with_integer_labels(yPred, yTrue); smooth_labels(one_hot, ε)", convention: `${OPTAX}; smooth_labels(ε) is PyTorch's label smoothing`, conventionZh: `${OPTAX_ZH}；smooth_labels(ε) 即 PyTorch 的标签平滑` },
    { library: "scikit-learn", name: "sklearn.metrics.log_loss", call: "log_loss(yTrue, softmax(yPred), labels=[0, …, K − 1])", convention: "mean only; takes probabilities, not logits", conventionZh: "只有均值；输入概率，而不是 logits" },
  ],
  hinge: [
    { library: "scikit-learn", name: "sklearn.metrics.hinge_loss", call: "hinge_loss(yTrue, yPred, sample_weight=w)", convention: "mean only; labels ±1; sample_weight mean Σwᵢlᵢ/Σwᵢ", conventionZh: "只有均值；标签为 ±1；sample_weight 加权均值为 Σwᵢlᵢ/Σwᵢ" },
    { library: "Keras", name: "keras.losses.Hinge", call: "Hinge()(yTrue, yPred)", convention: KERAS_MEAN, conventionZh: KERAS_MEAN_ZH, difference: "Keras also accepts labels 0/1 and maps them to ±1 itself; lossbook asks for ±1 (the same numbers after 2y − 1).", differenceZh: "Keras 也接受 0/1 标签，并自行映射为 ±1；lossbook 要求 ±1（经过 2y − 1 后数值相同）。" },
    { library: "optax", name: "optax.losses.hinge_loss", call: "jnp.mean(hinge_loss(yPred, yTrue))", convention: `${OPTAX}; labels ±1`, conventionZh: `${OPTAX_ZH}；标签为 ±1` },
  ],
  squaredHinge: [
    { library: "Keras", name: "keras.losses.SquaredHinge", call: "SquaredHinge()(yTrue, yPred)", convention: `${KERAS_MEAN}; labels ±1 (0/1 mapped to ±1)`, conventionZh: `${KERAS_MEAN_ZH}；标签为 ±1（0/1 会映射为 ±1）` },
  ],
  focal: [
    { library: "PyTorch", name: "torchvision.ops.sigmoid_focal_loss", call: "sigmoid_focal_loss(yPred, yTrue, alpha=α, gamma=γ, reduction=\"mean\")", convention: "(inputs = logits, targets); reduction \"none\" by default; alpha = 0.25 weights positives, −1 switches it off; soft targets", conventionZh: "(inputs = logits, targets)；reduction 默认为 \"none\"；alpha = 0.25 给正类加权，−1 关闭加权；接受软目标" },
    {
      library: "Keras", name: "keras.losses.BinaryFocalCrossentropy", call: "BinaryFocalCrossentropy(from_logits=True, gamma=γ, apply_class_balancing=True, alpha=α)(yTrue, yPred)", convention: `${KERAS_MEAN}; from_logits=False by default`, conventionZh: `${KERAS_MEAN_ZH}；from_logits 默认为 False`,
      difference: "Keras weights the classes only with apply_class_balancing=True (default False): its default is lossbook's alpha: −1, not torchvision's α = 0.25.", differenceZh: "Keras 只有在 apply_class_balancing=True（默认为 False）时才给类别加权：它的默认行为是 lossbook 的 alpha: −1，而不是 torchvision 的 α = 0.25。",
    },
    {
      library: "optax", name: "optax.losses.sigmoid_focal_loss", call: "jnp.mean(sigmoid_focal_loss(yPred, yTrue, alpha=α, gamma=γ))", convention: OPTAX, conventionZh: OPTAX_ZH,
      difference: "optax's alpha defaults to None (no class weighting) = lossbook's alpha: −1; alpha = α is torchvision's and lossbook's.", differenceZh: "optax 的 alpha 默认为 None（不给类别加权），即 lossbook 的 alpha: −1；alpha = α 与 torchvision 和 lossbook 相同。",
    },
  ],
  klDivergence: [
    {
      library: "PyTorch", name: "torch.nn.functional.kl_div", call: "kl_div(yPred.log(), yTrue, reduction=\"batchmean\")", convention: "(input = log q, target = p): prediction first and as log-probabilities", conventionZh: "(input = log q, target = p)：预测在前，且为对数概率",
      difference: "reduction \"batchmean\" is lossbook's mean over rows; PyTorch's \"mean\" divides by rows × classes, i.e. lossbook's mean / K.", differenceZh: "reduction \"batchmean\" 就是 lossbook 按行求的均值；PyTorch 的 \"mean\" 除以行数 × 类别数，即 lossbook 的均值 / K。",
    },
    {
      library: "Keras", name: "keras.losses.KLDivergence", call: "KLDivergence()(yTrue, yPred)", convention: KERAS_MEAN, conventionZh: KERAS_MEAN_ZH,
      difference: "Keras clips p and q to [1e−7, 1]: a 0 in p adds 1e−7·log(1e−7/q) to its row (lossbook: 0·log 0 = 0), and −1e−7/q to the gradient.", differenceZh: "Keras 把 p 和 q 裁剪到 [1e−7, 1]：p 中的 0 会给所在行加上 1e−7·log(1e−7/q)（lossbook 中 0·log 0 = 0），给梯度加上 −1e−7/q。",
    },
    { library: "optax", name: "optax.losses.kl_divergence", call: "jnp.mean(kl_divergence(log(yPred), yTrue))", convention: `${OPTAX}; log-predictions first; per row`, conventionZh: `${OPTAX_ZH}；对数预测在前；按行计算` },
  ],
} satisfies Record<string, readonly PeerEntry[]>;
