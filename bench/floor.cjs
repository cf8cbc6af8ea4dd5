// The floor: the same two requests as the action, with nothing but node:http(s) on one kept-alive socket.
// CommonJS, the cheapest way for Node to start.
const http = require('node:http')
const https = require('node:https')

const [baseUrl] = process.argv.slice(2)
const transport = baseUrl.startsWith('https:') ? https : http
const agent = new transport.Agent({ keepAlive: true, maxSockets: 1 })

function request(method, path, body, headers) {
  return new Promise((resolve, reject) => {
    const req = transport.request(new URL(path, baseUrl), { method, headers, agent }, res => {
      const chunks = []
      res.on('data', chunk => chunks.push(chunk))
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
    })
    req.on('error', reject)
    req.end(body)
  })
}

;(async () => {
  const body = JSON.stringify({ app_id: process.env.APP_ID, app_secret: process.env.APP_SECRET })
  const token = await request('POST', '/open-apis/auth/v3/tenant_access_token/internal', body, { 'content-type': 'application/json' })
  const scopes = await request('GET', '/open-apis/application/v6/scopes', undefined, {
    authorization: `Bearer ${token.tenant_access_token}`
  })
  agent.destroy()
  if (token.code !== 0 || scopes.code !== 0) process.exitCode = 1
})()
