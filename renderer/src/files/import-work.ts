import { z } from 'zod';
import { firstIssue } from '../../../shared/validation/first-issue.js';
import {
  buildingImportPreview, detectMapping, importMappingSchema, preparingImportOnCopy, readSpreadsheet,
  type ImportMapping, type ImportNode, type ImportPreview, type PreparedImport, type RowOutcome, type SheetTable,
} from '../../../shared/files/index.js';
import type { FileProblem, FileProblemCode } from '../../../shared/files/file-problem.js';
import {
  CHECKIN_STATUSES, IMPACT_LEVELS, INITIATIVE_STATUSES, METRIC_DIRECTIONS, NODE_KINDS, nodeIdSchema, PRIORITIES, TASK_STATUSES, type PlanContext, type Steps,
} from '../../../shared/model/index.js';
import { pooledRandomBytes, randomId } from '../library/plan-library.js';

/**
 * The import's worker protocol (review40c F4: a 10,000-row import held the page in long tasks for
 * 1.4–16 s). The worker reads the file (`read`) and keeps its table; builds the preview of a mapping
 * (`preview`) and keeps it; and works the import out on a copy of the plan the page sends as its state
 * (`prepare`), reporting its progress. The page gets back the head of the table (the mapping form shows
 * its first rows), the preview in parts (each part is one short task to take in, where the whole preview
 * at once was a 100 ms task), and the prepared update, which it writes into the plan (commitImport).
 * Both sides check every message: a worker is another thread's code, and a message that is not what the
 * protocol says is refused with a reason, never half-used.
 */

/** Rows of the table the page keeps: the header row is at most the 20th, and the form shows 5 rows under it. */
export const TABLE_HEAD_ROWS = 26;
/** Preview nodes and rows per message: one part is a few milliseconds to take in and check. */
export const PREVIEW_PART = 250;
/** How often the worker reports a prepare's progress. */
const progressEveryMs = 100;

const ticket = z.number().int().nonnegative();
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected bytes (a Uint8Array)' });
const buffer = z.custom<ArrayBuffer>((value) => value instanceof ArrayBuffer, { message: 'expected an ArrayBuffer' });
const removedChoice = z.enum(['keep-removed', 'restore', 'add-new']);

export const importWorkRequestSchema = z.discriminatedUnion('kind', [
  /** Read the file (a workbook's sheet `sheet`, else the one holding the plan) and detect its mapping. */
  z.object({ kind: z.literal('read'), ticket, fileName: z.string().max(1000), bytes: buffer, sheet: z.string().max(1000).optional() }).strict(),
  /** Build the preview of the table read, under `mapping`. */
  z.object({
    kind: z.literal('preview'), ticket, mapping: importMappingSchema,
    options: z.object({ strategyTitle: z.string(), now: z.number().optional(), periodNames: z.array(z.string()).optional() }).strict(),
  }).strict(),
  /** Work the import of the last preview out on a copy of the plan whose state this is. */
  z.object({
    kind: z.literal('prepare'), ticket, state: bytes, actor: z.string(),
    options: z.object({
      now: z.number(), intoStrategy: nodeIdSchema.nullable(), strategyTitle: z.string().optional(),
      removed: z.array(z.tuple([z.string(), removedChoice])),
    }).strict(),
  }).strict(),
]);
export type ImportWorkRequest = z.input<typeof importWorkRequestSchema>;

const cell = z.union([
  z.string(), z.number(), z.null(),
  z.object({ percent: z.number() }).strict(),
  z.object({ amount: z.number(), currency: z.string() }).strict(),
  z.object({ error: z.string(), at: z.string(), unreadable: z.literal(true).optional() }).strict(),
]);
const sheetTable = z.object({
  format: z.enum(['csv', 'xlsx']),
  rows: z.array(z.array(cell)).max(TABLE_HEAD_ROWS),
  delimiter: z.enum([',', ';', '\t']).nullable(),
  sheets: z.object({ read: z.string(), notRead: z.array(z.string()), visible: z.array(z.string()) }).strict().optional(),
  hiddenRows: z.array(z.number()).optional(),
  hiddenColumns: z.array(z.number()).optional(),
  indents: z.array(z.object({ row: z.number().int(), column: z.number().int(), steps: z.number().int() }).strict()).optional(),
  encoding: z.enum(['windows-1252', 'macintosh']).optional(),
}).strict();

