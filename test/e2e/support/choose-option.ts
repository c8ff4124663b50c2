import { expect, type Locator } from '@playwright/test';

/**
 * Chooses the option a person reads as `shown`, waiting for it as `selectOption` does (a team another
 * person just added arrives by sync). Team pickers indent a sub-team under its parent with no-break
 * spaces, which an option's label keeps, so `selectOption({ label })` would not find "Sales" under
 * "Growth" although that is what the person sees and picks.
 */
export async function chooseOption(select: Locator, shown: string): Promise<void> {
  // Reached first, as a person does: a picker over a company's people or teams holds only its chosen
  // option until then (FilledSelect, TeamPicker).
  await select.focus();
  const valueOf = () => select.evaluate((element: HTMLSelectElement, wanted) => {
    const option = [...element.options].find((candidate) => candidate.text.trim() === wanted);
    return option?.value ?? null;
  }, shown);
  await expect.poll(valueOf, { message: `an option reading "${shown}"` }).not.toBeNull();
  await select.selectOption({ value: (await valueOf())! });
}
