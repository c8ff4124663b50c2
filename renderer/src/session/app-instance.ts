/**
 * This running app's id: one per browser tab or desktop window, made when it starts and never stored.
 * It is announced in presence in every room the app has open (the plan list and each plan, each a Y.Doc
 * with its own awareness client id), so the host lists each running app as one participant — two
 * people with the same name on one browser, one address and one link are two rows, not one.
 */
export const appInstance: string = (() => {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
})();
