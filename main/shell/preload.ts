/** Exposes exactly one function to the renderer: invoke(channel, payload) over one IPC channel. */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('reservoir', {
  invoke: (channel: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke('reservoir:invoke', channel, payload),
});
