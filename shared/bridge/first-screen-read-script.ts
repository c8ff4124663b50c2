import { firstScreenReadGlobal } from './first-screen-read-global.js';

/**
 * The one inline script of the web build's index.html (issue #18: first painted rows from
 * navigation). It runs while the browser parses the page's head, before the entry module has been
 * fetched, compiled and evaluated, and starts reading the stored first screen of the plan the
 * address names from IndexedDB at once. The entry (renderer/src/early-start.ts) takes the pending
 * read from `firstScreenReadGlobal` (first-screen-read-global.ts), checks what it is handed, and
 * paints from it; nothing read here is trusted more than any other read (the painter and the app
 * check the value as before).
 *
 * The same read as renderer/src/persistence/first-screen-early-read.ts `readStoredFirstScreenRaw`
 * (the plan in `#/plan/<id>[/<view>]`, its database `throughline-plan:<id>` never created here, the
 * `first-screen` value of its `custom` store), written as plain text so that its exact bytes can be
 * allowed by the Content-Security-Policy's hash (content-security-policy.ts), never by
 * 'unsafe-inline'. The build (renderer/vite.config.ts) computes the hash of the text it puts in the
 * page and refuses to build when it is not `firstScreenReadScriptHash`.
 */

/** The benchmark's switch that turns every early read off (renderer: `firstScreenReadLateKey`). */
const readLateKey = 'throughline:bench:first-screen-read-late';

export const firstScreenReadScript = [
  '(function(){try{',
  'var hash=location.hash,m=/^#\\/plan\\/([^/]+)(?:\\/[a-z]+)?$/.exec(hash);',
  `if(!m||typeof indexedDB==="undefined"||localStorage.getItem("${readLateKey}")==="1")return;`,
  'performance.mark("throughline:first-screen-early-start",{detail:"page"});',
  'var read=new Promise(function(resolve){',
  'function no(reason){resolve({found:false,reason:reason})}',
  'var request;',
  'try{request=indexedDB.open("throughline-plan:"+m[1])}catch(e){no("the database could not be opened: "+e);return}',
  'request.onupgradeneeded=function(){if(request.transaction)request.transaction.abort()};',
  'request.onerror=function(){no("the database could not be opened: "+(request.error?request.error.message:"no database"))};',
  'request.onblocked=function(){no("the database is blocked")};',
  'request.onsuccess=function(){var db=request.result;try{',
  'if(!db.objectStoreNames.contains("custom")){db.close();no("the database has no custom store");return}',
  'var get=db.transaction("custom","readonly").objectStore("custom").get("first-screen");',
  'get.onsuccess=function(){db.close();resolve({found:true,value:get.result})};',
  'get.onerror=function(){db.close();no("the first screen could not be read: "+(get.error?get.error.message:"unknown error"))}',
  '}catch(e){db.close();no("the first screen could not be read: "+e)}}',
  '}).then(function(r){performance.mark("throughline:first-screen-early-read",{detail:r.found?"found":r.reason});return r});',
  `window.${firstScreenReadGlobal}={hash:hash,read:read}`,
  '}catch(e){}})();',
].join('');

/** The CSP source allowing exactly `firstScreenReadScript` (base64 SHA-256 of its UTF-8 bytes; the build and a unit test check it). */
export const firstScreenReadScriptHash = "'sha256-SBQHT3TvrbXtdgAom2tlePxyg4QTIHGpuR2eUbNXvvU='";
