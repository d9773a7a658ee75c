/**
 * The password policy (等保 2.0 identity authentication): at least 8 characters with at least 3 of
 * the 4 character classes. Free of zod, so the client can show the same rule as the server applies.
 */
export const MIN_PASSWORD_LENGTH = 8
export const REQUIRED_CLASSES = 3

export const CHARACTER_CLASSES = [
  { key: 'upper', label: '大写字母', test: /[A-Z]/ },
  { key: 'lower', label: '小写字母', test: /[a-z]/ },
  { key: 'digit', label: '数字', test: /[0-9]/ },
  { key: 'other', label: '其他字符（如 @ # !）', test: /[^a-zA-Z0-9]/ },
] as const

/** Which character classes a password uses. */
export const characterClasses = (password: string) =>
  CHARACTER_CLASSES.map((c) => ({ key: c.key, label: c.label, met: c.test.test(password) }))

/** Why a password does not meet the policy; null when it does. */
export function passwordPolicyProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`
  const used = characterClasses(password).filter((c) => c.met).length
  return used >= REQUIRED_CLASSES ? null : '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类'
}
