/**
 * A small fully-connected network with one hidden layer, written out: layers
 * (linear, tanh/ReLU) with their backward passes, the network's forward and
 * backward pass (backpropagation from the loss's gradient at the outputs),
 * seeded initialisation, and mini-batch SGD with momentum.
 */
export { ACTIVATIONS, activate, activationBackward, linearBackward, linearForward, type Activation, type LinearGradients } from "./layers";
export {
  flattenParameters,
  initializeNetwork,
  networkBackward,
  networkForward,
  networkLossAndGradient,
  networkShape,
  outputLossAndGradient,
  parameterCount,
  unflattenParameters,
  type ForwardPass,
  type InitializeNetworkOptions,
  type NetworkGradients,
  type NetworkLoss,
  type NetworkLossAndGradient,
  type NetworkLossOptions,
  type NetworkParameters,
  type NetworkShape,
} from "./network";
export { momentumStep, trainNetwork, type TrainNetworkOptions, type TrainedNetwork } from "./train";
