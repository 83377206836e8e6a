"""MNIST Studio engine: the two-layer network, its math, training, MNIST files and model files, in pure
NumPy.
"""

from .mnist import load_mnist
from .network import TwoLayerNet
from .trainer import TrainConfig, Trainer

__all__ = ["TwoLayerNet", "load_mnist", "TrainConfig", "Trainer"]
