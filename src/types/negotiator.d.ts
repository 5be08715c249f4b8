// negotiator (Apollo Server's own dependency, used for the same job) ships no types; the two methods used here.
declare module 'negotiator' {
  import type { IncomingHttpHeaders } from 'node:http';

  export default class Negotiator {
    constructor(request: { headers: IncomingHttpHeaders });
    /** The most preferred of `available`, or undefined when the request accepts none of them. */
    mediaType(available: string[]): string | undefined;
    /** The acceptable ones of `available`, most preferred first. */
    encodings(available: string[]): string[];
  }
}
