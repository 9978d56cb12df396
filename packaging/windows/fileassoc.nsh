; SPDX-License-Identifier: GPL-3.0-or-later
; The .sserec file association of the Windows installer. cpack-platforms.cmake includes this file in CPack's
; NSIS script and inserts the two macros into the install and uninstall sections.
;
; SHCTX is HKLM when the installer runs for all users (CPack's script calls SetShellVarContext all for an
; administrator) and HKCU otherwise; its Software\Classes is what Windows merges into HKEY_CLASSES_ROOT.

!include LogicLib.nsh
!include Integration.nsh

!define SSESCOPE_PROGID "SseScope.Recording"
!define SSESCOPE_EXE "$INSTDIR\bin\ssescope.exe"

!macro SseScopeRegisterAssociation
  WriteRegStr SHCTX "Software\Classes\.sserec" "" "${SSESCOPE_PROGID}"
  WriteRegStr SHCTX "Software\Classes\.sserec" "Content Type" "application/x-sserec"
  WriteRegStr SHCTX "Software\Classes\.sserec\OpenWithProgids" "${SSESCOPE_PROGID}" ""
  WriteRegStr SHCTX "Software\Classes\${SSESCOPE_PROGID}" "" "SSE Scope recording"
  WriteRegStr SHCTX "Software\Classes\${SSESCOPE_PROGID}\DefaultIcon" "" "${SSESCOPE_EXE},0"
  WriteRegStr SHCTX "Software\Classes\${SSESCOPE_PROGID}\shell\open\command" "" '"${SSESCOPE_EXE}" "%1"'
  ${NotifyShell_AssocChanged}
!macroend

!macro SseScopeUnregisterAssociation
  Push $0
  ; Another program may have taken .sserec since: then only our own entries go.
  ReadRegStr $0 SHCTX "Software\Classes\.sserec" ""
  ${If} $0 == "${SSESCOPE_PROGID}"
    DeleteRegKey SHCTX "Software\Classes\.sserec"
  ${Else}
    DeleteRegValue SHCTX "Software\Classes\.sserec\OpenWithProgids" "${SSESCOPE_PROGID}"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${SSESCOPE_PROGID}"
  Pop $0
  ${NotifyShell_AssocChanged}
!macroend
