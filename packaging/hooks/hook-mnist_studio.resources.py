"""PyInstaller hook: ship every file of mnist_studio.resources (default model, icons) so importlib.resources
finds them in the bundle.
"""

from PyInstaller.utils.hooks import collect_data_files

# .py files are modules, not data; everything else in the package (npz, png, svg, ...) is copied
# to <bundle>/_internal/mnist_studio/resources/, where importlib.resources.files() looks.
datas = collect_data_files("mnist_studio.resources")
