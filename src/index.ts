import * as core from '@actions/core'
import { HttpClient, getProxyUrl } from '@actions/http-client'
import { setTimeout as sleep } from 'node:timers/promises'
import { run } from './main.js'

// Redirects are errors (the secret must not reach another host) and retries are ours, with a deadline.
const http = new HttpClient('feishu-tenant-token-action', [], { keepAlive: true, allowRedirects: false, allowRetries: false })

await run({ core, http, now: Date.now, sleep: ms => sleep(ms), random: Math.random, proxyFor: getProxyUrl })
http.dispose()
// A socket stuck behind a proxy must not hold the job open; this timer never fires when nothing is left.
setTimeout(() => process.exit(), 1000).unref()
