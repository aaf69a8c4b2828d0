// tslab type-checks a cell that declares anything twice: it rebuilds its TypeScript program once
// to read the names the cell declares, then again with `export { those names }` appended. Each
// rebuild walks all of the program's ~820 files (TensorFlow.js's declarations, mostly), about
// 50 ms. The names depend on the cell's text alone, since TypeScript binds file by file, so this
// module binds a separate parse of the cell to find them and rebuilds once. Results are identical
// (test/integration/tslab-converter.test.ts runs every lesson cell through both); if tslab's code
// is not the text below, the kernel keeps tslab's own converter.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');

const CONVERTER = require.resolve('tslab/dist/converter.js');

/** tslab 1.0.22's `convert`, from its first rebuild to the end of the second. */
const TWO_REBUILDS = `        updateContent(prevDecl, src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);
        const locals = srcFile.locals;
        const keys = new Set();
        if (locals) {
            locals.forEach((_, key) => {
                keys.add(key);
            });
        }
        if (keys.size > 0) {
            // Export all local variables.
            // TODO: Disallow "export" in the input.
            const suffix = "\\nexport {" + Array.from(keys).join(", ") + "}";
            updateContent(prevDecl, src + suffix);
            declsFile = builder.getSourceFile(declFilename);
            srcFile = builder.getSourceFile(srcFilename);
        }`;

/** The same names, in the same order, from the cell bound alone; then one rebuild. */
const ONE_REBUILD = `        const keys = new Set();
        const alone = ts.createSourceFile(srcFilename, srcPrefix + src, transpileTarget, false,
            options && options.isJS ? ts.ScriptKind.JS : ts.ScriptKind.TS);
        ts.bindSourceFile(alone, builder.getCompilerOptions());
        if (alone.locals) {
            alone.locals.forEach((_, key) => keys.add(key));
        }
        const suffix = keys.size > 0 ? "\\nexport {" + Array.from(keys).join(", ") + "}" : "";
        updateContent(prevDecl, src + suffix);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);`;

/** tslab's converter source with one rebuild per cell; undefined if not the expected text. */
function singleRebuildSource(source) {
  const at = source.indexOf(TWO_REBUILDS);
  if (at < 0 || source.indexOf(TWO_REBUILDS, at + 1) >= 0) return undefined;
  return source.replace(TWO_REBUILDS, () => ONE_REBUILD);
}

/**
 * Puts the one-rebuild converter in Node's module cache, where tslab's executor will find it.
 * Returns whether it did; when tslab or TypeScript is not the expected version, nothing changes.
 */
function useSingleRebuildConverter() {
  if (require.cache[CONVERTER]) return false;
  // The TypeScript tslab compiles with (a fork it depends on), not the project's.
  const ts = require(
    require.resolve('@tslab/typescript-for-tslab', { paths: [dirname(CONVERTER)] }),
  );
  const patched = singleRebuildSource(readFileSync(CONVERTER, 'utf8'));
  if (patched === undefined || typeof ts.bindSourceFile !== 'function') {
    console.error('tslab kernel: tslab is not the expected version; its converter runs unchanged');
    return false;
  }
  const converter = compileConverter(patched);
  converter.loaded = true;
  require.cache[CONVERTER] = converter;
  return true;
}

/** A module compiled from `source` as if it were tslab's converter file, outside the cache. */
function compileConverter(source) {
  const converter = new Module(CONVERTER, module);
  converter.filename = CONVERTER;
  converter.paths = Module._nodeModulePaths(dirname(CONVERTER));
  converter._compile(source, CONVERTER);
  return converter;
}

module.exports = { CONVERTER, compileConverter, singleRebuildSource, useSingleRebuildConverter };
