// Ambient types for the renderer build: CSS imports are side effects handled by Vite.
declare module '*.css';
