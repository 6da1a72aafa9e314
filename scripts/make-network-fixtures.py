#!/usr/bin/python3
"""Reference fixtures for lossbook's one-hidden-layer network (src/nn/), from PyTorch autograd.

Writes test/fixtures/network.json with
- "steps": for a fixed batch and fixed parameters, the forward pass of
  nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh() or nn.ReLU(), nn.Linear(hidden, outputs))
  (pre-activations A, activations H, outputs Z), the mean loss
  (F.cross_entropy on class indices, or F.mse_loss for one output), the gradient
  at the outputs dL/dZ and loss.backward()'s gradients of every parameter;
- "momentum": three steps of torch.optim.SGD(lr, momentum) on given mini-batches,
  with the loss at each step and every parameter after each step.

All in float64. Inputs and parameters are drawn from a seeded numpy generator
and stored in the JSON, so the TypeScript tests start from the same numbers.
Usage: /usr/bin/python3 scripts/make-network-fixtures.py   (Debian: apt-get install python3-torch)
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "network.json")
torch.set_default_dtype(torch.float64)


def build(inputs, hidden, outputs, activation, rng):
    model = torch.nn.Sequential(
        torch.nn.Linear(inputs, hidden),
        torch.nn.Tanh() if activation == "tanh" else torch.nn.ReLU(),
        torch.nn.Linear(hidden, outputs),
    )
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(torch.tensor(rng.normal(0, 0.8, size=tuple(parameter.shape))))
    return model


def parameters_json(model):
    w1, b1, w2, b2 = [p.detach().numpy().tolist() for p in model.parameters()]
    return {"hiddenWeights": w1, "hiddenBias": b1, "outputWeights": w2, "outputBias": b2}


def loss_of(outputs, y, loss):
    if loss == "softmaxCrossEntropy":
        return F.cross_entropy(outputs, torch.tensor(y, dtype=torch.long))
    return F.mse_loss(outputs[:, 0], torch.tensor(y, dtype=torch.float64))


def step_case(name, inputs, hidden, outputs, activation, loss, n, seed):
    rng = np.random.default_rng(seed)
    model = build(inputs, hidden, outputs, activation, rng)
    X = rng.normal(0, 1.5, size=(n, inputs))
    y = rng.integers(0, outputs, size=n).tolist() if loss == "softmaxCrossEntropy" else rng.normal(0, 2, size=n).tolist()
    x = torch.tensor(X)
    linear1, act, linear2 = model
    A = linear1(x)
    A.retain_grad()
    H = act(A)
    Z = linear2(H)
    Z.retain_grad()
    value = loss_of(Z, y, loss)
    value.backward()
    w1, b1, w2, b2 = [p.grad.numpy().tolist() for p in model.parameters()]
    return {
        "name": name,
        "activation": activation,
        "loss": loss,
        "X": X.tolist(),
        "y": y,
        "parameters": parameters_json(model),
        "hiddenInput": A.detach().numpy().tolist(),
        "hidden": H.detach().numpy().tolist(),
        "outputs": Z.detach().numpy().tolist(),
        "value": value.item(),
        "outputGradient": Z.grad.numpy().tolist(),
        "hiddenInputGradient": A.grad.numpy().tolist(),
        "gradients": {"hiddenWeights": w1, "hiddenBias": b1, "outputWeights": w2, "outputBias": b2},
    }


def momentum_case(seed, learning_rate, momentum, batches):
    rng = np.random.default_rng(seed)
    model = build(2, 5, 3, "tanh", rng)
    X = rng.normal(0, 1.5, size=(8, 2))
    y = rng.integers(0, 3, size=8).tolist()
    initial = parameters_json(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=momentum)
    steps = []
    for rows in batches:
        optimizer.zero_grad()
        value = loss_of(model(torch.tensor(X[rows])), [y[i] for i in rows], "softmaxCrossEntropy")
        value.backward()
        optimizer.step()
        steps.append({"rows": rows, "value": value.item(), "parameters": parameters_json(model)})
    return {"learningRate": learning_rate, "momentum": momentum, "X": X.tolist(), "y": y, "initial": initial, "steps": steps}


def main():
    fixture = {
        "generator": f"PyTorch {torch.__version__} (float64), numpy {np.__version__}; scripts/make-network-fixtures.py",
        "steps": [
            step_case("tanh, 3 classes", 3, 4, 3, "tanh", "softmaxCrossEntropy", 6, 1),
            step_case("relu, 4 classes", 2, 5, 4, "relu", "softmaxCrossEntropy", 7, 2),
            step_case("tanh, regression (mse)", 3, 4, 1, "tanh", "mse", 5, 3),
        ],
        "momentum": momentum_case(4, 0.1, 0.9, [[0, 1, 2, 3], [4, 5, 6, 7], [1, 3, 5, 7]]),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
