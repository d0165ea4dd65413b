#!/usr/bin/env node
// The installed CLI entry: runs the compiled commands (npm run build first).
import '../dist/src/cli/main.js';
