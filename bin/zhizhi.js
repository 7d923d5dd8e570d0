#!/usr/bin/env node
// The `zhizhi` command. Node 20 cannot run TypeScript by itself, so load tsx's ESM hooks first.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/main.ts');
