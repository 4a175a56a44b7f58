/**
 * Prints the README's "Emulated operations" table from the operation table, grouped by area:
 * `npx node scripts/operations-table.ts`. test/readme/readme.test.ts fails when the README's table is stale.
 */
const AREAS: Record<string, string> = {
  pools: 'user pools',
  clients: 'app clients',
  users: 'users (admin)',
  account: 'users (self-service)',
  auth: 'sign-in and tokens',
  groups: 'groups',
  mfa: 'MFA',
  devices: 'devices',
}

let table = '| operation | area |\n|---|---|\n'
for (const [folder, title] of Object.entries(AREAS)) {
  const { operations } = await import(`../src/operations/${folder}/index.ts`)
  for (const name of Object.keys(operations).sort()) table += `| \`${name}\` | ${title} |\n`
}
console.log(table.trimEnd())
