#!/usr/bin/env node
'use strict';
require('../dist/src/cli/main.js').runCli(process.argv).then((code) => {
  process.exitCode = code;
});
