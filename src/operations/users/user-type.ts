import type { AttributeType } from '../../core/attributes.ts'
import type { UserRecord } from '../../core/state.ts'
import type { Output } from '../types.ts'

/** A user's attributes as Cognito lists them (`[{ Name, Value }]`), optionally only the named ones. */
export function attributeList(user: UserRecord, only?: readonly string[]): AttributeType[] {
  const list: AttributeType[] = []
  const { attributes } = user
  for (const Name in attributes) {
    if (!only || only.includes(Name)) list.push({ Name, Value: attributes[Name] as string })
  }
  return list
}

/**
 * The user as AdminCreateUser and ListUsers return it (UserType).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserType.html
 */
export function userType(user: UserRecord, only?: readonly string[]): Output {
  const type: Output = {
    Username: user.username,
    Attributes: attributeList(user, only),
    UserCreateDate: user.created,
    UserLastModifiedDate: user.modified,
    Enabled: user.enabled,
    UserStatus: user.status,
  }
  if (user.mfa?.sms) type.MFAOptions = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]
  return type
}