const personRef = z.object({ name: z.string().nullable(), email: z.string().nullable() }).strict();
const rowFields = z.object({
  description: z.string().nullable(), owner: personRef.nullable(), team: z.string().nullable(),
  period: z.object({ name: z.string(), start: z.string().nullable(), end: z.string().nullable(), datesWritten: z.boolean() }).strict().nullable(),
  start: z.number().nullable(), target: z.number().nullable(), current: z.number().nullable(), unit: z.string().nullable(),
  direction: z.enum(METRIC_DIRECTIONS).nullable(), confidence: z.number().nullable(), checkInStatus: z.enum(CHECKIN_STATUSES).nullable(),
  status: z.union([z.enum(TASK_STATUSES), z.enum(INITIATIVE_STATUSES)]).nullable(), startDate: z.string().nullable(), dueDate: z.string().nullable(),
  priority: z.enum(PRIORITIES).nullable(), weight: z.number().nullable(), rangeLow: z.number().nullable(), rangeHigh: z.number().nullable(),
  assignee: personRef.nullable(), blockedReason: z.string().nullable(), effort: z.number().nullable(), impact: z.enum(IMPACT_LEVELS).nullable(),
  manualProgress: z.number().nullable(), horizon: z.string().nullable(), blockedSince: z.number().nullable(), doneAt: z.number().nullable(),
}).strict();
const importNode = z.object({
  key: z.string(), kind: z.enum(NODE_KINDS), title: z.string(), row: z.number().int().nonnegative(), parentKey: z.string().nullable(),
  childKeys: z.array(z.string()), fields: rowFields, warnings: z.array(z.string()), outOfPlace: z.literal(true).optional(),
}).strict();
const rowOutcome = z.object({
  row: z.number().int(), outcome: z.enum(['node', 'continues', 'blank', 'total', 'problem', 'untitled']), nodeKey: z.string().nullable(), warnings: z.array(z.string()),
}).strict();
const problem = z.object({ code: z.string().transform((code) => code as FileProblemCode), message: z.string(), row: z.number().int().nullable() }).strict();
const count = z.number().int().nonnegative();

export const importWorkResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('read'), ticket, head: sheetTable, rowCount: count, mapping: importMappingSchema }).strict(),
  z.object({ kind: z.literal('preview-part'), ticket, nodes: z.array(z.tuple([z.string(), importNode])).max(PREVIEW_PART), rows: z.array(rowOutcome).max(PREVIEW_PART) }).strict(),
  /** The preview's last message: what is not in the parts, and how many nodes and rows the parts held. */
  z.object({
    kind: z.literal('preview'), ticket, mapping: importMappingSchema, rootKeys: z.array(z.string()), problems: z.array(problem),
    addedStrategyKey: z.string().nullable(), columnNotes: z.array(z.string()), nodeCount: count, rowCount: count,
  }).strict(),
  z.object({ kind: z.literal('progress'), ticket, done: count }).strict(),
  z.object({
    kind: z.literal('prepared'), ticket, update: bytes,
    created: z.object({ nodes: count, people: count, teams: count, periods: count, checkIns: count }).strict(),
    restored: z.object({ people: count, teams: count }).strict(),
    rootIds: z.array(nodeIdSchema),
    named: z.array(z.object({ what: z.enum(['person', 'team']), id: z.string(), name: z.string(), wasRemoved: z.boolean(), choice: removedChoice.nullable() }).strict()),
  }).strict(),
  /** The import was refused as values (the preview's problems, the plan refusing a row): shown as problems. */
  z.object({ kind: z.literal('problems'), ticket, problems: z.array(problem) }).strict(),
  /** The request could not be carried out: `message` says why, in words for the person. */
  z.object({ kind: z.literal('failed'), ticket: ticket.nullable(), message: z.string().min(1).max(4000) }).strict(),
]);
export type ImportWorkResponse = z.infer<typeof importWorkResponseSchema>;

