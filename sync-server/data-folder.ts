import { mkdirSync } from 'node:fs';

/**
 * Makes the server's data folder if it is missing, readable by its owner only: it holds every plan
 * (`throughline.sqlite`), the signing secret and the links (review42b: the folder was made 0755 and the
 * database 0644, so any user of the host could read every plan while the secret beside it was 0600).
 * A folder that exists is left as its owner set it.
 */
export function ensureDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}
