import type { State, UserRecord } from '../core/state.ts'
import type { Cognito } from '../types.ts'

/** What `GET /_cognito/state` answers: pools, app clients, groups and users, without secrets or keys. */
export interface StateSummary {
  pools: {
    id: string
    name: string
    clients: { id: string; name: string }[]
    groups: { name: string; precedence?: number }[]
    users: {
      username: string
      status: string
      enabled: boolean
      attributes: Record<string, string>
      groups: string[]
      mfa: { enabled: string[]; preferred?: string }
    }[]
  }[]
}

/** The state as the inbox page shows it. */
export function stateSummary(state: State): StateSummary {
  return {
    pools: Object.values(state.pools).map((pool) => ({
      id: pool.config.Id,
      name: pool.config.Name,
      clients: Object.values(pool.clients).map((c) => ({ id: c.ClientId, name: c.ClientName })),
      groups: Object.values(pool.groups).map((g) => ({
        name: g.GroupName as string,
        ...(g.Precedence === undefined ? {} : { precedence: g.Precedence as number }),
      })),
      users: Object.values(pool.users).map((user) => ({
        username: user.username,
        status: user.status,
        enabled: user.enabled,
        attributes: user.attributes,
        groups: user.groups,
        mfa: mfaOf(user),
      })),
    })),
  }
}

function mfaOf(user: UserRecord): { enabled: string[]; preferred?: string } {
  const mfa = user.mfa ?? {}
  const enabled = [
    ...(mfa.sms ? ['SMS_MFA'] : []),
    ...(mfa.softwareToken ? ['SOFTWARE_TOKEN_MFA'] : []),
    ...(mfa.email ? ['EMAIL_OTP'] : []),
  ]
  return { enabled, ...(mfa.preferred ? { preferred: mfa.preferred } : {}) }
}

/** An answer of the inbox routes. */
export interface InboxResponse {
  status: number
  contentType: string
  body: string
}

/**
 * Answers `GET /_cognito/` (the inbox page) and `GET /_cognito/state` (its JSON); `undefined` for other routes.
 * The page polls `/_cognito/state` and `/_cognito/outbox` every second.
 */
export function inboxResponse(method: string, path: string, cognito: Cognito): InboxResponse | undefined {
  if (method !== 'GET') return undefined
  if (path === '/_cognito' || path === '/_cognito/') {
    return { status: 200, contentType: 'text/html; charset=utf-8', body: INBOX_HTML }
  }
  if (path === '/_cognito/state') {
    return {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(stateSummary(cognito.snapshot())),
    }
  }
  return undefined
}

const INBOX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>cognito-msw inbox</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; background: #fafafa; }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
  th { background: #f0f0f3; font-weight: 600; }
  code, .code { font-family: ui-monospace, monospace; }
  .code { font-size: 1.1rem; font-weight: 700; letter-spacing: .1em; color: #0a5; }
  .muted { color: #777; }
  .status-CONFIRMED { color: #0a5; } .status-UNCONFIRMED, .status-FORCE_CHANGE_PASSWORD { color: #b60; }
</style>
</head>
<body>
<h1>cognito-msw inbox <span class="muted" id="updated"></span></h1>
<section id="pools"><p class="muted">Loading…</p></section>
<h2>Outbox</h2>
<table id="outbox">
  <thead><tr><th>Sent</th><th>To</th><th>User</th><th>Reason</th><th>Code</th><th>Message</th></tr></thead>
  <tbody></tbody>
</table>
<script>
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props)
  for (const child of children) node.append(child)
  return node
}
const row = (cells, props) => el('tr', props, ...cells.map((c) => el('td', {}, c)))
function table(headers, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows))
}
function renderPools(state) {
  const section = document.getElementById('pools')
  if (state.pools.length === 0) return section.replaceChildren(el('p', { className: 'muted' }, 'No user pools yet.'))
  section.replaceChildren(...state.pools.map((pool) => el('div', { className: 'pool' },
    el('h2', {}, 'Pool ', el('code', {}, pool.id), ' ', pool.name),
    el('p', {}, 'App clients: ', ...pool.clients.flatMap((c) => [el('code', {}, c.id), ' (' + c.name + ') ']),
      pool.groups.length ? ' · Groups: ' + pool.groups.map((g) => g.name).join(', ') : ''),
    el('h3', {}, 'Users'),
    table(['Username', 'Email / phone', 'Status', 'Enabled', 'Groups', 'MFA'], pool.users.map((u) => row([
      u.username,
      [u.attributes.email, u.attributes.phone_number].filter(Boolean).join(' '),
      el('span', { className: 'status-' + u.status }, u.status),
      u.enabled ? 'yes' : 'no',
      u.groups.join(', '),
      u.mfa.enabled.map((f) => (f === u.mfa.preferred ? f + ' (preferred)' : f)).join(', '),
    ], { className: 'user' }))),
  )))
}
function renderOutbox(messages) {
  const body = document.querySelector('#outbox tbody')
  body.replaceChildren(...messages.slice().reverse().map((m) => row([
    new Date(m.sentAt).toLocaleTimeString(),
    m.destination + ' (' + m.deliveryMedium + ')',
    m.username,
    m.reason,
    el('span', { className: 'code' }, m.code ?? m.temporaryPassword ?? ''),
    m.message,
  ], { className: 'message' })))
}
async function refresh() {
  try {
    const [state, outbox] = await Promise.all(['state', 'outbox'].map((p) => fetch('/_cognito/' + p).then((r) => r.json())))
    renderPools(state)
    renderOutbox(outbox)
    document.getElementById('updated').textContent = '· updated ' + new Date().toLocaleTimeString()
  } catch (error) {
    document.getElementById('updated').textContent = '· cannot reach the server (' + error.message + ')'
  }
}
refresh()
setInterval(refresh, 1000)
</script>
</body>
</html>
`
