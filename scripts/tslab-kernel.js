// Starts the project's tslab kernel from the project root, whatever directory Jupyter starts it
// in: tslab compiles only TypeScript files under its working directory, and the lessons import
// the shared library in src/. So paths in the lessons are relative to the project root.
process.chdir(require('node:path').resolve(module.path, '..'));
require('tslab/dist/main.js').main();
