import { TypedSchemaError, typedSchemaModule } from '../../src/gateway/typed-schema';

/** The problems a typed SDL is refused for, one per line as the startup error lists them; fails if it is accepted. */
export function problemsOf(sdl: string): string[] {
  try {
    typedSchemaModule(sdl, 'my.graphql');
  } catch (err) {
    if (err instanceof TypedSchemaError) return err.message.split('\n').slice(1).map((l) => l.trim());
    throw err;
  }
  throw new Error('expected the schema to be refused');
}
