<#
.SYNOPSIS
  Build the Windows app: a one-folder bundle at dist\mnist-studio\ (the same recipe as build.sh).

.DESCRIPTION
  Creates its own build venv (build\venv) with the exact versions in packaging\constraints.txt,
  installs the project (not editable) and PyInstaller, runs packaging\mnist-studio.spec, then runs
  the bundle's self-test. The folder holds mnist-studio-app.exe (windowed: double-click it, no
  console) and mnist-studio.exe (console: command line and --self-test).

  Not run by this project's CI (it builds on Linux); see packaging\README.md.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Clean -Archive
#>
param(
    [switch]$Clean,    # delete build\venv and old outputs first
    [switch]$NoTest,   # skip the bundle's self-test
    [switch]$Archive   # also pack dist\mnist-studio-<version>-windows-<arch>.zip
)
$ErrorActionPreference = "Stop"
$started = Get-Date

function Invoke-Checked {
    # Native programs do not throw on failure; stop on a non-zero exit code ourselves.
    param([string]$What, [scriptblock]$Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: $What failed (exit code $LASTEXITCODE)" }
}

$root = (Resolve-Path (Join-Path $PSScriptRoot "..")).Path
Set-Location $root
$python = if ($env:PYTHON) { $env:PYTHON } else { "python" }
$venv = Join-Path $root "build\venv"
$vpy = Join-Path $venv "Scripts\python.exe"
$app = Join-Path $root "dist\mnist-studio"

& $python -c "import sys, venv; sys.exit(sys.version_info < (3, 10))"
if ($LASTEXITCODE -ne 0) { throw "build.ps1: '$python' is not Python 3.10+ with venv; set `$env:PYTHON to one" }

if ($Clean) {
    foreach ($p in @($venv, "build\pyinstaller", "build\lib", $app)) {
        if (Test-Path $p) { Remove-Item -Recurse -Force $p }
    }
}

if (-not (Test-Path $vpy)) {
    Write-Host "== creating the build venv ($venv)"
    Invoke-Checked "creating the venv" { & $python -m venv $venv }
}
Write-Host "== installing the pinned dependencies and PyInstaller"
Invoke-Checked "pip install" { & $vpy -m pip install -q --disable-pip-version-check -c packaging\constraints.txt ".[package]" }
# The project itself, rebuilt from this tree every time; setuptools' build\lib may hold deleted modules.
if (Test-Path "build\lib") { Remove-Item -Recurse -Force "build\lib" }
Invoke-Checked "installing the project" { & $vpy -m pip install -q --disable-pip-version-check --no-deps --force-reinstall . }

Write-Host "== running PyInstaller (packaging\mnist-studio.spec)"
if (Test-Path $app) { Remove-Item -Recurse -Force $app }
Invoke-Checked "PyInstaller" {
    & $vpy -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\mnist-studio.spec
}

$exe = Join-Path $app "mnist-studio.exe"
if (-not (Test-Path $exe)) { throw "build.ps1: PyInstaller finished but $exe is missing" }
$mb = [math]::Round(((Get-ChildItem -Recurse -File $app | Measure-Object -Sum Length).Sum / 1MB), 0)
Write-Host "== built $app ($mb MB)"

if (-not $NoTest) {
    Write-Host "== self-test of the bundle (offscreen)"
    $env:QT_QPA_PLATFORM = "offscreen"
    try {
        # The console exe, so its one line is visible here (the windowed one has no console).
        Invoke-Checked "the bundle's self-test" { & $exe --self-test }
    } finally {
        Remove-Item Env:\QT_QPA_PLATFORM
    }
}

if ($Archive) {
    $version = & $vpy -c "from importlib.metadata import version; print(version('mnist-studio'))"
    $arch = $env:PROCESSOR_ARCHITECTURE.ToLower()
    $zip = Join-Path $root "dist\mnist-studio-$version-windows-$arch.zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $app -DestinationPath $zip
    Write-Host "== packed $zip"
}

Write-Host ("== done in {0:N0} s: $app\mnist-studio-app.exe" -f ((Get-Date) - $started).TotalSeconds)
