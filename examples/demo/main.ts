import { Amplify } from 'aws-amplify'
import {
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth'
import { createCognito, localStorageAdapter } from 'cognito-msw'
import { setupWorker } from 'msw/browser'
import { CLIENT_ID, POOL_ID, seed } from './seed.ts'

// The emulator lives in the page; users survive a reload through localStorage.
const cognito = createCognito({ seed, storage: localStorageAdapter({ key: 'cognito-msw-demo' }) })
await setupWorker(...cognito.handlers).start({ quiet: true, onUnhandledFrame: 'bypass' })

// No endpoint: Amplify calls https://cognito-idp.us-east-1.amazonaws.com/, and the Service Worker answers.
Amplify.configure({ Auth: { Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID } } })

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector(selector) as T
const screens = ['#signed-out', '#confirm-sign-up', '#mfa', '#signed-in']
let pendingEmail = ''

function show(screen: string, destination?: string): void {
  $('#loading').hidden = true
  for (const s of screens) $(s).hidden = s !== screen
  if (destination)
    for (const b of document.querySelectorAll(`${screen} .destination`)) b.textContent = destination
  $('#error').textContent = ''
  $<HTMLInputElement>(`${screen} input`)?.focus()
}

function showTab(tab: 'sign-in' | 'sign-up'): void {
  $('#sign-in').hidden = tab !== 'sign-in'
  $('#sign-up').hidden = tab !== 'sign-up'
  for (const b of document.querySelectorAll<HTMLElement>('.tab'))
    b.ariaSelected = String(b.dataset.tab === tab)
}

async function showSignedIn(): Promise<void> {
  const attributes = await fetchUserAttributes()
  const { tokens } = await fetchAuthSession()
  const groups = (tokens?.idToken?.payload['cognito:groups'] as string[] | undefined) ?? []
  $('#who').textContent = attributes.email ?? ''
  $('#verified').textContent = attributes.email_verified === 'true' ? 'yes' : 'no'
  $('#groups').textContent = groups.length ? groups.join(', ') : 'none'
  show('#signed-in')
}

/** Runs a form's action, showing Cognito's error message under the form. */
function onSubmit(selector: string, action: (data: Record<string, string>) => Promise<void>): void {
  $<HTMLFormElement>(selector).addEventListener('submit', (event) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement
    button.disabled = true
    action(data)
      .catch((error: Error) => {
        $('#error').textContent = `${error.name}: ${error.message}`
      })
      .finally(() => {
        button.disabled = false
      })
  })
}

onSubmit('#sign-up', async ({ email = '', password = '' }) => {
  const { nextStep } = await signUp({ username: email, password })
  pendingEmail = email
  if (nextStep.signUpStep === 'CONFIRM_SIGN_UP') {
    show('#confirm-sign-up', nextStep.codeDeliveryDetails.destination)
  } else {
    showTab('sign-in')
    show('#signed-out')
  }
})

onSubmit('#confirm-sign-up', async ({ code = '' }) => {
  await confirmSignUp({ username: pendingEmail, confirmationCode: code })
  $<HTMLInputElement>('#sign-in input[name=email]').value = pendingEmail
  showTab('sign-in')
  show('#signed-out')
  $<HTMLInputElement>('#sign-in input[name=password]').focus()
})

onSubmit('#sign-in', async ({ email = '', password = '' }) => {
  const { isSignedIn, nextStep } = await signIn({ username: email, password })
  if (isSignedIn) return showSignedIn()
  if (nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE') {
    return show('#mfa', nextStep.codeDeliveryDetails?.destination)
  }
  if (nextStep.signInStep === 'CONFIRM_SIGN_UP') {
    pendingEmail = email
    return show('#confirm-sign-up', email)
  }
  throw new Error(`This demo does not handle the ${nextStep.signInStep} step.`)
})

onSubmit('#mfa', async ({ code = '' }) => {
  const { isSignedIn, nextStep } = await confirmSignIn({ challengeResponse: code })
  if (!isSignedIn) throw new Error(`Unexpected next step ${nextStep.signInStep}.`)
  await showSignedIn()
})

$('#sign-out').addEventListener('click', async () => {
  await signOut()
  showTab('sign-in')
  show('#signed-out')
})

for (const tab of document.querySelectorAll<HTMLElement>('.tab')) {
  tab.addEventListener('click', () => showTab(tab.dataset.tab as 'sign-in' | 'sign-up'))
}

$('#reset').addEventListener('click', async () => {
  await signOut().catch(() => {})
  cognito.reset()
  showTab('sign-in')
  show('#signed-out')
})

/** The outbox, newest first, so a person can copy the code. */
let shown = -1
function renderOutbox(): void {
  if (cognito.outbox.length === shown) return
  shown = cognito.outbox.length
  const items = [...cognito.outbox].reverse().map((m) => {
    const li = document.createElement('li')
    li.className = 'message'
    const code = document.createElement('div')
    code.className = 'code'
    code.textContent = m.code ?? m.temporaryPassword ?? ''
    const meta = document.createElement('div')
    meta.className = 'muted'
    meta.textContent = `${m.deliveryMedium} to ${m.destination} · ${m.reason}`
    li.append(code, meta)
    return li
  })
  $('#outbox ul').replaceChildren(...items)
}
setInterval(renderOutbox, 300)
renderOutbox()

showTab('sign-in')
try {
  await getCurrentUser()
  await showSignedIn()
} catch {
  show('#signed-out')
}
