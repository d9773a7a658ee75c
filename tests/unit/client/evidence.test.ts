import { MAX_EVIDENCE_BYTES } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { pickProblem } from '../../../client/src/features/evidence/pick'

describe('佐证材料 before upload', () => {
  it('lets through the accepted kinds up to 20 MB, whatever the case of the name', () => {
    for (const name of ['纪要.pdf', '照片.JPG', '图.webp', '签到.xlsx', '通知.DOCX']) expect(pickProblem({ name, size: 1000 }), name).toBeNull()
    expect(pickProblem({ name: '纪要.pdf', size: MAX_EVIDENCE_BYTES })).toBeNull()
    expect(pickProblem({ name: '纪要.pdf', size: MAX_EVIDENCE_BYTES + 1 })).toContain('20 MB')
    for (const name of ['图.svg', '页面.html', 'setup.exe', '旧文档.doc', '无扩展名']) expect(pickProblem({ name, size: 10 }), name).toContain('不支持的文件类型')
  })
})
