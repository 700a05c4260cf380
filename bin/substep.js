#!/usr/bin/env node
// The `substep` command: the bundled CLI (built by `npm install` through the prepare script).
require("../dist/cli.js");
