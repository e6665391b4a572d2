/** A message: text with `{name}` placeholders, or plural forms chosen by the `count` parameter. */
export type Plural = { one: string; few?: string; many?: string; other: string };
export type Message = string | Plural;

export type Params = Record<string, string | number>;

export function format(message: Message, params: Params | undefined, rules: Intl.PluralRules): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(params?.count ?? 0);
    const form = rules.select(count) as keyof Plural;
    text = message[form] ?? message.other;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
