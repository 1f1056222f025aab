/**
 * The permission policy of every web contents (issue 15 §4): the app asks for no web permission
 * (notifications come from the main process, files are saved through native dialogs, nothing uses
 * the camera, location, clipboard reads or USB), so every request and every check is denied.
 * Kept as a function so the shell's handlers and the test share one decision.
 */
export function allowPermission(_permission: string, _requestingOrigin: string): false {
  return false;
}
