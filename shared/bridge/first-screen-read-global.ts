/**
 * The global on which index.html's inline script (first-screen-read-script.ts) leaves `{ hash, read }`
 * for the page's entry, which takes it once and deletes it. In a file of its own so the entry imports
 * the name without the script's text.
 */
export const firstScreenReadGlobal = 'throughlineFirstScreenRead';
