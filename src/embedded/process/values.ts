/**
 * An entry of a map, as `unfold()` of a map yields and `select(keys)`/`select(values)` read. It is a
 * one-entry Map, which is how Gremlin serialises entries, so serializers need no special case.
 */
export class MapEntry extends Map<unknown, unknown> {
  constructor(
    readonly key: unknown,
    readonly value: unknown,
  ) {
    super([[key, value]]);
  }
}
