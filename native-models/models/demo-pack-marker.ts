// The marker file that labels a folder as Tessera's synthetic demo pack (the app shows such models as demos).
export const DEMO_PACK_MARKER = 'tessera-demo-pack.json';
