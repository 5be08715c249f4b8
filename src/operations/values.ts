/** Property values a client may send and the graph stores: what Neptune can store (see src/planner/values.ts). */
export type Scalar = string | number | boolean;
