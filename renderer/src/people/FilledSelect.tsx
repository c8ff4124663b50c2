import { useState, type AriaAttributes } from 'react';

export interface SelectOption {
  value: string;
  label: string;
}

interface FilledSelectProps extends Pick<AriaAttributes, 'aria-invalid' | 'aria-describedby' | 'aria-label'> {
  id?: string;
  className?: string;
  /** The chosen option's value, '' for none. */
  value: string;
  /** The option for no choice ("Any owner", "—"). */
  noneLabel: string;
  /** The chosen option as it shows closed (no indent), or undefined when none or not found. */
  chosen: SelectOption | undefined;
  /** Every option, asked only when the select is reached. */
  options: () => readonly SelectOption[];
  disabled?: boolean;
  onChange(value: string): void;
}

/**
 * A select over a company's directory (10,000 people, 2,000 teams) that holds only its chosen option
 * until the pointer or the focus comes to it, then every option, and only the chosen one again once
 * the focus has left (as TeamPicker on the People page). The outline's owner and team filters and the
 * detail panel's owner, assignee and team fields otherwise built 10,000–12,000 options on every render,
 * and each node selected built them again: seconds per click in issue #18's company.
 */
export function FilledSelect({ id, className = 'select', value, noneLabel, chosen, options, disabled, onChange, ...aria }: FilledSelectProps) {
  const [full, setFull] = useState(false);
  const shown = full ? options() : chosen ? [chosen] : [];
  const fill = () => { if (!full) setFull(true); };
  return (
    <select id={id} className={className} {...aria} value={value} disabled={disabled}
      onFocus={fill} onPointerEnter={fill} onPointerDown={fill}
      // The pointer passing by without stopping leaves the short list again; a focused select keeps its options.
      onPointerLeave={(event) => { if (document.activeElement !== event.currentTarget) setFull(false); }}
      onBlur={() => setFull(false)}
      onChange={(event) => onChange(event.target.value)}>
      <option value="">{noneLabel}</option>
      {shown.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
    </select>
  );
}
