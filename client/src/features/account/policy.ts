import { characterClasses, MIN_PASSWORD_LENGTH, REQUIRED_CLASSES } from '@fazhi/shared'

// The password policy on the client: a checklist the user watches fill up while typing. The rule
// itself (and the form's verdict, `passwordPolicyProblem`) is the server's, from shared.

export interface PasswordRule {
  key: string
  label: string
  met: boolean
}

/** The two rules of the policy, each met or not, for display. */
export function passwordRules(password: string): PasswordRule[] {
  const classes = characterClasses(password)
  const used = classes.filter((c) => c.met)
  return [
    { key: 'length', label: `至少 ${MIN_PASSWORD_LENGTH} 位（当前 ${password.length} 位）`, met: password.length >= MIN_PASSWORD_LENGTH },
    {
      key: 'classes',
      label: `大写字母、小写字母、数字、其他字符中至少包含 ${REQUIRED_CLASSES} 类（当前 ${used.length} 类${used.length ? `：${used.map((c) => c.label.replace(/（.*）/, '')).join('、')}` : ''}）`,
      met: used.length >= REQUIRED_CLASSES,
    },
  ]
}
