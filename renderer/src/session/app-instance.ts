/**
 * This running app's public id: one per browser tab or desktop window, made when it starts and never
 * stored, announced in presence in every room the app has open. Anyone in a room can read and copy it,
 * so it decides nothing: the host's list and role changes go by the app's secret key (sync/role-handover.ts),
 * which the server binds each connection to at its upgrade. Kept for servers from before the key.
 */
export const appInstance: string = (() => {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
})();
