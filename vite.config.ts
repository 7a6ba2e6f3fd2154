import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The board is built into dist/client and served by the Hono server on the same port;
// `npm run dev` serves it from Vite with the API proxied to a running server.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: {
    port: 5173,
    proxy: { '/api': { target: `http://127.0.0.1:${process.env.PORT ?? 8787}`, changeOrigin: false } },
  },
});
