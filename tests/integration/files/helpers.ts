import { multipartFile } from '../../helpers/multipart'
import type { WorkflowContext } from '../workflow/helpers'

export type Target = { submissionId: number; indicator: string } | { ledgerType: string; ledgerId: number } | { rectificationId: number }

/** Uploads one evidence file as `username`, the target named by the form's fields. */
export async function upload(t: WorkflowContext, username: string, target: Target, name: string, data: Buffer) {
  const body = multipartFile(name, data, 'application/octet-stream', target)
  const res = await t.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...(await t.as(username)), ...body.headers } })
  return { status: res.statusCode, body: res.json() }
}

/** Downloads a file as `username`: the raw response. */
export async function download(t: WorkflowContext, username: string, id: number, query = '') {
  return t.app.inject({ method: 'GET', url: `/api/files/${id}${query}`, headers: await t.as(username) })
}
