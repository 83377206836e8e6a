"""PyInstaller hook: take every module of mnist_studio.core, so each CLI subcommand works in the bundle even
if imported lazily.
"""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("mnist_studio.core")
