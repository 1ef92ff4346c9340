// Fails early, naming what is missing, when the machine lacks something the tests need.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`LaminarDB needs Node.js 20.19 or later; this is ${process.version}.`);
  process.exit(1);
}
