/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/vanillajs" />

interface ImportMetaEnv {
  /** The app's version from package.json, set at build time. */
  readonly VITE_APP_VERSION?: string;
}
