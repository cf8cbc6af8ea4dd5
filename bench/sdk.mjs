// The official SDK (@larksuiteoapi/node-sdk): it fetches the tenant token itself, then lists the scopes.
import * as lark from '@larksuiteoapi/node-sdk'

const [baseUrl] = process.argv.slice(2)
const client = new lark.Client({
  appId: process.env.APP_ID,
  appSecret: process.env.APP_SECRET,
  domain: baseUrl,
  loggerLevel: lark.LoggerLevel.error
})
const scopes = await client.application.v6.scope.list({})
if (scopes.code !== 0) process.exit(1)
