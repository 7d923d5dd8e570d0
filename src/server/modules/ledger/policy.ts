/** Who may look at and seal the tamper-evident history (SPEC §3, §9). Pure. */
import type { Role } from '../../../shared/domain.ts';
import { type Actor, hasRole } from '../people/actor.ts';

/** 网格纪检员 inspectors, 旗委政府 leaders and administrators audit the history. */
export const LEDGER_AUDITORS: readonly Role[] = ['grid_inspector', 'leader', 'admin'];
/** Only administrators seal checkpoints by hand (the scheduler seals them too). */
export const LEDGER_SEALERS: readonly Role[] = ['admin'];

/** True when the actor may verify the chain and list its checkpoints. */
export function canAuditLedger(actor: Actor): boolean {
  return hasRole(actor, ...LEDGER_AUDITORS);
}

/** True when the actor may write a checkpoint. */
export function canSealLedger(actor: Actor): boolean {
  return hasRole(actor, ...LEDGER_SEALERS);
}
