import { describe, expect, it } from 'vitest';
import { ACTION_FIELDS, ACTION_PHOTOS, bodyOf, missingField } from './fields.ts';

describe('action forms', () => {
  it('ask only for what each action body takes', () => {
    expect(ACTION_FIELDS.dispatch?.map((f) => f.name)).toEqual(['handlerIds', 'note']);
    expect(ACTION_FIELDS.escalate?.map((f) => f.name)).toEqual(['reason', 'note']);
    expect(ACTION_FIELDS.accept?.map((f) => f.name)).toEqual(['note']);
    expect(ACTION_FIELDS.supervise?.map((f) => f.name)).toEqual(['reason', 'dueInWorkdays']);
  });

  it('name the first required field left empty', () => {
    const fields = ACTION_FIELDS.mediate ?? [];
    expect(missingField(fields, {})?.name).toBe('outcome');
    expect(missingField(fields, { outcome: 'failed' })).toBeUndefined();
    expect(missingField(ACTION_FIELDS.dispatch ?? [], { handlerIds: [] })?.name).toBe('handlerIds');
    expect(missingField(ACTION_FIELDS.progress ?? [], { note: '   ' })?.name).toBe('note');
  });

  it('build the body: trimmed text, lists, numbers and booleans, empty optional fields left out', () => {
    expect(
      bodyOf(ACTION_FIELDS.mediate ?? [], {
        outcome: 'partial',
        participants: '网格员，双方牧户、 嘎查书记',
        venue: '  ',
        note: ' 约定下周再谈 ',
      }),
    ).toEqual({ outcome: 'partial', participants: ['网格员', '双方牧户', '嘎查书记'], note: '约定下周再谈' });
    expect(bodyOf(ACTION_FIELDS.visit ?? [], { satisfied: 'no', rating: '2', comment: '' })).toEqual({
      satisfied: false,
      rating: 2,
    });
    expect(bodyOf(ACTION_FIELDS.dispatch ?? [], { handlerIds: ['a', 'b'], note: '' })).toEqual({
      handlerIds: ['a', 'b'],
    });
  });

  it('find the case to merge into by its number, not by an internal id (issue 7 #14)', () => {
    expect(ACTION_FIELDS.merge?.[0]).toMatchObject({ name: 'intoCaseId', kind: 'case', required: true });
  });

  it('take before/after photos with feedback and before photos with progress (issue 7 #11)', () => {
    expect(ACTION_PHOTOS.feedback).toEqual(['before', 'after']);
    expect(ACTION_PHOTOS.progress).toEqual(['before']);
    expect(ACTION_PHOTOS.accept).toBeUndefined();
  });
});
