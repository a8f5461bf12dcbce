// Empty means "same origin": the API lives under /api next to the SPA (the dev server proxies it).
export const API_ORIGIN = (import.meta.env.VITE_API_ORIGIN || '').replace(/\/+$/, '');
