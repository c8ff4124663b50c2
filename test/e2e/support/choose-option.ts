import { expect, type Locator } from '@playwright/test';

/**
 * Chooses the option a person reads as `shown`, in a native select or a directory picker (a person or
 * team searched as one types, DirectoryPicker), waiting for it as `selectOption` does (a team another
 * person just added arrives by sync).
 */
export async function chooseOption(control: Locator, shown: string, options: { note?: string } = {}): Promise<void> {
  const isSelect = await control.evaluate((element) => element instanceof HTMLSelectElement);
  if (isSelect) await chooseFromSelect(control, shown);
  else await pickFromDirectory(control, shown, options);
}

/**
 * Team pickers indent a sub-team under its parent with no-break spaces, which an option's label keeps,
 * so `selectOption({ label })` would not find "Sales" under "Growth" although that is what the person
 * sees and picks.
 */
async function chooseFromSelect(select: Locator, shown: string): Promise<void> {
  // Reached first, as a person does: a team picker on a long table holds only its chosen option until then (TeamPicker).
  await select.focus();
  const valueOf = () => select.evaluate((element: HTMLSelectElement, wanted) => {
    const option = [...element.options].find((candidate) => candidate.text.trim() === wanted);
    return option?.value ?? null;
  }, shown);
  await expect.poll(valueOf, { message: `an option reading "${shown}"` }).not.toBeNull();
  await select.selectOption({ value: (await valueOf())! });
}

/**
 * As a person picks from a company's directory: types the name (nothing, for the choice of none such as
 * "Any team"), then clicks the option of that name (and note: a team's path, a person's team) once it shows.
 */
export async function pickFromDirectory(combobox: Locator, name: string, options: { note?: string; typed?: string } = {}): Promise<void> {
  const page = combobox.page();
  await combobox.click();
  const listbox = page.locator(`#${await combobox.getAttribute('aria-controls')}`);
  const isNone = (await combobox.getAttribute('placeholder')) === name;
  await combobox.fill(options.typed ?? (isNone ? '' : name));
  let option = listbox.getByRole('option').filter({ has: page.locator('.directory-picker-name').getByText(name, { exact: true }) });
  if (options.note !== undefined) option = option.filter({ has: page.locator('.directory-picker-note').getByText(options.note, { exact: true }) });
  await option.first().click();
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
}