/** Validates the worker's answer; a malformed one becomes a `failed` answer naming the problem. */
export function parseImportWorkResponse(message: unknown): ImportWorkResponse {
  const parsed = importWorkResponseSchema.safeParse(message);
  if (parsed.success) return parsed.data;
  const raw = message as { ticket?: unknown } | null;
  const known = raw !== null && typeof raw === 'object' && ticket.safeParse(raw.ticket).success ? raw.ticket as number : null;
  return { kind: 'failed', ticket: known, message: `The import's worker sent a malformed answer (${firstIssue(parsed.error)}).` };
}

/** Where the worker's answers go, with the buffers to transfer rather than copy. */
export type PostAnswer = (response: ImportWorkResponse, transfer: Transferable[]) => void;

/** The clock and ids an import's operations get: ids from crypto randomness, taken 4 KB at a time (plan-library.ts). */
function importContext(): Pick<PlanContext, 'now' | 'newId'> {
  const randomBytes = pooledRandomBytes((bytes) => crypto.getRandomValues(bytes));
  return { now: () => Date.now(), newId: () => randomId(randomBytes) };
}

/**
 * The worker's side: the table read and the last preview built, kept between requests. Also the page's
 * own fallback where no worker can be started (same code, same answers). Never throws: anything wrong is
 * a `failed` answer that says what.
 */
export class ImportWork {
  private table: SheetTable | null = null;
  private preview: ImportPreview | null = null;

  /**
   * `now`: the clock the progress is timed by (performance.now). `plan`: the clock and ids the import's
   * operations get, as the page's PlanContext gives them (tests pin them to compare with the page's path).
   */
  constructor(
    private readonly post: PostAnswer,
    private readonly now: () => number,
    private readonly plan: Pick<PlanContext, 'now' | 'newId'> = importContext(),
  ) {}

  async take(message: unknown): Promise<void> {
    const parsed = importWorkRequestSchema.safeParse(message);
    if (!parsed.success) {
      const raw = message as { ticket?: unknown } | null;
      const known = raw !== null && typeof raw === 'object' && ticket.safeParse(raw.ticket).success ? raw.ticket as number : null;
      this.post({ kind: 'failed', ticket: known, message: `The import's worker refused a malformed request (${firstIssue(parsed.error)}).` }, []);
      return;
    }
    const request = parsed.data;
    try {
      if (request.kind === 'read') await this.read(request.ticket, request.fileName, request.bytes, request.sheet);
      else if (request.kind === 'preview') this.buildPreview(request.ticket, request.mapping, request.options);
      else this.prepare(request.ticket, request.state, request.actor, request.options);
    } catch (error) {
      this.post({ kind: 'failed', ticket: request.ticket, message: failure(request.kind, error) }, []);
    }
  }

  private async read(ticket: number, fileName: string, content: ArrayBuffer, sheet: string | undefined): Promise<void> {
    this.table = null;
    this.preview = null;
    const read = await readSpreadsheet(fileName, new Uint8Array(content), sheet === undefined ? {} : { sheet });
    if (!read.ok) { this.post({ kind: 'failed', ticket, message: read.problem.message }, []); return; }
    this.table = read.table;
    this.post({ kind: 'read', ticket, head: tableHead(read.table), rowCount: read.table.rows.length, mapping: detectMapping(read.table) }, []);
  }

