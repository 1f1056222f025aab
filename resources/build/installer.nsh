; Uninstaller: keeps the user's data (database, backups, saved scenarios) unless the user asks to remove it.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    MessageBox MB_YESNO|MB_ICONQUESTION "Also delete your Reservoir data (database, backups and saved scenarios) in $APPDATA\Reservoir?$\r$\nChoose No to keep it." /SD IDNO IDNO keepData
      RMDir /r "$APPDATA\Reservoir"
    keepData:
  ${endIf}
!macroend
