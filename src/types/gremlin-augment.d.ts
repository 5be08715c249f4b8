// @types/gremlin (3.6) leaves out members of the 3.7 driver that we rely on; declared here once for the project.
import 'gremlin';

declare module 'gremlin' {
  namespace process {
    interface Bytecode {
      sourceInstructions: any[][];
      stepInstructions: any[][];
    }
    interface Statics<T extends GraphTraversal = GraphTraversal> {
      V: (...args: any[]) => T;
      E: (...args: any[]) => T;
    }
    interface GraphTraversal {
      E(...args: any[]): this;
    }
    interface EnumValue {
      readonly typeName: string;
      readonly elementName: string;
    }
    interface P {
      readonly operator: string;
      readonly value: any;
      readonly other: any;
    }
    interface TextP {
      readonly operator: string;
      readonly value: any;
      readonly other: any;
    }
  }
}
