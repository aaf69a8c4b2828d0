// Starts the project's tslab kernel from the project root, whatever directory Jupyter starts it
// in: the lessons import the compiled library in lib/ and read data/, by paths relative to the
// project root.
process.chdir(require('node:path').resolve(module.path, '..'));
// Jupyter picks the kernel's ports by binding free ones and letting them go, so another process
// can take one before the kernel binds it. tslab only logs that failure and runs on with no
// socket, a kernel that never answers (the client waits for its start-up timeout). Exiting
// instead lets Jupyter see the kernel die at once and start it again on other ports.
process.on('unhandledRejection', (reason) => {
  if (reason && reason.code === 'EADDRINUSE') {
    console.error(`tslab kernel: cannot bind ${reason.address}: the port is taken`);
    process.exit(1);
  }
});
// One type-check per cell instead of two (see tslab-converter.js).
require('./tslab-converter.js').useSingleRebuildConverter();
require('tslab/dist/main.js').main();
