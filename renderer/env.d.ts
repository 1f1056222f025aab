// Vite resolves CSS imports at build time; TypeScript only needs to know they exist.
declare module '*.css';
