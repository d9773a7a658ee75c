import { PaperClipOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Modal } from 'antd'
import { useState } from 'react'
import { EvidenceFiles } from './EvidenceFiles'
import { type EvidenceTarget, recordFilesQuery } from './queries'

/** 佐证材料 of a ledger row or rectification item: a button in its row opening the files in a dialog. */
export function RecordEvidenceButton({ target, editable }: { target: EvidenceTarget; editable: boolean }) {
  const [open, setOpen] = useState(false)
  const files = useQuery({ ...recordFilesQuery(target), enabled: open })
  return (
    <>
      <Button size="small" type="link" icon={<PaperClipOutlined />} onClick={() => setOpen(true)}>
        佐证材料
      </Button>
      <Modal open={open} title="佐证材料" footer={null} onCancel={() => setOpen(false)} width="min(640px, 96vw)">
        <EvidenceFiles files={files.data ?? []} target={target} editable={editable} />
      </Modal>
    </>
  )
}
