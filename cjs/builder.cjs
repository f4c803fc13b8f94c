'use strict';
// require('langevin/builder') for CommonJS callers: see index.cjs.
try {
  module.exports = require('../dist/src/builder/index.js');
} catch (error) {
  if (error && (error.code === 'ERR_REQUIRE_ESM' || error.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
    throw new Error(
      `langevin is an ES module and this Node (${process.version}) cannot require() it: ` +
        "use Node >= 20.19, or import('langevin/builder') from CommonJS",
      { cause: error },
    );
  }
  throw error;
}
