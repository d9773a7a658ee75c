import { QueryClient } from '@tanstack/react-query'
import { ApiError } from '../api/client'

// 4xx answers will not change on a retry (no access, no such year): show them at once.
const isClientError = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
    },
  },
})
