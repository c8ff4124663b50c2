import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, resolveAppResource } from '../../electron/app-protocol.js';

const webRoot = path.resolve('/srv/throughline/web');

describe('resolveAppResource', () => {
  it('serves index.html at the root and files inside the build', () => {
    expect(resolveAppResource(webRoot, 'app://throughline/')).toEqual({ kind: 'file', file: path.join(webRoot, 'index.html') });
    expect(resolveAppResource(webRoot, 'app://throughline/assets/index-abc.js')).toEqual({ kind: 'file', file: path.join(webRoot, 'assets', 'index-abc.js') });
  });

  it('never resolves outside the build, however the path is encoded', () => {
    // The URL parser folds plain and %2e dot segments; encoded slashes survive it and must be refused.
    expect(resolveAppResource(webRoot, 'app://throughline/..%2f..%2fetc%2fpasswd')).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppResource(webRoot, 'app://throughline/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret')).toMatchObject({ kind: 'refused', status: 404 });
    for (const url of ['app://throughline/%2e%2e/%2e%2e/etc/passwd', 'app://throughline/../../etc/passwd']) {
      const resource = resolveAppResource(webRoot, url);
      expect(resource.kind === 'refused' || resource.file.startsWith(webRoot + path.sep)).toBe(true);
    }
  });

  it('answers 400 to malformed percent-encoding instead of throwing', () => {
    expect(resolveAppResource(webRoot, 'app://throughline/%E0%A4%A')).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('sends the strict Content-Security-Policy', () => {
    expect(appResponseHeaders['Content-Security-Policy']).toContain("script-src 'self'");
    expect(appResponseHeaders['Content-Security-Policy']).not.toMatch(/unsafe-(inline|eval)/);
  });
});
