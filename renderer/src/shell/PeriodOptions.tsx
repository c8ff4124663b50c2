/** The options of a period choice: "Any period", then the plan's periods by name (the outline's filter and the pulse's). */
export function PeriodOptions({ periods }: { periods: readonly { id: string; name: string }[] }) {
  return (
    <>
      <option value="">Any period</option>
      {periods.map((period) => <option key={period.id} value={period.id}>{period.name}</option>)}
    </>
  );
}
