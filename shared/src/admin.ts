import { z } from 'zod'
import { ROLES, type Role } from './constants'
import { bindsBureau, bindsRegion } from './permissions'
import { RowId, Version } from './schemas'

const username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9_.-]{2,32}$/, '用户名为 2–32 位字母、数字、下划线、点或连字符')

export const AdminUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  /** Null until the 安全保密管理员 grants one. */
  role: z.enum(ROLES).nullable(),
  bureauId: z.number().int().nullable(),
  /** The region an office or leader account is bound to (`bindsRegion`); null: the whole installation. */
  regionId: z.number().int().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** Whether the account has enrolled a second factor (TOTP); the 安全保密管理员 may reset it. */
  hasSecondFactor: z.boolean(),
  /** Optimistic concurrency: an account edit names it; a stale one gets 409. */
  version: z.number().int(),
  createdAt: z.string(),
})
export type AdminUser = z.infer<typeof AdminUser>

/** A bureau account belongs to exactly one bureau, every other role (and no role) to none. */
const bureauForRole = (u: { role: Role | null; bureauId: number | null }) => bindsBureau(u.role) === (u.bureauId != null)

/** The sysadmin creates an account without rights: the 安全保密管理员 grants its role (`GrantRoleBody`). */
export const CreateUserBody = z.object({
  username,
  displayName: z.string().trim().min(1, '请输入姓名').max(64),
  password: z.string().min(1).max(256),
})
export type CreateUserBody = z.infer<typeof CreateUserBody>

/** The sysadmin's edit of an account: its name and whether it is active, never its rights. */
export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    active: z.boolean().optional(),
    version: Version,
  })
  .refine(({ version: _, ...u }) => Object.values(u).some((v) => v !== undefined), '没有要修改的内容')
export type UpdateUserBody = z.infer<typeof UpdateUserBody>

/** Only an office or leader account may be bound to a region. */
const regionForRole = (u: { role: Role | null; regionId?: number | null }) => u.regionId == null || bindsRegion(u.role)

/**
 * The 安全保密管理员 grants a role and its bureau binding, or revokes the role (`null`); an office or
 * leader account may be bound to a region (`regionId`, omitted or null: the whole installation).
 */
export const GrantRoleBody = z
  .object({
    role: z.enum(ROLES).nullable(),
    bureauId: RowId.nullable(),
    regionId: RowId.nullable().optional(),
    version: Version,
  })
  .refine(bureauForRole, { message: '单位用户必须且只能绑定一个单位，其他角色不绑定单位', path: ['bureauId'] })
  .refine(regionForRole, { message: '只有法治办和领导账号可以绑定地区', path: ['regionId'] })
export type GrantRoleBody = z.infer<typeof GrantRoleBody>

export const ResetPasswordBody = z.object({ password: z.string().min(1).max(256) })

export const UserSession = z.object({
  id: z.string(),
  /** The session making this request: revoking it logs the sysadmin out. */
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
})
export type UserSession = z.infer<typeof UserSession>

export const SessionParams = z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) })

export const AuditQuery = z.object({
  action: z.string().max(64).optional(),
  user: z.string().max(64).optional(),
  object: z.string().max(128).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
})
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  success: z.boolean(),
  before: z.unknown(),
  after: z.unknown(),
})
export type AuditEvent = z.infer<typeof AuditEvent>
/** A row as the auditor reads it: the stored row plus names resolved when the log is read (server/src/features/audit/names.ts). */
export const AuditRow = AuditEvent.extend({
  /** 张三（zhangsan）; the stored username when the account is unknown. */
  actorLabel: z.string().nullable(),
  /** 示例县科技局 2025 年度填报; an object deleted since: 填报 #12（已删除）. */
  objectLabel: z.string().nullable(),
  /** The names of the indicators a submission row's values name, by code. */
  fieldNames: z.record(z.string(), z.string()),
})
export type AuditRow = z.infer<typeof AuditRow>
export const AuditPage = z.object({ total: z.number().int(), rows: z.array(AuditRow) })
export type AuditPage = z.infer<typeof AuditPage>

/** The audit log's hash chain as `GET /api/audit/chain` finds it (server/src/db/audit-chain.ts). */
const AuditChainBreak = z.object({ id: z.number().int(), reason: z.string() })
export const AuditChain = z.object({
  rows: z.number().int(),
  /** The newest row: its id and hash, to be noted outside the system so a cut-off tail is found. */
  head: z.object({ id: z.number().int(), hash: z.string().nullable() }).nullable(),
  /** The first row that does not continue the chain, and why. */
  broken: AuditChainBreak.nullable(),
  /** Every row that does not continue the chain (the first 100), and how many there are: one break does not hide later ones. */
  brokenRows: z.array(AuditChainBreak),
  brokenCount: z.number().int(),
  missingTriggers: z.array(z.string()),
  /** Whether AUDIT_HMAC_KEY is set. */
  keyed: z.boolean(),
  checkedAt: z.string(),
})
export type AuditChain = z.infer<typeof AuditChain>
