import { CognitoError } from '../../core/errors.ts'
import { getUsersByAttribute, updateAttributes } from '../../core/indexes.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'
import { aliasAttributes, usernameAttributes } from '../../core/users.ts'

export const aliasExists = (attribute: string): CognitoError =>
  new CognitoError('AliasExistsException', `An account with the given ${attribute} already exists.`)

/**
 * Other users that would hold the same sign-in name once `user` has `value` verified for `attribute`: for an alias,
 * the users with that value verified; where it is a username attribute, anyone with that value.
 */
export function aliasHolders(
  pool: PoolRecord,
  user: UserRecord,
  attribute: string,
  value: string,
): UserRecord[] {
  const isUsername = usernameAttributes(pool).includes(attribute)
  if (!isUsername && !aliasAttributes(pool).includes(attribute)) return []
  return getUsersByAttribute(pool, attribute, value).filter(
    (other) => other !== user && (isUsername || other.attributes[`${attribute}_verified`] === 'true'),
  )
}

/**
 * Before `user` gets `value` verified as `attribute`: refuses with AliasExistsException when another user holds it
 * as a sign-in name, unless `force` (ForceAliasCreation) moves an alias over. Returns the changes to apply when the
 * operation succeeds.
 */
export function claimAlias(
  pool: PoolRecord,
  user: UserRecord,
  attribute: string,
  value: string,
  force: boolean,
): () => void {
  const holders = aliasHolders(pool, user, attribute, value)
  if (holders.length === 0) return () => {}
  if (!force || usernameAttributes(pool).includes(attribute)) throw aliasExists(attribute)
  return () => {
    for (const other of holders) updateAttributes(pool, other, { [`${attribute}_verified`]: 'false' })
  }
}
