import type { Operation } from '../types.ts'
import { adminAddUserToGroup } from './admin-add-user-to-group.ts'
import { adminListGroupsForUser } from './admin-list-groups-for-user.ts'
import { adminRemoveUserFromGroup } from './admin-remove-user-from-group.ts'
import { createGroup } from './create-group.ts'
import { deleteGroup } from './delete-group.ts'
import { getGroup } from './get-group.ts'
import { listGroups } from './list-groups.ts'
import { listUsersInGroup } from './list-users-in-group.ts'
import { updateGroup } from './update-group.ts'

export const operations: Record<string, Operation> = {
  CreateGroup: createGroup,
  GetGroup: getGroup,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  ListGroups: listGroups,
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  AdminListGroupsForUser: adminListGroupsForUser,
  ListUsersInGroup: listUsersInGroup,
}
