// Starts the project's tslab kernel from the project root, whatever directory Jupyter starts it
// in: the lessons import the compiled library in lib/ and read data/, by paths relative to the
// project root.
process.chdir(require('node:path').resolve(module.path, '..'));
require('tslab/dist/main.js').main();
