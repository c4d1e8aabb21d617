import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DOSSIER_COLUMNS, dossierTemplateRows } from '@laurel/domain/dossier/rows';

export type DossierFileFormat = 'xlsx' | 'csv';

/** A spreadsheet that cannot be read at all: the whole file is refused, with why. */
/** A file that is no list at all; `code` and `params` word it in the web app (as a row problem's do). */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    readonly code: 'FILE_UNREADABLE' | 'FILE_NO_SHEET' | 'FILE_TOO_MANY_ROWS' = 'FILE_UNREADABLE',
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

const MAX_ROWS = 5000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell as the user sees it: Excel dates as dd/mm/yyyy, numbers as written, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel stores a date cell as a serial day; exceljs gives it as UTC midnight.
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/** The first sheet's rows as text, blank rows kept (so row numbers are the sheet's). */
export async function readDossierFile(format: DossierFileFormat, bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (format === 'xlsx') {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } else {
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      // Every value stays text: "31/02/1985" must reach the checks as written, not as a guessed date.
      await workbook.csv.read(Readable.from([text]), {
        map: (value: unknown) => value,
        parserOptions: { delimiter: detectDelimiter(text) },
      });
    }
  } catch (error) {
    throw new UnreadableFileError(
      `the file is not a readable ${format.toUpperCase()}: ${(error as Error).message}`,
      'FILE_UNREADABLE',
      { format: format.toUpperCase() },
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError('the file has no sheet', 'FILE_NO_SHEET');
  if (sheet.rowCount > MAX_ROWS) {
    throw new UnreadableFileError(`the sheet has more than ${MAX_ROWS} rows`, 'FILE_TOO_MANY_ROWS', { max: MAX_ROWS });
  }
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, DOSSIER_COLUMNS.length); c++)
      cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

/** Vietnamese Excel exports CSV with ";" as often as ",": the header line tells. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** The template Laurel offers: the list sheet with its headers and two sample rows, and a sheet of help. */
export async function dossierTemplate(format: DossierFileFormat, campaignYear: number): Promise<Buffer> {
  const rows = dossierTemplateRows(campaignYear);
  if (format === 'csv') {
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    // A byte-order mark, so Excel opens the Vietnamese text as UTF-8.
    return Buffer.from('\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Laurel';
  // Fixed dates: the same template gives the same bytes.
  workbook.created = new Date(Date.UTC(campaignYear, 0, 1));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.columns = DOSSIER_COLUMNS.map((c) => ({ width: Math.max(12, c.header.length + 6) }));
  rows.forEach((r) => sheet.addRow(r));
  sheet.getRow(1).font = { bold: true };
  // Dates typed as text keep their dd/mm/yyyy form.
  sheet.getColumn(4).numFmt = '@';
  const help = workbook.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 28 }, { width: 12 }, { width: 90 }];
  help.addRow(['Cột', 'Bắt buộc', 'Cách ghi']).font = { bold: true };
  for (const c of DOSSIER_COLUMNS) help.addRow([c.header, c.required ? 'Có' : '', c.help]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
