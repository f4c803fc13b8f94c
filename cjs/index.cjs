'use strict';
// require('langevin') for CommonJS callers. langevin is an ES module; Node
// 20.19+ and 22.12+ can require() one whose graph has no top-level await,
// which langevin's is, so this hands over the ES module's exports.
try {
  module.exports = require('../dist/src/index.js');
} catch (error) {
  if (error && (error.code === 'ERR_REQUIRE_ESM' || error.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
    throw new Error(
      `langevin is an ES module and this Node (${process.version}) cannot require() it: ` +
        "use Node >= 20.19, or import('langevin') from CommonJS",
      { cause: error },
    );
  }
  throw error;
}
