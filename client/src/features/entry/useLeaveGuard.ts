import { useCallback } from 'react'
import { useBeforeUnload, useBlocker } from 'react-router-dom'

/**
 * Holds every navigation away from the page while `when` is true (links, `navigate()`, the
 * browser's back and forward), so the page can ask before unsaved changes are lost; the browser
 * itself asks on reload or close.
 */
export function useLeaveGuard(when: boolean) {
  // A change of search parameters (another year, another bureau) leaves the form too.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  )

  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!when) return
        event.preventDefault()
        // Older browsers show the prompt only when returnValue is set.
        event.returnValue = ''
      },
      [when],
    ),
  )

  return {
    /** A navigation is waiting for the user's answer. */
    blocked: blocker.state === 'blocked',
    proceed: () => blocker.proceed?.(),
    reset: () => blocker.reset?.(),
  }
}
