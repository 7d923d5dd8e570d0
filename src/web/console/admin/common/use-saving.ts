/** Saving a form to the API: the busy flag, and a server error shown on its field or above the form. */
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { showApiError } from './api-errors.ts';

/** What `useSaving` gives a form. */
export interface Saving {
  /** True while a save is under way (for the OK button's spinner). */
  saving: boolean;
  /** An error no field of the form names, for a banner above the form. */
  problem: string | undefined;
  /** Clears the last problem, runs `work` while `saving`, and shows any error it throws. */
  attempt(work: () => Promise<void>): Promise<void>;
}

/**
 * Tracks one form's saves: an error the server pins on a field (after `rename` maps the server's
 * field onto the form's) lands on that field; any other error becomes `problem`.
 */
export function useSaving(
  form: FormInstance,
  rename?: (path: (string | number)[]) => (string | number)[] | undefined,
): Saving {
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const attempt = async (work: () => Promise<void>) => {
    setProblem(undefined);
    setSaving(true);
    try {
      await work();
    } catch (error) {
      setProblem(showApiError(form, error, rename));
    } finally {
      setSaving(false);
    }
  };
  return { saving, problem, attempt };
}
