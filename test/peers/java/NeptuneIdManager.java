package nereid.peers;

import java.util.UUID;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.AbstractTinkerGraph;

/**
 * Element ids as Neptune has them: whatever the client gives (TinkerGraph's ANY), and a random UUID string when
 * it gives none, where ANY would count up from 0 in longs.
 */
public class NeptuneIdManager implements AbstractTinkerGraph.IdManager<Object> {
  @Override
  public Object getNextId(AbstractTinkerGraph graph) {
    return UUID.randomUUID().toString();
  }

  @Override
  public Object convert(Object id) {
    return id;
  }

  @Override
  public boolean allow(Object id) {
    return true;
  }
}
