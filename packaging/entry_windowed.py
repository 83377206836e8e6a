"""Frozen entry point of `mnist-studio-app`: the windowed program (no console on Windows), which always opens
the window.
"""

import sys

from mnist_studio.desktop.launcher import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
