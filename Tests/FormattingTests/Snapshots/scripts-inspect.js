// Makes scripts.golden.txt: evaluates each line of scripts.txt as JavaScript and prints it with mongosh's shell
// options, values separated by "---" lines. `node scripts-inspect.js < scripts.txt > scripts.golden.txt`
'use strict';
const util = require('util');
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((line) => line.trim() !== '');
const options = { depth: 6, compact: 3, breakLength: 80, colors: false };
process.stdout.write(lines.map((line) => util.inspect((0, eval)(line), options)).join('\n---\n') + '\n');
