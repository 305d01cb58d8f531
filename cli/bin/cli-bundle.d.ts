// Types of cli-bundle.js for the TypeScript that imports it (its tests).
export function bundledEntry(root?: string): Promise<string | null>;
