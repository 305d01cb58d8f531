#!/usr/bin/env node
// Entry of the `tessera` command: registers tsx so the TypeScript sources run directly (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../main.ts');
