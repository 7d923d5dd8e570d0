/** The case-type catalogue and the departments, loaded once per page that needs them. */
import { api, call } from '../../shared/api.ts';
import { useRemote } from '../shell/use-remote.ts';

export function useCaseTypes() {
  return useRemote(() => call(api.GET('/api/v1/case-types')), 'case-types');
}

export function useDepartments() {
  return useRemote(() => call(api.GET('/api/v1/departments')), 'departments');
}
