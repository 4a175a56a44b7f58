/** Request headers the AWS SDKs, Amplify and amazon-cognito-identity-js send from a browser. */
const ALLOWED_HEADERS = [
  'content-type',
  'x-amz-target',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'cache-control',
]

/**
 * CORS headers for every answer, so a page served from another origin (a dev server on another port) can call the
 * emulator. Headers a preflight asks for are allowed as well.
 *
 * @note Real Cognito answers CORS for any origin too; it is a public API guarded by tokens, not by origin.
 */
export function corsHeaders(requestedHeaders?: string): Record<string, string> {
  const requested = (requestedHeaders ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h && !ALLOWED_HEADERS.includes(h))
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': [...ALLOWED_HEADERS, ...requested].join(', '),
    'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
    'access-control-max-age': '86400',
  }
}
