import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin } from 'vite';

/** The build's output as Vite hands it to index.html's transform (Rolldown's or Rollup's types, whichever Vite bundles with). */
type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;
type OutputChunk = Extract<OutputBundle[string], { type: 'chunk' }>;

/**
 * The page's entry (src/main.tsx) is small on purpose: it paints the stored first screen (read by
 * index.html's inline script) and only then imports the app dynamically (issue #18). index.html
 * preloads the app's CSS (`preload`), which the painter applies. It no longer lists the app's chunks
 * as `modulepreload`: fetched and compiled while the entry paints, on a shared two-core machine they
 * held the painted rows back (20k, fresh process, first paint from navigation 704 ms with them against
 * 629 without, 4 of 5 pairs better, docs/benchmarks.md "boot2"); Vite's own preload of the dynamic
 * import's chunks fetches them all in one round when the import runs.
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

/** The CSS of the chunk and of every chunk it imports statically. */
function preloadTags(bundle: OutputBundle, chunk: OutputChunk): HtmlTagDescriptor[] {
  const styles = new Set<string>();
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    const output = bundle[fileName];
    if (!output || output.type !== 'chunk' || seen.has(fileName)) return;
    seen.add(fileName);
    for (const css of output.viteMetadata?.importedCss ?? []) styles.add(css);
    for (const imported of output.imports) visit(imported);
  };
  visit(chunk.fileName);
  return [...styles].map((file): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` }, injectTo: 'head' }));
}
