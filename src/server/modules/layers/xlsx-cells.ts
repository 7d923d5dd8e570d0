/**
 * An Excel sheet (exceljs) as header names and rows of plain values: rich text, formulas,
 * hyperlinks and dates flattened to what a person sees in the cell.
 */
import type { CellValue, Worksheet } from 'exceljs';
import type { AttributeValue } from './feature.ts';

/** One data row: its sheet row number and its values by header. */
export interface SheetRow {
  row: number;
  values: Record<string, AttributeValue>;
}

/** A cell's value as a plain attribute value. */
export function plainValue(value: CellValue): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return plainValue(value.result as CellValue);
    if ('text' in value) return plainValue(value.text as CellValue);
    if ('error' in value) return null;
  }
  return String(value);
}

/** The header (first row) and every non-empty row below it. */
export function sheetRows(sheet: Worksheet): { headers: string[]; rows: SheetRow[] } {
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, column) => {
    const text = plainValue(cell.value);
    if (text !== null) headers[column] = String(text).trim();
  });
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values: Record<string, AttributeValue> = {};
    let any = false;
    headers.forEach((header, column) => {
      if (!header) return;
      const value = plainValue(row.getCell(column).value);
      values[header] = typeof value === 'string' ? value.trim() : value;
      if (value !== null && value !== '') any = true;
    });
    if (any) rows.push({ row: number, values });
  });
  return { headers: headers.filter((h) => h !== undefined && h !== ''), rows };
}
