; Installer of the AppManager appliance for Windows Server 2016, 2019 and 2022 (x64).
;
; Compile: makensis /DVERSION=0.1.0 /DPAYLOAD=<folder> /DOUTFILE=<setup.exe> build\installer.nsi
; where <folder> holds appliance.exe, appliance-tray.exe, AppManagerService.exe (WinSW v2.12, renamed) and
; WinSW-LICENSE.txt. build\build.ps1 does this on Windows; build/compile_installer.sh compiles it on Linux
; with the Linux build as a stand-in payload, to catch script errors.
;
; What it does (build/README.md has the administrator's view):
;   - installs the executables into Program Files\AppManager; the data stays in ProgramData\Appliance;
;   - on an upgrade: stops the service and the tray, replaces the executables, starts the service again
;     (the new version migrates the database at start);
;   - on a first install: asks for the exchange folder and the service account (LocalSystem cannot read a
;     user's Dropbox folder or mapped drives), writes appliance.toml, limits the data folder to the
;     administrators, SYSTEM and that account, registers the service (automatic start) and starts it;
;     it also asks for extra names of the server for the HTTPS certificate (tls_names: a VPN name, a NAT address);
;   - opens the TCP ports (HTTP and HTTPS) in Windows Firewall (netsh through nsExec: Debian's NSIS has no
;     firewall plugin);
;   - puts the tray in the all-users Startup folder;
;   - uninstalls cleanly and keeps the data unless asked (checkbox, or /DELETEDATA when silent).
;
; Silent install: setup.exe /S /EXCHANGE=D:\Dropbox\Exchange /ACCOUNT=CORP\svc-appliance /PASSWORDFILE=C:\pw.txt
;                 [/TLSNAMES=appliance.vpn.acme.it,10.8.0.1]
; (the password file is read once by `appliance service install`; delete it afterwards).

Unicode true
ManifestSupportedOS all
RequestExecutionLevel admin
!ifndef COMPRESSOR
  !define COMPRESSOR "lzma"   ; the Linux compile check passes zlib: the same script, compiled in seconds
!endif
SetCompressor /SOLID ${COMPRESSOR}

!ifndef VERSION
  !error "Pass /DVERSION=x.y.z (appliance.__version__)"
!endif
!ifndef PAYLOAD
  !error "Pass /DPAYLOAD=<folder with appliance.exe, appliance-tray.exe, AppManagerService.exe>"
!endif
!ifndef OUTFILE
  !define OUTFILE "AppManager-appliance-${VERSION}-setup.exe"
!endif

!define PRODUCT "AppManager appliance"
!define SERVICE_ID "AppManagerAppliance"
!define FIREWALL_RULE "AppManager appliance"
!define PORT 8470
!define HTTPS_PORT 8471
!define DATA_FOLDER "Appliance"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\AppManagerAppliance"

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\AppManager"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} setup"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "CompanyName" "AppManager"
VIAddVersionKey /LANG=1033 "LegalCopyright" "AppManager"

Var DataDir
Var Upgrade          ; 1 when the service is already installed here
Var Exchange
Var Account
Var Password
Var PasswordFile     ; given on the command line (silent install)
Var DeleteData
Var TlsNames         ; extra names for the HTTPS certificate, comma-separated
Var Field            ; nsDialogs control handles
Var ExchangeField
Var AccountField
Var PasswordField
Var TlsNamesField
Var DeleteDataBox

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
Page custom SettingsPage SettingsPageLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; -- helpers -------------------------------------------------------------------------------------------------

; Run a command hidden, log its output; abort the installation when it fails.
!macro Run WHAT COMMAND
  DetailPrint "${WHAT}"
  nsExec::ExecToLog '${COMMAND}'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_ICONSTOP|MB_OK "${WHAT} failed (exit code $0). The details are in the list above." /SD IDOK
    Abort
  ${EndIf}
!macroend

; Run a command hidden, log its output, go on whatever it returns (stopping what may not be running).
!macro RunQuietly COMMAND
  nsExec::ExecToLog '${COMMAND}'
  Pop $0
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${PRODUCT} needs 64-bit Windows (Windows Server 2016 or later)." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  StrCpy $DataDir "$APPDATA\${DATA_FOLDER}"   ; C:\ProgramData\Appliance: the appliance's per-OS default
  StrCpy $Upgrade 0
  ${If} ${FileExists} "$INSTDIR\AppManagerService.xml"
    StrCpy $Upgrade 1
  ${EndIf}
  ${GetParameters} $R0
  ${GetOptions} $R0 "/EXCHANGE=" $Exchange
  ${GetOptions} $R0 "/ACCOUNT=" $Account
  ${GetOptions} $R0 "/PASSWORDFILE=" $PasswordFile
  ${GetOptions} $R0 "/TLSNAMES=" $TlsNames
FunctionEnd

; -- the settings page (first install only) ------------------------------------------------------------------

Function SettingsPage
  ${If} $Upgrade == 1
    Abort  ; an upgrade keeps the service, its account and appliance.toml
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "Exchange folder and service account" \
      "The service must run as an account that can read the exchange folder."
  nsDialogs::Create 1018
  Pop $Field
  ${NSD_CreateLabel} 0 0 100% 20u "Exchange folder shared with the ERP connector (holds gestionale\, multimedia\, reports\):"
  ${NSD_CreateDirRequest} 0 20u 78% 12u "$Exchange"
  Pop $ExchangeField
  ${NSD_CreateBrowseButton} 80% 19u 20% 14u "Browse..."
  Pop $Field
  ${NSD_OnClick} $Field BrowseExchange
  ${NSD_CreateLabel} 0 42u 100% 28u "Service account (DOMAIN\user, or .\user for a local account). LocalSystem cannot see a user's Dropbox folder or mapped drives: use the account whose Dropbox syncs the exchange folder. Leave empty for LocalSystem."
  ${NSD_CreateText} 0 72u 60% 12u "$Account"
  Pop $AccountField
  ${NSD_CreateLabel} 0 90u 100% 10u "Its password (kept by Windows, not by the appliance):"
  ${NSD_CreatePassword} 0 102u 60% 12u ""
  Pop $PasswordField
  ${NSD_CreateLabel} 0 118u 100% 18u "Other names the iPads use for this server, for its HTTPS certificate (a VPN name, a NAT address; comma-separated; this server's own names and addresses are included anyway):"
  ${NSD_CreateText} 0 138u 100% 12u "$TlsNames"
  Pop $TlsNamesField
  nsDialogs::Show
FunctionEnd

Function BrowseExchange
  ${NSD_GetText} $ExchangeField $0
  nsDialogs::SelectFolderDialog "Exchange folder" "$0"
  Pop $0
  ${If} $0 != error
    ${NSD_SetText} $ExchangeField "$0"
  ${EndIf}
FunctionEnd

Function SettingsPageLeave
  ${NSD_GetText} $ExchangeField $Exchange
  ${NSD_GetText} $AccountField $Account
  ${NSD_GetText} $PasswordField $Password
  ${NSD_GetText} $TlsNamesField $TlsNames
  ${If} $Exchange == ""
    MessageBox MB_ICONEXCLAMATION|MB_OK "Choose the exchange folder."
    Abort
  ${EndIf}
  ${If} $Account != ""
  ${AndIf} $Password == ""
    StrCpy $0 $Account 1 -1
    ${If} $0 != "$$"  ; a group managed service account (name ending in $) has no password
      MessageBox MB_ICONEXCLAMATION|MB_OK "Enter the password of $Account."
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

; -- installing ----------------------------------------------------------------------------------------------

Section "Install"
  SetRegView 64
  SetShellVarContext all
  ${If} $Upgrade == 1
    DetailPrint "Upgrade: stopping the service and the tray"
    !insertmacro RunQuietly '"$INSTDIR\appliance.exe" service stop'
    !insertmacro RunQuietly 'taskkill /IM appliance-tray.exe /F'
  ${EndIf}

  SetOutPath "$INSTDIR"
  File "${PAYLOAD}\appliance.exe"
  File "${PAYLOAD}\appliance-tray.exe"
  File "${PAYLOAD}\AppManagerService.exe"
  File "${PAYLOAD}\WinSW-LICENSE.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$DataDir"
  CreateDirectory "$DataDir\secrets"
  CreateDirectory "$DataDir\tls"
  ${If} $Upgrade == 0
    Call FirstInstall
  ${EndIf}

  DetailPrint "Opening TCP ports ${PORT} (HTTP) and ${HTTPS_PORT} (HTTPS) in Windows Firewall (domain and private networks)"
  !insertmacro RunQuietly 'netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"'
  !insertmacro Run "Adding the firewall rule" 'netsh advfirewall firewall add rule name="${FIREWALL_RULE}" \
      dir=in action=allow protocol=TCP localport=${PORT},${HTTPS_PORT} program="$INSTDIR\appliance.exe" profile=domain,private'

  CreateShortCut "$SMSTARTUP\AppManager tray.lnk" "$INSTDIR\appliance-tray.exe"
  CreateDirectory "$SMPROGRAMS\AppManager"
  CreateShortCut "$SMPROGRAMS\AppManager\AppManager tray.lnk" "$INSTDIR\appliance-tray.exe"
  CreateShortCut "$SMPROGRAMS\AppManager\Uninstall AppManager appliance.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "AppManager"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\appliance.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  !insertmacro Run "Starting the service" '"$INSTDIR\appliance.exe" service start'
  DetailPrint "Status: http://127.0.0.1:${PORT}/health - console: http://127.0.0.1:${PORT}/admin/"
  DetailPrint "iPads: https://<this server>:${HTTPS_PORT}/ - the console's iPads page shows how to install the CA"

SectionEnd

; The first install: appliance.toml, the data folder's permissions, the service.
Function FirstInstall
  ${IfNot} ${FileExists} "$DataDir\appliance.toml"
    FileOpen $0 "$DataDir\appliance.toml" w
    FileWrite $0 "# Written by the installer; `appliance config` shows every setting.$\r$\n"
    FileWrite $0 "exchange = '$Exchange'$\r$\n"
    FileWrite $0 'host = "0.0.0.0"$\r$\n'
    FileWrite $0 "port = ${PORT}$\r$\n"
    FileWrite $0 "https_port = ${HTTPS_PORT}$\r$\n"
    ${If} $TlsNames != ""
      FileWrite $0 "tls_names = '$TlsNames'$\r$\n"
    ${EndIf}
    FileClose $0
  ${EndIf}

  ; The data folder: the administrators, SYSTEM and the service's account. secrets\ (console key, connector
  ; key, the tray's local token): the same, without inheritance. The installing administrator may read both
  ; (an administrator's tray runs without elevation, so the Administrators group alone would not let it in).
  !insertmacro Run "Limiting $DataDir to the administrators" 'icacls "$DataDir" /inheritance:r \
      /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F'
  ${If} $Account != ""
    !insertmacro Run "Giving $Account the data folder" 'icacls "$DataDir" /grant "$Account:(OI)(CI)M"'
  ${EndIf}
  !insertmacro Run "Limiting $DataDir\secrets" 'icacls "$DataDir\secrets" /inheritance:r \
      /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F'
  ${If} $Account != ""
    !insertmacro Run "Giving $Account the secrets" 'icacls "$DataDir\secrets" /grant "$Account:(OI)(CI)M"'
  ${EndIf}
  ; tls\ (the private keys of the local CA and of the HTTPS certificate): the service only, no tray needs it.
  !insertmacro Run "Limiting $DataDir\tls" 'icacls "$DataDir\tls" /inheritance:r \
      /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F'
  ${If} $Account != ""
    !insertmacro Run "Giving $Account the TLS keys" 'icacls "$DataDir\tls" /grant "$Account:(OI)(CI)M"'
  ${EndIf}
  ReadEnvStr $1 USERDOMAIN
  ReadEnvStr $2 USERNAME
  !insertmacro RunQuietly 'icacls "$DataDir" /grant "$1\$2:(OI)(CI)RX"'
  !insertmacro RunQuietly 'icacls "$DataDir\secrets" /grant "$1\$2:(OI)(CI)RX"'
  ; Every tray reads the port and folders from appliance.toml (no secrets in it).
  !insertmacro RunQuietly 'icacls "$DataDir\appliance.toml" /grant *S-1-5-32-545:R'

  ${If} $Account == ""
    !insertmacro Run "Registering the service (LocalSystem)" '"$INSTDIR\appliance.exe" service install \
        --data-dir "$DataDir"'
  ${ElseIf} $PasswordFile != ""
    !insertmacro Run "Registering the service as $Account" '"$INSTDIR\appliance.exe" service install \
        --data-dir "$DataDir" --account "$Account" --password-file "$PasswordFile"'
  ${ElseIf} $Password == ""
    !insertmacro Run "Registering the service as $Account" '"$INSTDIR\appliance.exe" service install \
        --data-dir "$DataDir" --account "$Account"'
  ${Else}
    ; The password goes through a file in the installer's private temp folder, deleted at once: never on a
    ; command line.
    InitPluginsDir
    FileOpen $0 "$PLUGINSDIR\account.txt" w
    FileWrite $0 "$Password"
    FileClose $0
    StrCpy $Password ""
    DetailPrint "Registering the service as $Account"
    nsExec::ExecToLog '"$INSTDIR\appliance.exe" service install --data-dir "$DataDir" --account "$Account" \
        --password-file "$PLUGINSDIR\account.txt"'
    Pop $1
    Delete "$PLUGINSDIR\account.txt"
    ${If} $1 != 0
      MessageBox MB_ICONSTOP|MB_OK "Registering the service failed (exit code $1): check the account and its password. The details are in the list above." /SD IDOK
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

; -- uninstalling --------------------------------------------------------------------------------------------

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  StrCpy $DataDir "$APPDATA\${DATA_FOLDER}"
  StrCpy $DeleteData 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $DeleteData 1
  ${EndIf}
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "Keep the data?" "The database, archive, logs and license stay unless you ask."
  nsDialogs::Create 1018
  Pop $Field
  ${NSD_CreateLabel} 0 0 100% 24u "The data folder $DataDir holds the database, the imported files, the logs and the license. Installing the appliance again later finds it there."
  ${NSD_CreateCheckbox} 0 30u 100% 12u "Also delete the data folder (this cannot be undone)"
  Pop $DeleteDataBox
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DeleteDataBox $DeleteData
  ${If} $DeleteData == ${BST_CHECKED}
    StrCpy $DeleteData 1
  ${Else}
    StrCpy $DeleteData 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  DetailPrint "Stopping and removing the service"
  !insertmacro RunQuietly '"$INSTDIR\appliance.exe" service stop'
  !insertmacro RunQuietly '"$INSTDIR\appliance.exe" service uninstall'
  !insertmacro RunQuietly 'taskkill /IM appliance-tray.exe /F'
  !insertmacro RunQuietly 'netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"'

  Delete "$SMSTARTUP\AppManager tray.lnk"
  RMDir /r "$SMPROGRAMS\AppManager"
  Delete "$INSTDIR\appliance.exe"
  Delete "$INSTDIR\appliance-tray.exe"
  Delete "$INSTDIR\AppManagerService.exe"
  Delete "$INSTDIR\AppManagerService.xml"
  Delete "$INSTDIR\WinSW-LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"

  ${If} $DeleteData == 1
    DetailPrint "Deleting $DataDir"
    RMDir /r "$DataDir"
  ${Else}
    DetailPrint "The data in $DataDir is kept"
  ${EndIf}
SectionEnd
