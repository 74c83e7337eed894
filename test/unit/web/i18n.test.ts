import { currentMachines } from '../../../machines/index';
import { describeFields } from '../../../src/web/event-form';
import { en } from '../../../src/web/i18n/en';
import { type Catalogue, vi } from '../../../src/web/i18n/vi';

/** Every key path of a catalogue (functions and strings are leaves). */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('the string catalogues', () => {
  test('English has exactly the Vietnamese keys (the open maps too: field labels, kinds, values)', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  test('tsc refuses an English catalogue with a key too many or too few', () => {
    // @ts-expect-error an extra key is refused
    const extra: Catalogue = { ...en, extra: 'x' };
    const { nav: _nav, ...rest } = en;
    // @ts-expect-error a missing section is refused
    const missing: Catalogue = rest;
    expect([extra, missing]).toHaveLength(2);
  });

  test('every field of every event a person sends has a label in both languages', () => {
    const missing: string[] = [];
    for (const def of Object.values(currentMachines))
      for (const [event, spec] of Object.entries(def.events)) {
        if (spec.senders.every((s) => s === 'system')) continue;
        const fields = describeFields(spec.payload);
        expect({ event, form: fields !== null }).toEqual({ event, form: true });
        for (const f of fields ?? [])
          for (const [lang, m] of [
            ['vi', vi],
            ['en', en],
          ] as const)
            if (!m.event.fields[f.name]) missing.push(`${lang}: ${def.recordType}.${event}.${f.name}`);
      }
    expect(missing).toEqual([]);
  });

  test('every enum value of an event payload has a label', () => {
    for (const def of Object.values(currentMachines))
      for (const spec of Object.values(def.events))
        for (const f of describeFields(spec.payload) ?? [])
          for (const o of f.options ?? [])
            expect([o, vi.event.values[o], en.event.values[o]].every(Boolean)).toBe(true);
  });
});
