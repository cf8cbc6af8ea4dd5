'use strict'
// The runner's entry. CommonJS on purpose: for a .cjs entry ncc emits a CommonJS bundle, which Node compiles
// lazily and starts faster than an ES-module bundle of the same code (measured in bench/). The action itself is
// the ES-module TypeScript of action.ts and what it imports.
require('./action.ts')
