import { PageHeader } from '../../components/PageHeader'

/** 工作台: each role's tasks and what changed since the last visit. */
export default function WorkbenchPage() {
  return <PageHeader title="工作台" />
}
