// Builds the two renderer windows (status, settings) to dist/renderer as plain files that both
// hosts serve: Electron through its app:// protocol, browser mode over HTTP. Relative asset
// paths (base './') make the same build work under either origin.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = fileURLToPath(new URL('./src-renderer', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or styles: the windows run under script-src 'self'; style-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        status: `${rendererRoot}/status.html`,
        settings: `${rendererRoot}/settings.html`,
      },
    },
  },
});
