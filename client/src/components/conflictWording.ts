// The words of a save conflict's banner: the user's own other window or tab, or someone else. Pure.
import { ChangedBy, chinaDateTime } from '@fazhi/shared'
import type { ApiError } from '../api/client'

export interface ConflictWording {
  title: string
  message: string
}

/** Who changed the record, as the 409 of a stale edit names it; null when it names nobody. */
export function changedByOf(err: ApiError): ChangedBy | null {
  const parsed = ChangedBy.safeParse(err.body.changedBy)
  return parsed.success ? parsed.data : null
}

/**
 * `what` is the record as the title names it (这份填报, 这条记录). A change by the same account came
 * from another window or tab of the user; anyone else's is named by the server's message.
 */
export function conflictWording(what: string, changedBy: ChangedBy | null, currentUserId: number, serverMessage: string): ConflictWording {
  if (changedBy?.userId === currentUserId)
    return {
      title: `保存冲突：您已在其他窗口或标签页修改了${what}`,
      message: `您于 ${chinaDateTime(changedBy.at)} 在其他窗口或标签页保存过${what}，本页的内容不是最新版本。`,
    }
  return { title: `保存冲突：他人已修改了${what}`, message: serverMessage }
}
