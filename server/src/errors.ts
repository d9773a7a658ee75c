/** Errors a service throws on purpose; the error handler turns them into JSON answers. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
    /** Fields the answer carries beside `statusCode`, `error` and `message`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const badRequest = (message: string) => new AppError(400, 'Bad Request', message)
export const unauthorized = (message = '请先登录') => new AppError(401, 'Unauthorized', message)
export const forbidden = (message = '没有权限访问该资源') => new AppError(403, 'Forbidden', message)
export const notFound = (message = '资源不存在') => new AppError(404, 'Not Found', message)
export const conflict = (message: string, extra?: Record<string, unknown>) => new AppError(409, 'Conflict', message, extra)

/** A change sent with a session but without its CSRF token: audited as `csrf.refused`, not as an access refusal. */
export class CsrfRefused extends AppError {
  constructor() {
    super(403, 'Forbidden', '缺少或无效的 CSRF 令牌，请刷新页面后重试')
  }
}
