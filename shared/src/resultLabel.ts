import { chinaDate } from './chinaTime'

// Free of zod, so that a page showing the label does not load the schemas of published results.

/** How pages and exports name a published version: 定稿 第2版（2026-03-20）. */
export const resultVersionLabel = (v: { version: number; publishedAt: string }) => `定稿 第${v.version}版（${chinaDate(v.publishedAt)}）`
