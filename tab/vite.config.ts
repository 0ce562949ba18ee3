import { defineConfig } from 'vite';

// Built into tab/dist and served by the service under /tab/. Vite 8 compiles TSX itself
// (automatic JSX runtime), so no React plugin is needed for a production build.
export default defineConfig({
  base: '/tab/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 600 },
  oxc: { jsx: { runtime: 'automatic' } },
});
