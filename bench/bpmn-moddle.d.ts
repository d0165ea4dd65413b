// bpmn-moddle (a dependency of bpmn-engine) ships no types; the benchmark needs one constructor of it.
declare module 'bpmn-moddle' {
  export default class BpmnModdle {
    fromXML(xml: string): Promise<unknown>;
  }
}
