/**
 * Some Nest packages declare `const require = createRequire(import.meta.url)` at
 * the top of an ES module. Once Babel turns their imports into require() calls
 * for Jest, those calls would hit that constant before it exists; renaming the
 * module's own binding keeps both working.
 */
module.exports = () => ({
  visitor: {
    Program(path) {
      if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '_moduleRequire');
    },
  },
});
