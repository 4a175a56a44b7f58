import type { Meta, StoryObj } from '@storybook/html-vite'
import { Amplify } from 'aws-amplify'
import { signIn, signOut } from 'aws-amplify/auth'
import { createCognito } from 'cognito-msw'
import type { SetupWorker } from 'msw/browser'
import { CLIENT_ID, PASSWORD, POOL_ID, seed } from '../../demo/seed.ts'
import { createLogin, type LoginProps } from './login.ts'

// No endpoint: Amplify calls the AWS host, and the Service Worker answers with the emulator's handlers.
Amplify.configure({ Auth: { Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID } } })

/** One emulator for the stories; each story starts from the seeded state. */
const cognito = createCognito({ seed })

/** Puts the seeded state and the emulator's handlers in place, and signs Amplify out. */
async function seeded(msw: SetupWorker): Promise<void> {
  cognito.reset()
  // The same msw at run time (Vite's dedupe); TypeScript sees the repository's copy and this example's as two.
  msw.use(...(cognito.handlers as unknown as Parameters<SetupWorker['use']>))
  await signOut()
}

const meta = {
  title: 'Login',
  render: (args) => createLogin(args),
} satisfies Meta<LoginProps>

export default meta
type Story = StoryObj<LoginProps>

/** Nobody is signed in: the email and password form. */
export const SignedOut: Story = {
  async beforeEach({ msw }) {
    await seeded(msw)
  },
}

/** The seeded alice@example.com is signed in. */
export const SignedIn: Story = {
  async beforeEach({ msw }) {
    await seeded(msw)
    await signIn({ username: 'alice@example.com', password: PASSWORD })
  },
}

/** The seeded mfa@example.com has given the password; Cognito wants the SMS code (in `cognito.outbox`). */
export const MfaStep: Story = {
  args: { step: 'mfa' },
  async beforeEach({ msw, args }) {
    await seeded(msw)
    const { nextStep } = await signIn({ username: 'mfa@example.com', password: PASSWORD })
    if (nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE') {
      args.destination = nextStep.codeDeliveryDetails?.destination ?? ''
    }
    ;(globalThis as { latestMfaCode?: () => string }).latestMfaCode = () =>
      cognito.latestCode('mfa@example.com', { reason: 'SMS_MFA' })
  },
}
