import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';

/**
 * The peer of the case-engine benchmark: paed01/bpmn-engine running the same shape as an
 * `enterprise-startup` application — one intake task, four parallel tasks, a join — in memory,
 * with every user task signalled as soon as it waits.
 */
export const BUNDLE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <process id="startup" isExecutable="true">
    <startEvent id="start" />
    <userTask id="intake" />
    <parallelGateway id="fork" />
    <userTask id="licence" />
    <userTask id="seal" />
    <userTask id="bank" />
    <userTask id="invoice" />
    <parallelGateway id="join" />
    <endEvent id="end" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="intake" />
    <sequenceFlow id="f1" sourceRef="intake" targetRef="fork" />
    <sequenceFlow id="f2" sourceRef="fork" targetRef="licence" />
    <sequenceFlow id="f3" sourceRef="fork" targetRef="seal" />
    <sequenceFlow id="f4" sourceRef="fork" targetRef="bank" />
    <sequenceFlow id="f5" sourceRef="fork" targetRef="invoice" />
    <sequenceFlow id="f6" sourceRef="licence" targetRef="join" />
    <sequenceFlow id="f7" sourceRef="seal" targetRef="join" />
    <sequenceFlow id="f8" sourceRef="bank" targetRef="join" />
    <sequenceFlow id="f9" sourceRef="invoice" targetRef="join" />
    <sequenceFlow id="f10" sourceRef="join" targetRef="end" />
  </process>
</definitions>`;

/** The process parsed once (bpmn-engine's `moddleContext` option), so only execution is measured. */
async function parsedContext(): Promise<unknown> {
  const { default: BpmnModdle } = await import('bpmn-moddle');
  return new BpmnModdle().fromXML(BUNDLE_BPMN);
}

/** Runs one process instance to its end; resolves when it completes. */
function runOne(i: number, moddleContext: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const engine = new Engine({ name: `startup-${i}`, moddleContext });
    const listener = new EventEmitter();
    listener.on('wait', (api: { signal: (m?: unknown) => void }) => api.signal({ approved: true }));
    engine.once('end', () => resolve());
    engine.once('error', (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))));
    void engine.execute({ listener }).catch(reject);
  });
}

/** Completes `total` instances with `concurrency` in flight; returns completed instances per second. */
export async function bpmnRate(total: number, concurrency: number): Promise<number> {
  const context = await parsedContext();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await runOne(next++, context);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}
