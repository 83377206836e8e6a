"""Frozen entry point of `mnist-studio`: the console program (opens the window, or runs a subcommand such as
`gradcheck`).
"""

import sys

from mnist_studio.desktop.launcher import main

if __name__ == "__main__":
    sys.exit(main())
