import { unsupported } from '../../errors';
import type { StepFactory } from '../plan';

/**
 * TinkerPop steps Neptune does not offer, refused by name (rather than as unknown steps) so the error says
 * why: GraphComputer algorithms, io(), and steps whose results the wire formats here do not carry.
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
  call: refuse('call() is not supported: this server, like Neptune, registers no services'),
  subgraph: refuse('subgraph() is not supported'),
  tree: refuse('tree() is not supported'),
  profile: refuse('profile() is not supported'),
  read: refuse('read() is not supported'),
  write: refuse('write() is not supported'),
};
