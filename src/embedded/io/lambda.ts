/**
 * A lambda as a client sent it (GraphSON `g:Lambda`, GraphBinary 0x1d). It is kept as data, never evaluated:
 * Neptune refuses lambdas, and so does the interpreter, naming the step that received one (it recognises the
 * `script` member).
 */
export class Lambda {
  constructor(
    readonly script: string,
    readonly language: string,
    readonly argumentCount: number,
  ) {}
}
