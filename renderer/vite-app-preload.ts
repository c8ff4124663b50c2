import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin } from 'vite';

/** The build's output as Vite hands it to index.html's transform (Rolldown's or Rollup's types, whichever Vite bundles with). */
type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;
type OutputChunk = Extract<OutputBundle[string], { type: 'chunk' }>;

/**
 * The page's entry (src/main.tsx) is small on purpose: it starts reading the stored first screen and
 * only then imports the app dynamically (issue #18). Left to itself the browser would start fetching
 * and compiling the app's chunks only when that import runs, after the entry has been fetched and
 * evaluated: a second round of loading in a row. Listing the app's chunks in index.html as
 * `modulepreload` (and its CSS as `preload`) lets the browser fetch and compile them while the entry
 * runs; nothing is evaluated before the import asks for it, so the read still starts first.
 */
export function preloadDynamicEntry(moduleSuffix: string): Plugin {
  return {
    name: 'throughline-preload-dynamic-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        if (!context.bundle) return [];
        const chunk = chunkOf(context.bundle, moduleSuffix);
        return preloadTags(context.bundle, chunk);
      },
    },
  };
}

function chunkOf(bundle: OutputBundle, moduleSuffix: string): OutputChunk {
  for (const output of Object.values(bundle)) {
    if (output.type === 'chunk' && output.facadeModuleId?.replace(/\\/g, '/').endsWith(moduleSuffix)) return output;
  }
  throw new Error(`preloadDynamicEntry: no chunk is built from a module ending in "${moduleSuffix}"; the app's entry was renamed or is no longer imported dynamically`);
}

/** The chunk and every chunk it imports statically, in load order, and their CSS. */
function preloadTags(bundle: OutputBundle, chunk: OutputChunk): HtmlTagDescriptor[] {
  const scripts: string[] = [];
  const styles = new Set<string>();
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    const output = bundle[fileName];
    if (!output || output.type !== 'chunk' || seen.has(fileName)) return;
    seen.add(fileName);
    // The entry is on the page as its script already.
    if (!output.isEntry) scripts.push(fileName);
    for (const css of output.viteMetadata?.importedCss ?? []) styles.add(css);
    for (const imported of output.imports) visit(imported);
  };
  visit(chunk.fileName);
  return [
    ...scripts.map((file): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' })),
    ...[...styles].map((file): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` }, injectTo: 'head' })),
  ];
}
