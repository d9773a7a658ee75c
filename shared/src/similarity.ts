/**
 * Whether two problem statements say the same thing, for flagging problems a bureau raises again
 * the next year ("连续两年提出"). Character bigrams suit Chinese, which has no spaces between words.
 */

// Phrases every problem statement uses; they would make unrelated problems look alike.
const FILLER = /还需|仍需|有待|进一步|不够|不足|存在|问题|工作|方面|加强|提高|提升|完善|健全|[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[，。、；：“”！？,.;:!?\s]/g

/**
 * A problem's first sentence states it; what follows explains it and differs from year to year
 * (and would swamp a short restatement), so only the first sentence is compared.
 */
const leadSentence = (text: string) => text.trim().split(/[。；;！？!?\n]/, 1)[0]

function bigrams(text: string): Map<string, number> {
  const chars = [...leadSentence(text).replace(FILLER, '')]
  const grams = new Map<string, number>()
  for (let i = 0; i < chars.length - 1; i++) {
    const g = chars[i] + chars[i + 1]
    grams.set(g, (grams.get(g) ?? 0) + 1)
  }
  return grams
}

/** Dice coefficient over character bigrams, 0..1. */
export function problemSimilarity(a: string, b: string): number {
  const ga = bigrams(a)
  const gb = bigrams(b)
  let sizeA = 0
  let sizeB = 0
  let shared = 0
  for (const n of ga.values()) sizeA += n
  for (const [g, n] of gb) {
    sizeB += n
    shared += Math.min(n, ga.get(g) ?? 0)
  }
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB)
}

/**
 * At or above this, two problems count as the same. Chosen on the pairs in the unit tests: rewordings
 * of one problem score 0.55–0.8 once filler is removed, while ten different problems of one county
 * score at most 0.1 against each other (they share only domain words such as 法治, 执法, 审查).
 * 0.4 sits between the two with room on both sides.
 */
export const REPEATED_PROBLEM_THRESHOLD = 0.4

export function findRepeated(problem: string, earlier: readonly string[]): { text: string; similarity: number } | null {
  let best: { text: string; similarity: number } | null = null
  for (const text of earlier) {
    const similarity = problemSimilarity(problem, text)
    if (similarity >= REPEATED_PROBLEM_THRESHOLD && (!best || similarity > best.similarity)) best = { text, similarity }
  }
  return best
}
