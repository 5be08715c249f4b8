import { unsupported } from '../../errors';
import type { StepFactory } from '../plan';

/**
 * TinkerPop steps this server does not run, refused by name (rather than as unknown steps) so the error says
 * why: GraphComputer algorithms and io(), which Neptune lacks too, call() services, and steps whose results
 * (trees, subgraphs, profiles) the server does not produce.
 */
const refuse =
  (reason: string): StepFactory =>
  () => {
    throw unsupported(reason);
  };

const computer = (step: string) => refuse(`${step}() is not supported: it needs a GraphComputer, which this server (like Neptune) does not have`);

export const refusedSteps: Record<string, StepFactory> = {
  pageRank: computer('pageRank'),
  peerPressure: computer('peerPressure'),
  connectedComponent: computer('connectedComponent'),
  shortestPath: computer('shortestPath'),
  program: computer('program'),
  io: refuse('io() is not supported: load data with the Neptune bulk-load CSV import instead'),
  call: refuse('call() is not supported: this server registers no services'),
  subgraph: refuse('subgraph() is not supported'),
  tree: refuse('tree() is not supported'),
  profile: refuse('profile() is not supported'),
  read: refuse('read() is not supported'),
  write: refuse('write() is not supported'),
};
