package nereid.peers.janusgraph;

import java.util.UUID;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.Traverser;
import org.apache.tinkerpop.gremlin.process.traversal.step.Parameterizing;
import org.apache.tinkerpop.gremlin.process.traversal.step.TraversalParent;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.AddVertexStartStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.AddVertexStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.ScalarMapStep;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.AbstractTraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.util.DefaultTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalHelper;
import org.apache.tinkerpop.gremlin.structure.T;

/**
 * Neptune's choice for a vertex added without an id, a fresh UUID string, on JanusGraph: with client-given
 * (string) vertex ids enabled it refuses a vertex without one ("Must provide vertex id"). Each addV without
 * T.id gets a T.id parameter computed per traverser.
 */
public class NeptuneIdStrategy extends AbstractTraversalStrategy<TraversalStrategy.DecorationStrategy> implements TraversalStrategy.DecorationStrategy {
  @Override
  public void apply(Traversal.Admin<?, ?> traversal) {
    for (Object step : TraversalHelper.getStepsOfAssignableClassRecursively(Parameterizing.class, traversal)) {
      if (!(step instanceof AddVertexStartStep || step instanceof AddVertexStep)) continue;
      Parameterizing adding = (Parameterizing) step;
      if (adding.getParameters().contains(T.id)) continue;
      DefaultTraversal<Object, String> uuid = new DefaultTraversal<>();
      uuid.addStep(new UuidStep(uuid));
      adding.getParameters().set((TraversalParent) step, T.id, uuid);
    }
  }

  static final class UuidStep extends ScalarMapStep<Object, String> {
    UuidStep(Traversal.Admin<?, ?> traversal) {
      super(traversal);
    }

    @Override
    protected String map(Traverser.Admin<Object> traverser) {
      return UUID.randomUUID().toString().replace("-", "");
    }
  }
}
