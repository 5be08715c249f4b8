package nereid.peers.janusgraph;

import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.util.DefaultGraphManager;

/** As nereid.peers.NereidGraphManager, with `g` adding UUID vertex ids where none is given (NeptuneIdStrategy). */
public class JanusGraphManager extends DefaultGraphManager {
  public JanusGraphManager(Settings settings) {
    super(settings);
    for (String name : getGraphNames()) {
      putTraversalSource(name.equals("graph") ? "g" : "g_" + name, getGraph(name).traversal().withStrategies(new NeptuneIdStrategy()));
    }
  }
}