  private buildPreview(ticket: number, mapping: ImportMapping, options: { strategyTitle: string; now?: number; periodNames?: string[] }): void {
    if (!this.table) { this.post({ kind: 'failed', ticket, message: 'No file has been read yet; choose the file again.' }, []); return; }
    this.preview = null;
    const preview = runSteps(buildingImportPreview(this.table, mapping, options));
    this.preview = preview;
    const nodes = [...preview.nodes];
    for (let at = 0; at < Math.max(nodes.length, preview.rows.length); at += PREVIEW_PART) {
      this.post({ kind: 'preview-part', ticket, nodes: nodes.slice(at, at + PREVIEW_PART), rows: preview.rows.slice(at, at + PREVIEW_PART) }, []);
    }
    this.post({
      kind: 'preview', ticket, mapping: preview.mapping, rootKeys: preview.rootKeys, problems: preview.problems, addedStrategyKey: preview.addedStrategyKey,
      columnNotes: preview.columnNotes, nodeCount: nodes.length, rowCount: preview.rows.length,
    }, []);
  }

  private prepare(ticket: number, state: Uint8Array, actor: string, options: { now: number; intoStrategy: ImportNodeId | null; strategyTitle?: string; removed: [string, 'keep-removed' | 'restore' | 'add-new'][] }): void {
    if (!this.preview) { this.post({ kind: 'failed', ticket, message: 'The preview is not ready; wait for it, then import again.' }, []); return; }
    const ctx: PlanContext = { now: this.plan.now, newId: this.plan.newId, actor };
    const steps = preparingImportOnCopy(state, ctx, this.preview, {
      now: options.now, intoStrategy: options.intoStrategy, removed: new Map(options.removed),
      ...(options.strategyTitle === undefined ? {} : { strategyTitle: options.strategyTitle }),
    });
    let shown = this.now();
    let step = 0;
    for (;;) {
      const next = steps.next();
      if (next.done) { this.answerPrepared(ticket, next.value); return; }
      step += 1;
      if (this.now() - shown >= progressEveryMs) { shown = this.now(); this.post({ kind: 'progress', ticket, done: step }, []); }
    }
  }

  private answerPrepared(ticket: number, result: PreparedImport | { ok: false; problems: FileProblem[] }): void {
    if (!result.ok) { this.post({ kind: 'problems', ticket, problems: result.problems }, []); return; }
    const { update, created, restored, rootIds, named } = result;
    this.post({ kind: 'prepared', ticket, update, created, restored, rootIds, named }, [update.buffer]);
  }
}

type ImportNodeId = z.infer<typeof nodeIdSchema>;

function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

function failure(kind: 'read' | 'preview' | 'prepare', error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (kind === 'read') return `The file cannot be read: ${reason}.`;
  if (kind === 'preview') return `The preview cannot be built: ${reason}.`;
  return `The import could not be worked out: ${reason}. Nothing was imported.`;
}

/** The preview from the worker's parts, once its last message came: the same ImportPreview the page built before. */
export class PreviewParts {
  private readonly nodes = new Map<string, ImportNode>();
  private readonly rows: RowOutcome[] = [];

  add(part: Extract<ImportWorkResponse, { kind: 'preview-part' }>): void {
    for (const [key, node] of part.nodes) this.nodes.set(key, node);
    for (const row of part.rows) this.rows.push(row);
  }

  /** The whole preview; throws when the parts do not add up to what the last message counts. */
  finish(last: Extract<ImportWorkResponse, { kind: 'preview' }>): ImportPreview {
    if (this.nodes.size !== last.nodeCount || this.rows.length !== last.rowCount) {
      throw new Error(`the import's worker sent ${this.nodes.size} of ${last.nodeCount} items and ${this.rows.length} of ${last.rowCount} rows of the preview`);
    }
    return { mapping: last.mapping, nodes: this.nodes, rootKeys: last.rootKeys, rows: this.rows, problems: last.problems, addedStrategyKey: last.addedStrategyKey, columnNotes: last.columnNotes };
  }
}

/** The rows the page shows of a table (its first TABLE_HEAD_ROWS), with what is said of them: the rest stays in the worker. */
function tableHead(table: SheetTable): SheetTable {
  const { indents, ...rest } = table;
  const shown = indents?.filter((indent) => indent.row <= TABLE_HEAD_ROWS) ?? [];
  return { ...rest, rows: table.rows.slice(0, TABLE_HEAD_ROWS), ...(shown.length > 0 ? { indents: shown } : {}) };
}
