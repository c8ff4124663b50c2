import { memo } from 'react';
import { scaleLinear } from 'd3-scale';
import type { CheckIn } from '../../../shared/model/checkins.js';
import { formatMonthDay, formatPlanDay, plural, viewerTimeZone } from '../outline/labels.js';
import { planDayTicks } from './plan-day-ticks.js';
import { largest, smallest } from '../../../shared/collections/long-lists.js';

interface CheckInChartProps {
  checkIns: readonly CheckIn[];
  /** Key result start and target, drawn as reference lines when known. */
  start?: number;
  target?: number;
  unit?: string;
  /** The plan's zone: the days of the summary are the days the check-ins are listed and counted under. */
  timeZone: string;
}

const width = 360;
const height = 150;
const margin = { top: 12, right: 30, bottom: 22, left: 40 };

function formatValue(value: number): string {
  return Math.abs(value) >= 1000 ? `${(value / 1000).toFixed(value % 1000 === 0 ? 0 : 1)}k` : String(Math.round(value * 100) / 100);
}

/**
 * Above this many check-ins the bars and dots are drawn as one path each (the same shapes at the same
 * places, a mark drawn once where several coincide) instead of one element per check-in: 2,000 check-ins
 * made 4,000 SVG elements, redrawn on each keystroke of the form (review40c F2).
 */
export const MARKS_AS_PATHS_ABOVE = 100;

/** One path of many shapes, each shape once (marks that coincide to a tenth of a pixel draw the same pixels). */
function shapesPath(shapes: Iterable<string>): string {
  return [...new Set(shapes)].join('');
}

function dotShape(cx: number, cy: number): string {
  return `M${(cx - 2.5).toFixed(1)},${cy.toFixed(1)}a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0`;
}

/**
 * A small chart of a node's check-ins over time: the metric value as a line (left axis, with start
 * and target as reference lines) and confidence 0–10 as bars (right axis). Memoised on its data: typing
 * in the check-in form or a change elsewhere in the plan does not draw it again.
 */
export const CheckInChart = memo(function CheckInChart({ checkIns, start, target, unit, timeZone }: CheckInChartProps) {
  if (checkIns.length === 0) return null;
  const times = checkIns.map((checkIn) => checkIn.at);
  const first = smallest(times);
  const last = largest(times);
  // At least two weeks wide, so a few check-ins do not spread over hour-long ticks.
  const day = 86_400_000;
  const padding = Math.max(day, (14 * day - (last - first)) / 2);
  const x = scaleLinear().domain([first - padding, last + padding]).range([margin.left, width - margin.right]);
  // Ticks stand where the plan's days start and name those days: the days check-ins are listed under.
  const dateTicks = planDayTicks(first - padding, last + padding, timeZone, 6);
  const valued = checkIns.filter((checkIn): checkIn is CheckIn & { value: number } => checkIn.value !== null);
  const references = [start, target].filter((value): value is number => value !== undefined);
  const values = [...valued.map((checkIn) => checkIn.value), ...references];
  const y = scaleLinear().domain(values.length > 0 ? [smallest(values), largest(values)] : [0, 1]).nice(4).range([height - margin.bottom, margin.top]);
  const confidence = scaleLinear().domain([0, 10]).range([height - margin.bottom, margin.top]);
  const path = valued.map((checkIn, i) => `${i === 0 ? 'M' : 'L'}${x(checkIn.at).toFixed(1)},${y(checkIn.value).toFixed(1)}`).join('');
  const asPaths = checkIns.length > MARKS_AS_PATHS_ABOVE;
  const barWidth = Math.max(2, Math.min(8, (width - margin.left - margin.right) / checkIns.length - 2));
  const summary = `${plural(checkIns.length, 'check-in')} from ${formatPlanDay(first, timeZone)} to ${formatPlanDay(last, timeZone)}` +
    (valued.length > 0 ? `; latest value ${formatValue(valued[valued.length - 1]!.value)}${unit ? ` ${unit}` : ''}` : '') +
    (timeZone === viewerTimeZone() ? '' : `; days in the plan's time zone, ${timeZone}`);
  return (
    <svg className="checkin-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Check-in chart: ${summary}`}>
      {y.ticks(4).map((tick) => (
        <g key={tick}>
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="grid" />
          <text x={margin.left - 6} y={y(tick)} className="axis" textAnchor="end" dominantBaseline="middle">{formatValue(tick)}</text>
        </g>
      ))}
      {[0, 5, 10].map((tick) => (
        <text key={tick} x={width - margin.right + 6} y={confidence(tick)} className="axis confidence-axis" dominantBaseline="middle">{tick}</text>
      ))}
      {asPaths
        ? <path className="confidence-bar" d={shapesPath(checkIns.flatMap((checkIn) => checkIn.confidence === null ? [] : [
          `M${(x(checkIn.at) - barWidth / 2).toFixed(1)},${confidence(checkIn.confidence).toFixed(1)}h${barWidth.toFixed(1)}V${height - margin.bottom}h${(-barWidth).toFixed(1)}Z`]))} />
        : checkIns.map((checkIn) => checkIn.confidence === null ? null : (
          <rect key={checkIn.id} className="confidence-bar" x={x(checkIn.at) - barWidth / 2} width={barWidth}
            y={confidence(checkIn.confidence)} height={height - margin.bottom - confidence(checkIn.confidence)} />
        ))}
      {start !== undefined && <line className="reference start" x1={margin.left} x2={width - margin.right} y1={y(start)} y2={y(start)} />}
      {target !== undefined && (
        <g>
          <line className="reference target" x1={margin.left} x2={width - margin.right} y1={y(target)} y2={y(target)} />
          <text className="axis target-label" x={width - margin.right - 4} y={y(target) - 4} textAnchor="end">target</text>
        </g>
      )}
      {path && <path d={path} className="value-line" />}
      {asPaths
        ? [false, true].map((blocker) => (
          <path key={String(blocker)} className={blocker ? 'value-dot blocker' : 'value-dot'}
            d={shapesPath(valued.filter((checkIn) => checkIn.blocker === blocker).map((checkIn) => dotShape(x(checkIn.at), y(checkIn.value))))} />
        ))
        : valued.map((checkIn) => <circle key={checkIn.id} cx={x(checkIn.at)} cy={y(checkIn.value)} r={2.5} className={checkIn.blocker ? 'value-dot blocker' : 'value-dot'} />)}
      {dateTicks.map((tick) => (
        <text key={tick.day} x={x(tick.at)} y={height - 6} className="axis date-tick" textAnchor="middle" data-day={tick.day}>{formatMonthDay(tick.day)}</text>
      ))}
    </svg>
  );
});
