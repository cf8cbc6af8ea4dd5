// After `npm ci`: one line when npm itself runs on another Node than the project's, so that a newcomer knows which
// Node the scripts use. CommonJS, built-ins only: it runs on the Node 24 just installed in node_modules/.bin.
const npmNode = process.env.npm_node_execpath
let npmVersion = process.version
try {
  if (npmNode) npmVersion = require('node:child_process').execFileSync(npmNode, ['--version'], { encoding: 'utf8' }).trim()
} catch {}
if (npmVersion !== process.version) {
  console.log(
    `npm runs on Node ${npmVersion} here; npm start, npm test and the other scripts run on Node ${process.version}, which the 'node' dev dependency installed in node_modules/.bin.`
  )
}
