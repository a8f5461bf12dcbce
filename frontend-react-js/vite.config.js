import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server forwards /api to the Flask API so the SPA always uses relative URLs (no CORS locally).
const apiTarget = process.env.CRUDDUR_API_URL || 'http://127.0.0.1:4567';
// ...except the real-time stream, which a process of its own serves (backend-flask/cruddur/stream); listed
// before /api so it matches first.
const streamTarget = process.env.CRUDDUR_STREAM_URL || 'http://127.0.0.1:4568';
const proxy = {
  '/api/stream': { target: streamTarget, changeOrigin: true },
  '/api': { target: apiTarget, changeOrigin: true },
};

// Libraries in chunks of their own, which change less often than the app and stay cached across deploys.
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
  { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 2 },
  // Amplify (Cognito) and what it brings, loaded only where a session may exist or someone signs in
  // (src/lib/amplify-loader.js).
  { name: 'amplify', test: /node_modules[\\/](aws-amplify|@aws-amplify|@aws-crypto|@aws-sdk|@smithy|tslib|js-cookie)[\\/]/, priority: 1 },
  // The other libraries (TanStack Query…), on every page.
  { name: 'vendor', test: /node_modules[\\/]/, priority: 0 },
];

export default defineConfig({
  plugins: [react()],
  build: {
    // dist/.vite/manifest.json: scripts/first-load.js reads what the first page loads from it.
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: vendorChunks } } },
  },
  // Amplify is imported only dynamically (src/lib/amplify.js): bundled for the dev server at start, so its
  // first use does not make Vite optimize a new dependency and reload the page mid-sign-up.
  optimizeDeps: { include: ['aws-amplify', 'aws-amplify/auth', 'aws-amplify/auth/cognito', 'aws-amplify/utils'] },
  server: {
    host: '127.0.0.1',
    port: 3000,
    strictPort: true,
    proxy,
  },
  preview: {
    host: '127.0.0.1',
    port: 3000,
    strictPort: true,
    proxy,
  },
  test: {
    // happy-dom: the same tests pass, with a third of jsdom's start-up per file (bin/test quick's minute)
    environment: 'happy-dom',
    globals: true,
    setupFiles: ['./src/test/setup.js'],
    include: ['src/**/*.test.{js,jsx}'],
  },
});
