/**
 * Monaco (GraphiQL's editor) runs its language services in web workers. They are bundled beside this script
 * (see explorer/build.ts), so they load from nereid itself rather than a CDN; their URLs are relative to this
 * script's own, wherever the page is served.
 */
const base = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;

export function setUpWorkers(): void {
  const worker = (name: string) => new Worker(new URL(`workers/${name}.js`, base));
  (globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    getWorker(_id: string, label: string) {
      if (label === 'json') return worker('json');
      if (label === 'graphql') return worker('graphql');
      return worker('editor');
    },
  };
}
