import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { operations } from '../../src/operations/index.ts'

const root = new URL('../../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')

/** The code block that follows each `<!-- example: <path> -->` marker. */
const examples = [...readme.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map(
  ([, path, code]) => ({
    path: path!,
    code: code!,
  }),
)

/** Operation names in the first column of the "Emulated operations" table. */
function documentedOperations(): string[] {
  const section = readme.split('## Emulated operations')[1]?.split('\n## ')[0] ?? ''
  return [...section.matchAll(/^\| `(\w+)` \|/gm)].map(([, name]) => name!)
}

describe('README', () => {
  it('shows each example exactly as the file that the tests run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5)
    for (const { path, code } of examples) {
      expect(code, path).toBe(readFileSync(new URL(path, root), 'utf8'))
    }
  })

  it('lists exactly the emulated operations', () => {
    expect(documentedOperations().sort()).toEqual(Object.keys(operations).sort())
  })

  it('shows the quick start commands', () => {
    for (const command of ['npm install', 'npm start', 'npm test']) expect(readme).toContain(command)
  })
})
