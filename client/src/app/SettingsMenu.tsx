import { DownOutlined } from '@ant-design/icons'
import { Dropdown } from 'antd'
import type { ReactNode } from 'react'

/**
 * 系统设置 in the desktop bar: a business account's settings pages in one menu. Loaded on its own,
 * after the first screen (antd's Dropdown and its menu are not part of the shell's bundle).
 */
export default function SettingsMenu({ links, selected, active }: { links: { path: string; node: ReactNode }[]; selected: string; active: boolean }) {
  return (
    <Dropdown menu={{ items: links.map(({ path, node }) => ({ key: path, label: node })), selectedKeys: [selected] }} trigger={['click', 'hover']}>
      <button type="button" className={`app-nav-menu${active ? ' active' : ''}`}>
        系统设置 <DownOutlined />
      </button>
    </Dropdown>
  )
}
