/**
 * A traverser's history: the objects it passed through and the step labels (`as`) attached at each one.
 * Results of `path()` are instances of this class, which the server's serializers write as Gremlin paths.
 */
export class Path {
  constructor(
    readonly labels: ReadonlyArray<readonly string[]>,
    readonly objects: readonly unknown[],
  ) {}
}
