import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built to web/dist and served by the walkpoint server; everything bundled, nothing from a CDN.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://localhost:4173' } },
});
