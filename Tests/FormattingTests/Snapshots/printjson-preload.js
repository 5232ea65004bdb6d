// Preloaded into mongosh-inspect.js (`node -r ./printjson-preload.js mongosh-inspect.js --server`) to make
// printjson goldens: the tool's own conversions, but laid out with printjson's options
// ({ compact: false, depth: Infinity, breakLength: 80 }, no array or string limits).
'use strict';
const util = require('util');
const original = util.inspect;
function printjsonInspect(value, options) {
  if (options && options.compact === 3) {
    return original(value, {
      ...options, compact: false, depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity,
    });
  }
  return original(value, options);
}
Object.assign(printjsonInspect, original);
util.inspect = printjsonInspect;
