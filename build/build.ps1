<#
.SYNOPSIS
Build the Windows executables and the installer of the AppManager appliance.

.DESCRIPTION
On a Windows x64 machine with Python 3.11 (x64, from python.org) and NSIS 3 (makensis), from the checkout:

    powershell -ExecutionPolicy Bypass -File build\build.ps1

1. installs the project with its build extra (PyInstaller) into the current Python;
2. builds dist\appliance.exe (console) and dist\appliance-tray.exe (windowless) from appliance.spec;
3. checks them: --version, `demo --help`, `serve --get /health` on a temporary data directory;
4. fetches WinSW v2.12.0 (WinSW-NET461.exe: .NET Framework 4.6.1, present on Windows Server 2016 and later)
   and its license, and checks the SHA-256 pinned in build\winsw.sha256 (the first build prints the hash
   and stops: compare it with the release page, then commit the file);
5. compiles build\installer.nsi into dist\AppManager-appliance-<version>-setup.exe.

.PARAMETER WinSW
The path of an already checked WinSW-NET461.exe v2.12.0 to use instead of downloading it.

.PARAMETER Makensis
The path of makensis.exe (default: NSIS's usual install folder, then PATH).
#>
param(
    [string]$WinSW = "",
    [string]$Makensis = ""
)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    Write-Host "== $What"
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

Invoke-Checked 'install the project and PyInstaller' { python -m pip install --quiet -e ".[build]" }
Invoke-Checked 'build the executables' {
    python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\out appliance.spec
}
$version = (python -c "import appliance; print(appliance.__version__)").Trim()
$exe = Join-Path $root 'dist\appliance.exe'
$tray = Join-Path $root 'dist\appliance-tray.exe'
foreach ($file in @($exe, $tray)) {
    '{0}: {1:N1} MB' -f (Split-Path -Leaf $file), ((Get-Item $file).Length / 1MB) | Write-Host
}

$check = Join-Path ([System.IO.Path]::GetTempPath()) ("appliance-build-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Force $check | Out-Null
try {
    Invoke-Checked 'appliance --version' { & $exe --version }
    Invoke-Checked 'appliance demo --help' { & $exe demo --help | Out-Null }
    Invoke-Checked 'appliance serve --get /health' { & $exe serve --get /health --data-dir $check }
} finally {
    Remove-Item -Recurse -Force $check
}

$payload = Join-Path $root 'build\out\payload'
New-Item -ItemType Directory -Force $payload | Out-Null
Copy-Item $exe, $tray $payload
$wrapper = Join-Path $payload 'AppManagerService.exe'
if ($WinSW) {
    Copy-Item $WinSW $wrapper
} else {
    $release = 'https://github.com/winsw/winsw/releases/download/v2.12.0'
    Invoke-WebRequest -UseBasicParsing -Uri "$release/WinSW-NET461.exe" -OutFile $wrapper
}
Invoke-WebRequest -UseBasicParsing -Uri 'https://raw.githubusercontent.com/winsw/winsw/v2.12.0/LICENSE.txt' `
    -OutFile (Join-Path $payload 'WinSW-LICENSE.txt')
$hash = (Get-FileHash -Algorithm SHA256 $wrapper).Hash.ToLowerInvariant()
$pinned = Join-Path $PSScriptRoot 'winsw.sha256'
if (-not (Test-Path $pinned)) {
    throw ("WinSW-NET461.exe v2.12.0 has SHA-256 $hash. Compare it with the v2.12.0 release page; if it matches, " +
           "save it (Set-Content build\winsw.sha256 $hash), commit the file and build again.")
}
if ((Get-Content $pinned -Raw).Trim().ToLowerInvariant() -ne $hash) {
    throw "WinSW-NET461.exe has SHA-256 $hash, not the one pinned in build\winsw.sha256: not using it."
}

if (-not $Makensis) {
    $Makensis = Join-Path ${env:ProgramFiles(x86)} 'NSIS\makensis.exe'
    if (-not (Test-Path $Makensis)) { $Makensis = 'makensis.exe' }
}
$setup = Join-Path $root "dist\AppManager-appliance-$version-setup.exe"
Invoke-Checked 'compile the installer' {
    & $Makensis /V2 /WX "/DVERSION=$version" "/DPAYLOAD=$payload" "/DOUTFILE=$setup" build\installer.nsi
}
Write-Host "Built $setup"
