/**
 * Length limits of text input, in characters as a person counts them (code points, why in
 * shared/text/cut-text.ts). Longer input is refused with a message, never cut. In a file of its own,
 * importing nothing, so the first-screen painter of the page's entry can check stored titles against
 * them without evaluating zod (inputs.ts re-exports them with the schemas that use them).
 */
export const TEXT_LIMITS = { title: 500, description: 100_000, note: 10_000, name: 200 } as const;
