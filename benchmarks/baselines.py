"""The code MNIST Studio's speed is compared with: the lesson's training loop and element-by-element numerical
gradient (NumPy, float64), and PyTorch on the CPU if it happens to be installed (the project does not depend
on it).
"""

from __future__ import annotations

import importlib.util
import time
from contextlib import contextmanager

import numpy as np
from book_reference import SeedNet

from mnist_studio.core.network import NUMERICAL_H, TwoLayerNet

TARGET = 0.98


def seed_baseline(x_train, t_train_onehot, iters, seed=0, batch_size=100, lr=0.1):
    """The lesson's training loop (ch. 4-5 train_neuralnet.py) for `iters` iterations; returns (net, seconds
    of the loop).

    x_train is float32 in 0..1 and labels one-hot, as the book's load_mnist(normalize=True,
    one_hot_label=True) gives them; batches come from np.random.choice (with replacement), and
    the loss of every batch is recorded, as the book does. Its per-epoch accuracy check is left
    out of the clock, as ours is.
    """
    rs = np.random.RandomState(seed)
    net = SeedNet(784, 50, 10, rng=rs)
    train_loss_list = []
    train_size = x_train.shape[0]
    start = time.perf_counter()
    for _ in range(iters):
        batch_mask = rs.choice(train_size, batch_size)
        x_batch = x_train[batch_mask]
        t_batch = t_train_onehot[batch_mask]
        grad = net.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            net.params[key] -= lr * grad[key]
        loss = net.loss(x_batch, t_batch)
        train_loss_list.append(loss)
    return net, time.perf_counter() - start


def seed_numerical_loop_sample(params, x, t, picks):
    """The lesson's element loop, (loss(w+h) - loss(w-h)) / 2h with the readable loss, for the weights in
    picks only.

    picks is a list of (name, flat index). Returns (values, seconds). Every weight costs the loop
    the same two loss evaluations, so seconds * 39,760 / len(picks) is the loop's time per iteration.
    """
    net = TwoLayerNet.from_params({k: np.array(v, dtype=np.float64) for k, v in params.items()})
    x = np.asarray(x, dtype=np.float64)
    values = np.empty(len(picks))
    start = time.perf_counter()
    for n, (key, flat) in enumerate(picks):
        w = net.params[key].reshape(-1)  # a view: changing it changes the network's weight
        tmp_val = w[flat]
        w[flat] = float(tmp_val) + NUMERICAL_H
        fxh1 = net.loss(x, t)
        w[flat] = tmp_val - NUMERICAL_H
        fxh2 = net.loss(x, t)
        values[n] = (fxh1 - fxh2) / (2 * NUMERICAL_H)
        w[flat] = tmp_val
    return values, time.perf_counter() - start


# ---- PyTorch, if it happens to be installed (the project does not depend on it) -----------------
def _torch():
    if importlib.util.find_spec("torch") is None:
        return None
    import torch

    return torch


@contextmanager
def _torch_threads(torch, n):
    old = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(old)


def torch_seed_job(torch, x_train, t_train, iters, seed=0, threads=1):
    """The seed's job in PyTorch: same sizes, init (normal 0.01, zero biases), SGD 0.1, batch 100 with
    replacement; returns (model, seconds).
    """
    with _torch_threads(torch, threads):
        gen = torch.Generator().manual_seed(seed)
        model = torch.nn.Sequential(torch.nn.Linear(784, 50), torch.nn.Sigmoid(), torch.nn.Linear(50, 10))
        with torch.no_grad():
            for layer in (model[0], model[2]):
                layer.weight.normal_(0.0, 0.01, generator=gen)
                layer.bias.zero_()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        loss_fn = torch.nn.CrossEntropyLoss()
        losses = []
        n = x_train.shape[0]
        start = time.perf_counter()
        for _ in range(iters):
            idx = torch.randint(0, n, (100,), generator=gen)
            opt.zero_grad()
            loss = loss_fn(model(x_train[idx]), t_train[idx])
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return model, time.perf_counter() - start


def torch_strong_recipe(
    torch, x_train, t_train, x_test, t_test, seed=0, threads=1, max_epochs=15, max_iters=None
):
    """PyTorch's usual strong MNIST MLP (784-512-10 ReLU, Adam 1e-3, batch 128, shuffled epochs) until test
    accuracy >= 98%.

    Returns (seconds, epochs, test accuracy, iterations); seconds include the per-epoch test evaluations, as
    ours do.
    max_iters stops early (for a short probe of the thread count).
    """
    with _torch_threads(torch, threads):
        torch.manual_seed(seed)
        model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = torch.nn.CrossEntropyLoss()
        n, done, acc = x_train.shape[0], 0, 0.0
        start = time.perf_counter()
        for epoch in range(1, max_epochs + 1):
            order = torch.randperm(n)
            model.train()
            for s in range(0, n, 128):
                idx = order[s : s + 128]
                opt.zero_grad()
                loss_fn(model(x_train[idx]), t_train[idx]).backward()
                opt.step()
                done += 1
                if max_iters and done >= max_iters:
                    return time.perf_counter() - start, epoch, acc, done
            model.eval()
            with torch.no_grad():
                acc = (model(x_test).argmax(1) == t_test).float().mean().item()
            if acc >= TARGET:
                break
        return time.perf_counter() - start, epoch, acc, done
