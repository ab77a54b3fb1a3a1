// Astro, Vitest and the Lambda runtime we emulate (nodejs22.x) all need Node >= 22.12. `npm run` puts
// node_modules/.bin first on PATH, where the `node` devDependency links a Node 22 binary; this guard
// catches the two ways that silently falls back to an older system Node.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `edge-storefront needs Node >= 22.12, but this is Node ${process.versions.node} (${process.execPath}).\n` +
      'Run it through npm (npm start, npm test, npm run ...) so the Node 22 from node_modules/.bin is used;\n' +
      'if that is what you did, reinstall without --ignore-scripts: rm -rf node_modules && npm install',
  );
  process.exit(1);
}
