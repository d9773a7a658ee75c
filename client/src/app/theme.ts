import type { ThemeConfig } from 'antd'
import { COLORS } from '../lib/colors'
import { FONT_FAMILY } from '../lib/font'

export const theme: ThemeConfig = {
  token: {
    colorPrimary: COLORS.primary,
    colorSuccess: COLORS.good,
    colorError: COLORS.bad,
    colorWarning: COLORS.warn,
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
  },
  components: {
    Table: { headerBg: '#f7f8fa', rowHoverBg: '#f0f5ff' },
  },
}
