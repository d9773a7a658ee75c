import { createBrowserRouter, RouterProvider } from 'react-router-dom'
import { ErrorBoundary } from './ErrorBoundary'
import { Providers } from './Providers'
import { AppRoutes } from './router'

// A data router, so pages can hold navigation (useBlocker) while they have unsaved changes —
// including the browser's back and forward buttons.
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }])

export function App() {
  return (
    <Providers>
      <ErrorBoundary>
        <RouterProvider router={router} />
      </ErrorBoundary>
    </Providers>
  )
}
