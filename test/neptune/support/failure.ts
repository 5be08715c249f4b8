import { GremlinRequestError } from '../../../src/neptune/errors';

/** The GremlinRequestError a request fails with; the test fails if it succeeds or fails otherwise. */
export async function failure(promise: Promise<unknown>): Promise<GremlinRequestError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(GremlinRequestError);
    return err as GremlinRequestError;
  }
  throw new Error('expected the request to fail');
}
