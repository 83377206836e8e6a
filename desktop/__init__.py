"""MNIST Studio desktop app: the Qt window that trains live and reads digits you draw."""
