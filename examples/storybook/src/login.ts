import { confirmSignIn, fetchUserAttributes, getCurrentUser, signIn, signOut } from 'aws-amplify/auth'

/** Where the login card starts: asked by a story, or found out from Amplify. */
export interface LoginProps {
  /** `mfa`: a sign-in is waiting for its SMS code (the story started it). */
  step?: 'mfa'
  /** Where the code went, as Cognito masked it. */
  destination?: string
}

/**
 * A login card over Amplify v6: email and password, then the SMS code if Cognito asks for one, then who is signed
 * in and a sign-out button. Its root's `data-state` says which screen it shows.
 */
export function createLogin(props: LoginProps = {}): HTMLElement {
  const root = document.createElement('section')
  root.className = 'login'
  if (props.step === 'mfa') mfaScreen(root, props.destination ?? '')
  else {
    root.dataset.state = 'loading'
    root.textContent = 'Loading…'
    getCurrentUser().then(
      () => signedInScreen(root),
      () => signedOutScreen(root),
    )
  }
  return root
}

function screen(root: HTMLElement, state: string, html: string): void {
  root.dataset.state = state
  root.innerHTML = `${html}<p class="error" role="alert"></p>`
}

function onSubmit(root: HTMLElement, action: (data: Record<string, string>) => Promise<void>): void {
  root.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement)) as Record<
      string,
      string
    >
    action(data).catch((error: Error) => {
      ;(root.querySelector('.error') as HTMLElement).textContent = `${error.name}: ${error.message}`
    })
  })
}

function signedOutScreen(root: HTMLElement): void {
  screen(
    root,
    'signed-out',
    `<h2>Sign in</h2>
     <form>
       <label>Email <input name="email" type="email" required></label>
       <label>Password <input name="password" type="password" required></label>
       <button type="submit">Sign in</button>
     </form>`,
  )
  onSubmit(root, async ({ email = '', password = '' }) => {
    const { isSignedIn, nextStep } = await signIn({ username: email, password })
    if (isSignedIn) return signedInScreen(root)
    if (nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE') {
      return mfaScreen(root, nextStep.codeDeliveryDetails?.destination ?? '')
    }
    throw new Error(`Unhandled step ${nextStep.signInStep}`)
  })
}

function mfaScreen(root: HTMLElement, destination: string): void {
  screen(
    root,
    'mfa',
    `<h2>Enter your code</h2>
     <p>We sent a sign-in code to <b class="destination"></b>.</p>
     <form>
       <label>Code <input name="code" inputmode="numeric" required></label>
       <button type="submit">Verify</button>
     </form>`,
  )
  ;(root.querySelector('.destination') as HTMLElement).textContent = destination
  onSubmit(root, async ({ code = '' }) => {
    const { isSignedIn } = await confirmSignIn({ challengeResponse: code })
    if (isSignedIn) await signedInScreen(root)
  })
}

async function signedInScreen(root: HTMLElement): Promise<void> {
  const { email = '' } = await fetchUserAttributes()
  screen(
    root,
    'signed-in',
    `<h2>Welcome</h2>
     <p>Signed in as <b class="who"></b></p>
     <button type="button" class="sign-out">Sign out</button>`,
  )
  ;(root.querySelector('.who') as HTMLElement).textContent = email
  root.querySelector('.sign-out')?.addEventListener('click', async () => {
    await signOut()
    signedOutScreen(root)
  })
}
