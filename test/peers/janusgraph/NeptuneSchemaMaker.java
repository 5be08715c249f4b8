package nereid.peers.janusgraph;

import org.janusgraph.core.Cardinality;
import org.janusgraph.core.schema.DefaultSchemaMaker;

/**
 * JanusGraph's automatic schema with Neptune's default cardinality: a property key made on first use holds a
 * set of values (JanusGraph's own default is single), so multi-valued properties copied into the graph, or
 * written by the gateway, keep every value.
 */
public class NeptuneSchemaMaker implements DefaultSchemaMaker {
  @Override
  public Cardinality defaultPropertyCardinality(String key) {
    return Cardinality.SET;
  }

  @Override
  public boolean ignoreUndefinedQueryTypes() {
    return true;
  }
}
