/**
 * The password rule (src/shared/password-rule.ts) as an antd form rule, so an administrator sees
 * why a password is refused before saving; the server checks the same rule again.
 */
import type { FormInstance, FormRule } from 'antd';
import { passwordProblem } from '../../../../shared/password-rule.ts';
import type { AdminI18n } from '../common/use-admin-i18n.ts';

/** A rule checking the field against the password rule, with the username and phone of `context`. */
export function passwordRule(
  t: AdminI18n['t'],
  context: (form: Pick<FormInstance, 'getFieldValue'>) => { username?: string; phone?: string },
): FormRule {
  return (form) => ({
    validator(_, value: string | undefined) {
      if (!value) return Promise.resolve();
      const problem = passwordProblem(value, context(form));
      return problem ? Promise.reject(new Error(t(`passwordProblem.${problem.code}`))) : Promise.resolve();
    },
  });
}
