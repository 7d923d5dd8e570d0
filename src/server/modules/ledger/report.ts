/** The ledger report in plain words, for the CLI's `zhizhi verify` (prints `text`, exits 1 when not ok). */
import type { Db } from '../../platform/db/database.ts';
import { type LedgerReport, verifyLedger } from './ledger.ts';

/** A few lines a person can read: the verdict, and when broken, where and why. */
export function formatLedgerReport(report: LedgerReport): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const checkpoints = `${plural(report.checkpoints, 'checkpoint', 'checkpoints')} matched`;
  if (report.ok || !report.firstBroken) {
    const range = report.entries === 0 ? 'the chain is empty' : `seq 1–${report.entries}`;
    return `Ledger intact 台账完整: ${plural(report.entries, 'entry', 'entries')} verified (${range}), ${checkpoints}, head at seq ${report.headSeq}.`;
  }
  const broken = report.firstBroken;
  return [
    `LEDGER BROKEN 台账校验失败: ${broken.problem} at seq ${broken.seq} (id ${broken.id ?? '—'}, case ${broken.caseId ?? '—'})`,
    `  ${broken.message}`,
    `  ${plural(report.entries, 'entry', 'entries')} verified before the break, ${checkpoints}, head at seq ${report.headSeq}.`,
  ].join('\n');
}

/** Verifies the whole ledger and formats the result for the CLI. */
export async function runVerify(db: Db): Promise<{ report: LedgerReport; text: string }> {
  const report = await verifyLedger(db);
  return { report, text: formatLedgerReport(report) };
}
