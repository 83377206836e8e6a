"""MNIST Studio engine: the two-layer network, its math, training, MNIST files and model files, in pure NumPy."""
