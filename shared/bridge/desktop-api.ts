/**
 * The one bridge between the renderer and its host. The Electron preload implements it with
 * `satisfies DesktopApi`; browser mode has its own implementation of the same type.
 */
export interface DesktopApi {
  /** Where the renderer runs: inside the desktop shell, or a plain browser tab. */
  readonly host: 'electron' | 'browser';
  /** The app's version string. */
  appVersion(): Promise<string>;
}

/** IPC channel names, one list; their payload types derive from DesktopApi. */
export const ipcChannels = ['app:version'] as const;
export type IpcChannel = (typeof ipcChannels)[number];
