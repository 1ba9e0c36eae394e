// The i18n layer: every text of the UI is a key of the message catalog of the
// current language (Russian today; kk and en follow by adding a catalog with
// the same keys — the type makes a missing key a compile error).
import { ru, type Messages } from './ru';

export type MessageKey = keyof Messages;

const catalogs: Record<string, Messages> = { ru };
let lang = 'ru';

/** setLanguage switches the catalog (falls back to Russian for an unknown language). */
export function setLanguage(l: string) {
  lang = catalogs[l] ? l : 'ru';
  document.documentElement.lang = lang;
}

/** t returns the message for key with {name} placeholders filled from params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const msg: string = catalogs[lang][key] ?? ru[key];
  if (!params) return msg;
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

const numberFormat = new Intl.NumberFormat('ru-RU');
export const fmt = (n: number) => numberFormat.format(n);

/** plural picks the Russian plural form of n: one (1, 21), few (2–4, 22–24), many. */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

const typeNames: Record<string, MessageKey> = {
  Ministry: 'type.Ministry',
  TransformationMap: 'type.TransformationMap',
  Sphere: 'type.Sphere',
  Entity: 'type.Entity',
  Attribute: 'type.Attribute',
  ProcessGroup: 'type.ProcessGroup',
  Process: 'type.Process',
  InformationSystem: 'type.InformationSystem',
  Service: 'type.Service',
  StateFunction: 'type.StateFunction',
  StructuralUnit: 'type.StructuralUnit',
  KPI: 'type.KPI',
  KPITarget: 'type.KPITarget',
  Integration: 'type.Integration',
  Need: 'type.Need',
  Icebreaker: 'type.Icebreaker',
  RoadmapItem: 'type.RoadmapItem',
  RoadmapStep: 'type.RoadmapStep',
  Experience: 'type.Experience',
};

/** typeName is the Russian name of a GraphQL node type (the type itself when unknown). */
export function typeName(type: string): string {
  const k = typeNames[type];
  return k ? t(k) : type;
}

/** statusName translates the enum values of digitization, automation, reengineering and integration status. */
export function statusName(status: string | null | undefined): string {
  if (!status) return '—';
  const k = `status.${status}` as MessageKey;
  return k in ru ? t(k) : status;
}

/** fieldName is the Russian name of the field a search hit matched in (the GraphQL name when unknown). */
export function fieldName(field: string): string {
  const k = `field.${field}` as MessageKey;
  return k in ru ? t(k) : field;
}
