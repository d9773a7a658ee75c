import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { markWorkbenchSeen, workbenchKeys } from './queries'

/**
 * Marks the 工作台 seen when the user leaves it, up to the answer last shown (`asOf`): the changes
 * stay listed, and marked new, for the whole visit, and one that arrives while the page is open
 * is still new next time.
 */
export function useMarkSeenOnLeave(asOf: string | undefined) {
  const queryClient = useQueryClient()
  const shown = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (asOf) shown.current = asOf
  }, [asOf])
  useEffect(
    () => () => {
      if (!shown.current) return
      void markWorkbenchSeen({ at: shown.current })
        .then(() => queryClient.invalidateQueries({ queryKey: workbenchKeys.all }))
        // Not recorded: the same changes show again next time, nothing is lost.
        .catch(() => undefined)
    },
    [queryClient],
  )
}
