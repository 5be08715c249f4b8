package nereid.peers;

import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.util.DefaultGraphManager;

/**
 * Binds the traversal source `g` to the graph named `graph`, which Gremlin Server otherwise leaves to a Groovy
 * init script: without Groovy the server starts in about half the time, and bytecode and gremlin-lang need no
 * script engine of their own.
 */
public class NereidGraphManager extends DefaultGraphManager {
  public NereidGraphManager(Settings settings) {
    super(settings);
    for (String name : getGraphNames()) {
      putTraversalSource(name.equals("graph") ? "g" : "g_" + name, getGraph(name).traversal());
    }
  }
}
