"""PyInstaller hook: take every module of mnist_studio.desktop, because the launcher and the package import
some of them lazily by name.
"""

from PyInstaller.utils.hooks import collect_submodules

# desktop/__init__.py resolves MainWindow through __getattr__, which static analysis cannot see.
hiddenimports = collect_submodules("mnist_studio.desktop")
