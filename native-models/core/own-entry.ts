// Name → entry look-ups that only see a table's own keys. `table[name]` and `name in table` also find
// Object.prototype's members, so a scheduler, command or sampler called `constructor`, `toString` or `__proto__`
// would get a function (or the prototype) instead of "unknown name, expected one of …".

/** `table[name]` when `name` is one of the table's own keys, else undefined. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** Whether `name` is one of the table's own keys (narrowing it to them). */
export function isOwnKey<K extends string>(table: Readonly<Record<K, unknown>>, name: string): name is K {
  return Object.hasOwn(table, name);
}
